import { useState } from 'react';
import { Card, Select, Space, Typography } from 'antd';
import { useSession } from '../../components/session';
import { useDocumentTitle } from '../../shared/use-document-title';
import { POST_CARDS } from './post-cards';
import { useGateI18n } from './use-gate-i18n';
import './gate.css';

/**
 * 门岗: the guard's post screen, phone first. Scan or look up a pass or slip, today's expected
 * visitors, goods awaiting release, visitors inside and walk-in registration, one card each.
 */
export function PostPage() {
  const { t, locale } = useGateI18n();
  const me = useSession();
  useDocumentTitle(t('post.title'));
  const [communityId, setCommunityId] = useState<string | undefined>(me.communities.length === 1 ? me.communities[0]!.id : undefined);
  const cards = POST_CARDS.filter((c) => c.roles.some((r) => me.roles.includes(r)));
  return (
    <div className="gate-post">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('post.title')}
        </Typography.Title>
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
        {cards.map((card) => {
          const Component = card.component;
          return (
            <Card key={card.key} title={typeof card.title === 'function' ? card.title(locale) : t(card.title)} size="small" data-testid={`post-card-${card.key}`}>
              <Component communityId={communityId} />
            </Card>
          );
        })}
      </Space>
    </div>
  );
}
