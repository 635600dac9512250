import { Card, Col, Empty, Row, Space, Tag, Typography, theme } from 'antd';
import { ApartmentOutlined, BankOutlined, IdcardOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useSession } from '../../components/session';
import { useIsDesktop } from '../../components/use-media-query';
import { useI18n } from '../../i18n/i18n-context';
import { navEntriesFor } from '../../nav-registry';
import { StatsCard } from './stats-card';

/** The workspace: who you are, where you work, and the pages open to you. */
export function HomePage() {
  const me = useSession();
  const { t, roleLabel } = useI18n();
  const { token } = theme.useToken();
  const isDesktop = useIsDesktop();
  const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;
  const itemStyle = (last: boolean) =>
    ({ borderBottom: last ? 'none' : `1px solid ${token.colorBorderSecondary}`, fontSize: 15 }) as const;
  const shortcuts = navEntriesFor(me.roles).filter((entry) => entry.path !== '/');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <div>
        <Typography.Title level={isDesktop ? 2 : 3} style={{ marginTop: 0, marginBottom: 4 }} data-testid="greeting">
          {t('home.greeting', { name: me.user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 15 }}>
          {t('home.intro')}
        </Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={<Space><BankOutlined />{t('home.organization')}</Space>} style={{ height: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="home-organization">
              {me.organization?.name ?? t('home.noOrganization')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('home.account', { username: me.user.username })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<Space><IdcardOutlined />{t('home.roles')}</Space>} style={{ height: '100%' }}>
            <Space size={[8, 8]} wrap data-testid="home-roles">
              {me.roles.map((role) => (
                <Tag key={role} color="blue" style={{ fontSize: 14, padding: '4px 10px', marginInlineEnd: 0 }}>
                  {roleLabel(role)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={shortcuts.length > 0 ? 12 : 24}>
          <Card title={<Space><ApartmentOutlined />{t('home.communities')}</Space>} style={{ height: '100%' }}>
            {me.communities.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noCommunities')} />
            ) : (
              <ul data-testid="home-communities" style={listStyle}>
                {me.communities.map((community, index) => (
                  <li key={community.id} style={{ ...itemStyle(index === me.communities.length - 1), padding: '12px 4px' }}>
                    {community.name}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        {me.roles.some((r) => r === 'company_admin' || r === 'project_manager') ? (
          <Col xs={24}>
            <StatsCard />
          </Col>
        ) : null}
        {shortcuts.length > 0 ? (
          <Col xs={24} md={12}>
            <Card title={t('home.shortcuts')} style={{ height: '100%' }}>
              <ul style={listStyle}>
                {shortcuts.map((entry, index) => (
                  <li key={entry.path} style={itemStyle(index === shortcuts.length - 1)}>
                    <Link
                      to={entry.path}
                      style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '12px 4px' }}
                    >
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
