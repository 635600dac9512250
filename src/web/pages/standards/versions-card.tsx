import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Space, Table, Tag, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { DiffOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Locale } from '../../../common/locale';
import { useStandardVersions, useVersionComparison, type ServiceStandard, type VersionSummary } from '../../api/standards';
import { useSession } from '../../components/session';
import { useI18n, type I18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages';
import { SCOPE_COLORS, SCOPE_KEYS, authorText, durationText, localized, reasonText } from './standard-format';

const SECTION_KEYS: Record<string, MessageKey> = {
  name: 'standards.path.name',
  scope: 'standards.path.scope',
  minLevel: 'standards.path.minLevel',
  intakeRoles: 'standards.path.intakeRoles',
  states: 'standards.path.states',
  initialState: 'standards.path.initialState',
  transitions: 'standards.path.transitions',
  timeLimits: 'standards.path.timeLimits',
  levelOverrides: 'standards.path.levelOverrides',
  escalations: 'standards.path.escalations',
  categories: 'standards.path.categories',
  checklist: 'standards.path.checklist',
  duration: 'standards.path.duration',
  minutes: 'standards.path.minutes',
  workingDays: 'standards.path.workingDays',
  calendar: 'standards.path.calendar',
  warnAtShare: 'standards.path.warnAtShare',
  roles: 'standards.path.roles',
};

type Keyed = { key: string; name?: Record<Locale, string>; text?: Record<Locale, string> };

/** "时限 › 首次答复 › 时长 › 分钟" from `timeLimits[first_reply].duration.minutes`. */
function pathText(path: string, standard: ServiceStandard, t: I18n['t'], locale: Locale): string {
  const parts = path.match(/\[[^\]]+\]|[^.[\]]+/g) ?? [path];
  let section: string | null = null;
  return parts
    .map((part) => {
      if (part.startsWith('[')) {
        const key = part.slice(1, -1);
        const list = section ? (standard as unknown as Record<string, Keyed[] | undefined>)[section] : undefined;
        const item = Array.isArray(list) ? list.find((x) => x.key === key) : undefined;
        return localized(item?.name ?? item?.text, locale) || key;
      }
      if (section === 'levelOverrides' && /^[123]$/.test(part)) return t(`standards.level.${part}` as MessageKey);
      if (section === 'levelOverrides' && standard.timeLimits.some((l) => l.key === part)) {
        return localized(standard.timeLimits.find((l) => l.key === part)?.name, locale);
      }
      if (section === null) section = part;
      const known = SECTION_KEYS[part];
      return known ? t(known) : part;
    })
    .join(' › ');
}

function valueText(path: string, value: unknown, t: I18n['t']): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && path.endsWith('.minutes')) return durationText({ minutes: value }, t);
  if (typeof value === 'number' && path.endsWith('.workingDays')) return durationText({ workingDays: value }, t);
  if (typeof value === 'number' && path.endsWith('warnAtShare')) return `${Math.round(value * 100)}%`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Leaves of a value with their paths, so an added or removed part reads as "what: value". */
function leaves(path: string, value: unknown): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(`${path}.${k}`, v));
  }
  return [[path, value]];
}

/** A compared value in words; parts with several fields get one line per field. */
function DiffValue({ path, value, standard }: { path: string; value: unknown; standard: ServiceStandard }) {
  const { t, locale } = useI18n();
  const parts = leaves(path, value);
  if (parts.length === 1 && parts[0]![0] === path) return <>{valueText(path, value, t)}</>;
  const prefix = pathText(path, standard, t, locale);
  return (
    <>
      {parts.map(([sub, leaf]) => (
        <div key={sub}>
          {pathText(sub, standard, t, locale).slice(prefix.length + 3)}
          {t('standards.condition.colon')}
          {valueText(sub, leaf, t)}
        </div>
      ))}
    </>
  );
}

