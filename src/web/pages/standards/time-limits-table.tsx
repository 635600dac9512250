import { Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import type { EffectiveLimit, ServiceLevel, StandardVersion } from '../../api/standards';
import { SERVICE_LEVELS } from '../../api/standards';
import { useI18n } from '../../i18n/i18n-context';
import { CALENDAR_KEYS, LEVEL_KEYS, conditionText, durationText, localized, shareText } from './standard-format';

interface Row {
  key: string;
  name: string;
  appliesWhen: string;
  byLevel: Record<ServiceLevel, EffectiveLimit>;
}

/**
 * Time limits by service level: one row per limit, one column per level with the duration in
 * plain words, the clock (24×7 or working hours) and the warning share. The community's
 * contracted level is highlighted.
 */
export function TimeLimitsTable({ version, contracted }: { version: StandardVersion; contracted: ServiceLevel | null }) {
  const { t, locale, roleLabel } = useI18n();
  const { token } = theme.useToken();
  const rows: Row[] = version.definition.timeLimits.map((limit) => {
    const byLevel = Object.fromEntries(
      SERVICE_LEVELS.map((level) => [
        level,
        version.limitsByLevel.find((l) => l.level === level)?.limits.find((l) => l.key === limit.key) ?? { ...limit },
      ]),
    ) as Record<ServiceLevel, EffectiveLimit>;
    return {
      key: limit.key,
      name: localized(limit.name, locale),
      appliesWhen: conditionText(limit.appliesWhen, t, locale),
      byLevel,
    };
  });
  const limitDef = (key: string) => version.definition.timeLimits.find((l) => l.key === key);

  const columns: TableColumnsType<Row> = [
    {
      title: t('standards.limits.name'),
      key: 'name',
      fixed: 'left',
      width: 170,
      render: (_, row) => {
        const def = limitDef(row.key);
        const escalation = def?.escalateOnBreach.length
          ? t('standards.limits.escalates', { roles: def.escalateOnBreach.map(roleLabel).join(t('common.listSeparator')) })
          : null;
        return escalation ? (
          <Tooltip title={escalation}>
            <Typography.Text style={{ borderBottom: '1px dashed #bfbfbf' }}>{row.name}</Typography.Text>
          </Tooltip>
        ) : (
          row.name
        );
      },
    },
    {
      title: t('standards.limits.appliesWhen'),
      key: 'when',
      width: 110,
      render: (_, row) =>
        row.appliesWhen ? (
          <Tag color={row.appliesWhen === t('standards.fact.emergency') ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>
            {row.appliesWhen}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('standards.limits.always')}</Typography.Text>
        ),
    },
    ...SERVICE_LEVELS.map((level) => ({
      title: (
        <span>
          {t(LEVEL_KEYS[level])}
          {level === contracted ? (
            <Tag color="processing" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
              {t('standards.contracted')}
            </Tag>
          ) : null}
        </span>
      ),
      key: `level-${level}`,
      width: 150,
      onCell: () => ({ style: level === contracted ? { background: token.colorPrimaryBg } : {} }),
      onHeaderCell: () => ({ style: level === contracted ? { background: token.colorPrimaryBgHover } : {} }),
      render: (_: unknown, row: Row) => {
        const limit = row.byLevel[level];
        return (
          <div data-testid={`limit-${row.key}-${level}`}>
            <Typography.Text strong>{durationText(limit.duration, t)}</Typography.Text>
            <div style={{ fontSize: 12, color: token.colorTextSecondary }}>
              {t(CALENDAR_KEYS[limit.calendar])} · {t('standards.limits.warnAt', { share: shareText(limit.warnAtShare) })}
            </div>
          </div>
        );
      },
    })),
  ];

  return (
    <Table<Row>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="time-limits"
      locale={{ emptyText: t('standards.limits.none') }}
    />
  );
}
