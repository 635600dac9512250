import { Card, Col, Row, Space, Tag, Typography, theme } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSession } from '../../components/session';
import { useIsDesktop } from '../../components/use-media-query';
import { useI18n } from '../../i18n/i18n-context';
import { navEntriesFor } from '../../nav-registry';
import { PostCard } from './post-card';
import { QueueCard, useWorkQueues } from './queue-card';
import { StatsCard } from './stats-card';

/**
 * The workspace of each role: what waits for them now, counted by the API and linked to the
 * filtered lists (the desk's, dispatcher's, technician's and manager's queues, the guard's post),
 * plus the 30-day statistics for managers. The menu is listed only for roles with nothing to count.
 */
export function HomePage() {
  const me = useSession();
  const { t, roleLabel } = useI18n();
  const { token } = theme.useToken();
  const isDesktop = useIsDesktop();
  const queues = useWorkQueues();
  const hasQueues = (queues.data?.queues.length ?? 0) > 0 || queues.isPending;
  const isGuard = me.roles.includes('guard');
  const isManager = me.roles.some((r) => r === 'company_admin' || r === 'project_manager');
  const shortcuts = navEntriesFor(me.roles).filter((entry) => entry.path !== '/');
  const showShortcuts = !hasQueues && !isGuard && !isManager && shortcuts.length > 0;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <div>
        <Typography.Title level={isDesktop ? 2 : 3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="greeting">
          {t('home.greeting', { name: me.user.displayName })}
        </Typography.Title>
        <Space size={[6, 6]} wrap>
          <Space size={[6, 6]} wrap data-testid="home-roles">
            {me.roles.map((role) => (
              <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                {roleLabel(role)}
              </Tag>
            ))}
          </Space>
          <Typography.Text type="secondary" data-testid="home-organization">
            {me.organization?.name ?? t('home.noOrganization')}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="home-communities">
            {me.communities.length ? (
              <>
                <span>{t('home.communities')}</span>
                {me.communities.map((c) => (
                  <span key={c.id} style={{ marginInlineStart: 8 }}>
                    {c.name}
                  </span>
                ))}
              </>
            ) : (
              t('home.noCommunities')
            )}
          </Typography.Text>
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        {isGuard ? (
          <Col xs={24} lg={12}>
            <PostCard />
          </Col>
        ) : null}
        {hasQueues ? (
          <Col xs={24}>
            <QueueCard queues={queues} />
          </Col>
        ) : null}
        {isManager ? (
          <Col xs={24}>
            <StatsCard />
          </Col>
        ) : null}
        {showShortcuts ? (
          <Col xs={24} md={12}>
            <Card title={t('home.shortcuts')}>
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {shortcuts.map((entry, index) => (
                  <li key={entry.path} style={{ borderBottom: index === shortcuts.length - 1 ? 'none' : `1px solid ${token.colorBorderSecondary}`, fontSize: 15 }}>
                    <Link to={entry.path} style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '12px 4px' }}>
                      {entry.icon}
                      <span style={{ flex: 1 }}>{t(entry.labelKey)}</span>
                      <RightOutlined />
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        ) : null}
      </Row>
    </Space>
  );
}
