import type { ComponentType } from 'react';
import { Empty, Space } from 'antd';
import type { Role } from '../../../common/roles';
import { usePostBoard } from '../../api/gate';
import type { GateMessageKey } from './gate-messages';
import { PassCard } from './pass-card';
import { PassForm } from './pass-form';
import { ScanCard } from './scan-card';
import { SlipCard } from './slip-card';
import { useGateI18n } from './use-gate-i18n';
import { HandoverCard, PatrolRoundCard } from '../patrol/post-cards';
import { SECURITY_MESSAGES } from '../patrol/security-messages';

/** What every card of the post screen receives. */
export interface PostCardProps {
  /** The community the post is at; undefined covers every community the guard serves. */
  communityId?: string;
}

/**
 * One section of the guard's post screen. The screen shows the cards whose roles the user
 * holds, in this order; another module adds its card (a patrol round, the shift handover) with
 * one entry here, with its title in its own texts via `title` when it is not a gate text.
 */
export interface PostCard {
  key: string;
  /** Title from the gate texts, or a function giving it in the current language. */
  title: GateMessageKey | ((locale: 'zh-CN' | 'en-US') => string);
  roles: readonly Role[];
  /** The tab of the post screen the card sits on: one task per tab, so a phone never scrolls through them all. */
  tab: PostTab;
  component: ComponentType<PostCardProps>;
}

/** The post screen's tabs by task, in order: verify what is scanned, visitors expected and inside, walk-in registration, goods release, the guard's own duty. */
export const POST_TABS = ['verify', 'visitors', 'walk-in', 'goods', 'duty'] as const;
export type PostTab = (typeof POST_TABS)[number];

const POST_STAFF: Role[] = ['guard', 'service_desk', 'project_manager', 'company_admin'];

function ExpectedCard({ communityId }: PostCardProps) {
  const { t } = useGateI18n();
  const { data } = usePostBoard(communityId);
  if (!data?.expected.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('expected.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      {data.expected.map((p) => (
        <PassCard key={p.id} pass={p} compact />
      ))}
    </Space>
  );
}

function InsideCard({ communityId }: PostCardProps) {
  const { t } = useGateI18n();
  const { data } = usePostBoard(communityId);
  if (!data?.inside.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inside.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      {data.inside.map((p) => (
        <PassCard key={p.id} pass={p} compact />
      ))}
    </Space>
  );
}

function SlipsCard({ communityId }: PostCardProps) {
  const { t } = useGateI18n();
  const { data } = usePostBoard(communityId);
  if (!data?.slips.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('slips.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      {data.slips.map((s) => (
        <SlipCard key={s.id} slip={s} />
      ))}
    </Space>
  );
}

function WalkInCard() {
  return <PassForm mode="walk_in" />;
}

/** The post screen's sections, in order. */
export const POST_CARDS: readonly PostCard[] = [
  { key: 'scan', title: 'scan.title', roles: POST_STAFF, tab: 'verify', component: ScanCard },
  { key: 'expected', title: 'expected.title', roles: POST_STAFF, tab: 'visitors', component: ExpectedCard },
  { key: 'inside', title: 'inside.title', roles: POST_STAFF, tab: 'visitors', component: InsideCard },
  { key: 'walk-in', title: 'walkIn.title', roles: ['guard'], tab: 'walk-in', component: WalkInCard },
  { key: 'slips', title: 'slips.title', roles: POST_STAFF, tab: 'goods', component: SlipsCard },
  { key: 'patrol', title: (locale) => SECURITY_MESSAGES[locale]['card.round'], roles: ['guard'], tab: 'duty', component: PatrolRoundCard },
  { key: 'handover', title: (locale) => SECURITY_MESSAGES[locale]['card.handover'], roles: ['guard'], tab: 'duty', component: HandoverCard },
];
