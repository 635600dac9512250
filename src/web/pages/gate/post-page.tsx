import { useState } from 'react';
import { Badge, Button, Card, Flex, Select, Space, Tabs, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { usePostBoard } from '../../api/gate';
import { useSession } from '../../components/session';
import { useDocumentTitle } from '../../shared/use-document-title';
import { POST_CARDS, POST_TABS, type PostTab } from './post-cards';
import { useGateI18n } from './use-gate-i18n';
import './gate.css';

/**
 * 门岗: the guard's post screen, phone first, one tab per task: verify what is scanned or typed,
 * visitors (expected, inside), walk-in registration, goods release, and the guard's own duty (patrol round,
 * shift handover). The open tab is kept in the address (`?tab=`), so a reload stays on it.
 */
export function PostPage() {
  const { t, locale } = useGateI18n();
  const me = useSession();
  useDocumentTitle(t('post.title'));
  const [params, setParams] = useSearchParams();
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities.length === 1 ? me.communities[0]!.id : undefined);
  const { data: board } = usePostBoard(communityId);
  const cards = POST_CARDS.filter((c) => c.roles.some((r) => me.roles.includes(r)));
  const tabs = POST_TABS.filter((tab) => cards.some((c) => c.tab === tab));
  const asked = params.get('tab') as PostTab | null;
  const active = asked && tabs.includes(asked) ? asked : tabs[0];
  // What waits on a tab, so the guard sees it without opening it.
  const waiting: Partial<Record<PostTab, number>> = { visitors: board?.expected.length ?? 0, goods: board?.slips.length ?? 0 };
  return (
    <div className="gate-post">
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('post.title')}
          </Typography.Title>
          <Link to="/gate-records">
            <Button icon={<HistoryOutlined />}>{t('post.records')}</Button>
          </Link>
        </Flex>
        {me.communities.length > 1 ? (
          <Select
            size="large"
            allowClear
            style={{ width: '100%' }}
            placeholder={t('post.community')}
            aria-label={t('post.community')}
            value={communityId}
            onChange={setCommunityId}
            options={me.communities.map((c) => ({ value: c.id, label: c.name }))}
          />
        ) : null}
        <Tabs
          className="gate-post-tabs"
          activeKey={active}
          onChange={(key) => setParams((p) => (p.set('tab', key), p), { replace: true })}
          items={tabs.map((tab) => ({
            key: tab,
            label: (
              <span data-testid={`post-tab-${tab}`}>
                {t(`post.tab.${tab}`)}
                {waiting[tab] ? <Badge count={waiting[tab]} size="small" offset={[4, -8]} color="blue" /> : null}
              </span>
            ),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }} size={12}>
                {cards
                  .filter((card) => card.tab === tab)
                  .map((card) => {
                    const Component = card.component;
                    return (
                      <Card key={card.key} title={typeof card.title === 'function' ? card.title(locale) : t(card.title)} size="small" data-testid={`post-card-${card.key}`}>
                        <Component communityId={communityId} />
                      </Card>
                    );
                  })}
              </Space>
            ),
          }))}
        />
      </Space>
    </div>
  );
}