/** The versions of a standard, and two of them compared side by side. */
export function VersionsCard({ standardKey, highlightId }: { standardKey: string; highlightId?: string }) {
  const { t, locale } = useI18n();
  const me = useSession();
  const { token } = theme.useToken();
  const { data, isPending, error } = useStandardVersions(standardKey);
  const [selected, setSelected] = useState<string[]>([]);
  const [compared, setCompared] = useState<[string, string] | null>(null);
  const comparison = useVersionComparison(standardKey, compared?.[0] ?? null, compared?.[1] ?? null);

  const communityName = (id: string | null) => me.communities.find((c) => c.id === id)?.name;
  const scopeTag = (v: VersionSummary) => (
    <Tag color={SCOPE_COLORS[v.scope]} style={{ marginInlineEnd: 0 }}>
      {t(SCOPE_KEYS[v.scope])}
      {v.scope === 'community' && communityName(v.communityId) ? ` · ${communityName(v.communityId)}` : ''}
    </Tag>
  );
  const versionLabel = (v: VersionSummary) => (
    <Space size={6}>
      {scopeTag(v)}
      <span>v{v.version}</span>
    </Space>
  );

  const columns: TableColumnsType<VersionSummary> = [
    { title: t('standards.versions.scope'), key: 'scope', width: 170, render: (_, v) => scopeTag(v) },
    {
      title: t('standards.version'),
      key: 'version',
      width: 90,
      render: (_, v) => (
        <Space size={4}>
          <span>v{v.version}</span>
          {v.id === highlightId ? <Tag color="success">{t('standards.versions.new')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('standards.author'), key: 'author', width: 120, render: (_, v) => authorText(v, t) },
    { title: t('standards.reason'), key: 'reason', render: (_, v) => reasonText(v, t) },
    { title: t('standards.savedAt'), key: 'at', width: 160, render: (_, v) => dayjs(v.createdAt).format('YYYY-MM-DD HH:mm') },
  ];

  const compare = () => {
    const items = data?.items ?? [];
    const chosen = items.filter((v) => selected.includes(v.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (chosen.length === 2) setCompared([chosen[0]!.id, chosen[1]!.id]);
  };

  const result = comparison.data;
  return (
    <Card
      title={t('standards.versions.title')}
      data-testid="versions"
      extra={
        <Button icon={<DiffOutlined />} disabled={selected.length !== 2} onClick={compare} data-testid="compare-versions">
          {t('standards.versions.compare')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('standards.versions.hint')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<VersionSummary>
        rowKey="id"
        size="small"
        loading={isPending}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected((keys as string[]).slice(-2)),
          getCheckboxProps: (v) => ({ 'aria-label': `v${v.version} ${t(SCOPE_KEYS[v.scope])}` }),
          hideSelectAll: true,
        }}
        onRow={(v) => ({ 'data-testid': `version-${v.scope}-${v.version}` }) as HTMLAttributes<HTMLElement>}
      />
      {compared ? (
        <div data-testid="comparison" style={{ marginTop: 16 }}>
          {comparison.error ? <Alert type="error" showIcon title={comparison.error.message} /> : null}
          {result ? (
            <>
              <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
                {([
                  ['a', result.a, token.colorErrorBg],
                  ['b', result.b, token.colorSuccessBg],
                ] as const).map(([side, v, bg]) => (
                  <Col key={side} xs={24} md={12}>
                    <div style={{ background: bg, borderRadius: 8, padding: '8px 12px' }}>
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text strong>
                          {side === 'a' ? t('standards.versions.older') : t('standards.versions.newer')}
                        </Typography.Text>
                        {versionLabel(v)}
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {authorText(v, t)} · {dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')} · {reasonText(v, t)}
                      </Typography.Text>
                    </div>
                  </Col>
                ))}
              </Row>
              {result.differences.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standards.versions.same')} />
              ) : (
                <Table
                  rowKey="path"
                  size="small"
                  pagination={false}
                  scroll={{ x: 640 }}
                  dataSource={result.differences}
                  data-testid="differences"
                  columns={[
                    {
                      title: t('standards.versions.path'),
                      key: 'path',
                      render: (_, d) => (
                        <div>
                          <div>{pathText(d.path, result.b.definition, t, locale)}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 11, fontFamily: 'monospace' }}>
                            {d.path}
                          </Typography.Text>
                        </div>
                      ),
                    },
                    {
                      title: t('standards.versions.oldValue'),
                      key: 'a',
                      width: '28%',
                      onCell: () => ({ style: { background: token.colorErrorBg } }),
                      render: (_, d) => (
                        <Typography.Text delete>
                          <DiffValue path={d.path} value={d.a} standard={result.a.definition} />
                        </Typography.Text>
                      ),
                    },
                    {
                      title: t('standards.versions.newValue'),
                      key: 'b',
                      width: '28%',
                      onCell: () => ({ style: { background: token.colorSuccessBg } }),
                      render: (_, d) => (
                        <Typography.Text strong>
                          <DiffValue path={d.path} value={d.b} standard={result.b.definition} />
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
              )}
            </>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
