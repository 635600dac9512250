import { Link } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Space, Table, Tag, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, CheckCircleFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useStandardsIndex, type StandardsIndex } from '../../api/standards';
import { useMediaQuery } from '../../components/use-media-query';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';
import { ScopeSelect } from './scope-select';
import { LEVEL_KEYS, SCOPE_COLORS, SCOPE_KEYS, authorText, localized, reasonText } from './standard-format';
import { useStandardsScope } from './use-standards-scope';

type StandardRow = StandardsIndex['standards'][number];

/** The service levels with their services, and the standards in effect for the chosen scope. */
export function StandardsIndexPage() {
  const { t, locale } = useI18n();
  usePageTitle('nav.standards');
  const scope = useStandardsScope();
  const { data, error, isPending, refetch } = useStandardsIndex(scope.communityId);
  const isPhone = useMediaQuery('(max-width: 575px)');
  const { token } = theme.useToken();

  const contracted = data?.communityLevel ?? null;
  const columns: TableColumnsType<StandardRow> = [
    {
      title: t('standards.name'),
      key: 'name',
      render: (_, row) => <Link to={`/standards/${row.key}${scope.search}`}>{localized(row.name, locale)}</Link>,
    },
    { title: t('standards.minLevel'), key: 'minLevel', width: 120, render: (_, row) => t(LEVEL_KEYS[row.minLevel]) },
    {
      title: t('standards.version'),
      key: 'version',
      width: 160,
      render: (_, row) => (
        <Space size={4}>
          <Tag color={SCOPE_COLORS[row.effective.scope]} style={{ marginInlineEnd: 0 }}>
            {t(SCOPE_KEYS[row.effective.scope])}
          </Tag>
          <Typography.Text>v{row.effective.version}</Typography.Text>
        </Space>
      ),
    },
    { title: t('standards.author'), key: 'author', width: 140, render: (_, row) => authorText(row.effective, t) },
    {
      title: t('standards.reason'),
      key: 'reason',
      render: (_, row) => <Typography.Text ellipsis={{ tooltip: reasonText(row.effective, t) }}>{reasonText(row.effective, t)}</Typography.Text>,
    },
    {
      title: t('standards.savedAt'),
      key: 'at',
      width: 170,
      render: (_, row) => dayjs(row.effective.createdAt).format('YYYY-MM-DD HH:mm'),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('nav.standards')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('standards.description')}</Typography.Text>
        </div>
        <Space wrap>
          <ScopeSelect scope={scope} />
          <Link to={`/standards/calendar${scope.search}`}>
            <Button icon={<CalendarOutlined />}>{t('calendar.title')}</Button>
          </Link>
        </Space>
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={error.message}
          action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
        />
      ) : null}
      <Card title={t('standards.levels')} loading={isPending} data-testid="service-levels">
        {contracted ? (
          <Typography.Paragraph>
            {t('standards.contractedLevel', { community: scope.communityName ?? '', level: t(LEVEL_KEYS[contracted]) })}
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph type="secondary">{t('standards.levelsCompanyHint')}</Typography.Paragraph>
        )}
        <Row gutter={[16, 16]}>
          {data?.levels.map((level, index) => {
            const isContracted = level.level === contracted;
            const included = contracted !== null && level.level <= contracted;
            const lower = data.levels.slice(0, index).reduce((n, l) => n + l.services.length, 0);
            return (
              <Col key={level.level} xs={24} lg={8}>
                <Card
                  size="small"
                  data-testid={`level-${level.level}`}
                  style={{
                    height: '100%',
                    borderColor: isContracted ? token.colorPrimary : undefined,
                    boxShadow: isContracted ? `0 0 0 1px ${token.colorPrimary}` : undefined,
                    opacity: contracted !== null && !included ? 0.6 : 1,
                  }}
                  title={
                    <Space size={8} wrap>
                      <span>{localized(level.name, locale)}</span>
                      {isContracted ? (
                        <Tag color="processing" icon={<CheckCircleFilled />}>
                          {t('standards.contracted')}
                        </Tag>
                      ) : null}
                      {contracted !== null && !included ? <Tag>{t('standards.notContracted')}</Tag> : null}
                    </Space>
                  }
                >
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {localized(level.description, locale)}
                  </Typography.Paragraph>
                  {index > 0 ? (
                    <Typography.Paragraph style={{ fontSize: 13, marginBottom: 8 }}>
                      {t('standards.includesLower', {
                        level: localized(data.levels[index - 1]!.name, locale),
                        count: lower,
                      })}
                    </Typography.Paragraph>
                  ) : null}
                  <Flex wrap gap={6}>
                    {level.services.map((service) =>
                      service.hasStandard ? (
                        <Link key={service.key} to={`/standards/${service.key}${scope.search}`}>
                          <Tag color="blue" style={{ marginInlineEnd: 0, cursor: 'pointer' }}>
                            {localized(service.name, locale)}
                          </Tag>
                        </Link>
                      ) : (
                        <Tag key={service.key} style={{ marginInlineEnd: 0 }}>
                          {localized(service.name, locale)}
                        </Tag>
                      ),
                    )}
                  </Flex>
                </Card>
              </Col>
            );
          })}
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          {t('standards.serviceTagHint')}
        </Typography.Paragraph>
      </Card>
      <Card
        title={t('standards.inEffect', { scope: scope.communityName ?? t('standards.companyScope') })}
        styles={{ body: { padding: isPhone ? 12 : 0 } }}
      >
        {isPhone ? (
          <div data-testid="standards-list">
            {(data?.standards ?? []).map((row, i) => (
              <div
                key={row.key}
                style={{ paddingBlock: 10, borderTop: i ? `1px solid ${token.colorBorderSecondary}` : undefined }}
              >
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Link to={`/standards/${row.key}${scope.search}`} style={{ fontSize: 15 }}>
                    {localized(row.name, locale)}
                  </Link>
                  <Space size={6} wrap>
                    <Tag color={SCOPE_COLORS[row.effective.scope]} style={{ marginInlineEnd: 0 }}>
                      {t(SCOPE_KEYS[row.effective.scope])}
                    </Tag>
                    <Typography.Text>v{row.effective.version}</Typography.Text>
                    <Typography.Text type="secondary">{t(LEVEL_KEYS[row.minLevel])}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {authorText(row.effective, t)} · {dayjs(row.effective.createdAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 13 }}>{reasonText(row.effective, t)}</Typography.Text>
                </Space>
              </div>
            ))}
          </div>
        ) : (
          <Table<StandardRow>
            rowKey="key"
            columns={columns}
            dataSource={data?.standards ?? []}
            loading={isPending}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="standards-table"
          />
        )}
      </Card>
    </Space>
  );
}
