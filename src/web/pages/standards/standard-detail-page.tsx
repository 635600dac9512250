import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Flex, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client';
import { useStandard, useStandardsIndex, type StandardVersion } from '../../api/standards';
import { usePageTitle } from '../../shared/use-document-title';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages';
import { EditStepRecordsDialog } from './edit-step-records-dialog';
import { EditStepsDialog } from './edit-steps-dialog';
import { EditTimeLimitsDialog, type EditableScope } from './edit-time-limits-dialog';
import { STEP_RECORDS_MESSAGES } from './step-records-messages';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { ScopeSelect } from './scope-select';
import { LEVEL_KEYS, SCOPE_COLORS, SCOPE_KEYS, authorText, localized, reasonText } from './standard-format';
import { StateDiagram } from './state-diagram';
import { TimeLimitsTable } from './time-limits-table';
import { COMPANY_SCOPE, useStandardsScope } from './use-standards-scope';
import { VersionsCard } from './versions-card';

const CHECK_TYPE_KEYS: Record<string, MessageKey> = {
  pass_flag_fail: 'standards.check.passFlagFail',
  number: 'standards.check.number',
  text: 'standards.check.text',
};

const SKILL_KEYS: Record<string, MessageKey> = {
  plumbing: 'standards.skill.plumbing',
  electrical: 'standards.skill.electrical',
  lift: 'standards.skill.lift',
  carpentry: 'standards.skill.carpentry',
  masonry: 'standards.skill.masonry',
  weak_current: 'standards.skill.weak_current',
  general: 'standards.skill.general',
  gas: 'standards.skill.gas',
};

/** One standard: scope, steps as a diagram, time limits by level, categories, checklist and versions. */
export function StandardDetailPage() {
  const { key = '' } = useParams();
  const { t, locale, roleLabel } = useI18n();
  const scope = useStandardsScope();
  const { data: version, error, isPending, refetch } = useStandard(key, scope.communityId);
  const company = useStandard(key, null, scope.communityId !== null);
  const index = useStandardsIndex(scope.communityId);
  const [editing, setEditing] = useState(false);
  const [editingRecords, setEditingRecords] = useState(false);
  const [editingSteps, setEditingSteps] = useState(false);
  const records = useFeatureI18n(STEP_RECORDS_MESSAGES);
  const [saved, setSaved] = useState<StandardVersion | null>(null);
  usePageTitle('nav.standards');

  const scopes = useMemo<EditableScope[]>(() => {
    const list: EditableScope[] = [];
    const companyVersion = scope.communityId === null ? version : company.data;
    if (companyVersion?.allowedActions.includes('edit')) {
      list.push({ value: COMPANY_SCOPE, label: t('standards.companyScope'), version: companyVersion });
    }
    if (scope.communityId && version?.allowedActions.includes('edit')) {
      list.push({ value: scope.communityId, label: scope.communityName ?? scope.communityId, version });
    }
    return list;
  }, [scope.communityId, scope.communityName, version, company.data, t]);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('standards.notFound')}
        extra={
          <Link to={`/standards${scope.search}`}>
            <Button type="primary">{t('standards.backToList')}</Button>
          </Link>
        }
      />
    );
  }

  const standard = version?.definition;
  const contracted = index.data?.communityLevel ?? null;
  const title = standard ? localized(standard.name, locale) : key;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[{ title: <Link to={`/standards${scope.search}`}>{t('nav.standards')}</Link> }, { title }]}
      />
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Space wrap>
          <ScopeSelect scope={scope} />
          {scopes.length ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-limits">
              {t('standards.edit.open')}
            </Button>
          ) : null}
          {scopes.length ? (
            <Button icon={<EditOutlined />} onClick={() => setEditingRecords(true)} data-testid="edit-records">
              {records.t('records.open')}
            </Button>
          ) : null}
          {scopes.length ? (
            <Button icon={<EditOutlined />} onClick={() => setEditingSteps(true)} data-testid="edit-steps">
              {records.t('steps.open')}
            </Button>
          ) : null}
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
      {saved ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setSaved(null) }}
          data-testid="saved-version"
          title={t('standards.edit.savedTitle', {
            version: saved.version,
            scope: saved.communityId ? (scope.communities.find((c) => c.id === saved.communityId)?.name ?? '') : t('standards.companyScope'),
          })}
          description={t('standards.edit.savedHint')}
        />
      ) : null}
      {isPending || !version || !standard ? (
        error ? null : (
          <Flex justify="center" style={{ paddingBlock: 48 }}>
            <Spin size="large" />
          </Flex>
        )
      ) : (
        <>
          <Card data-testid="standard-summary">
            <Descriptions
              column={{ xs: 1, sm: 2, lg: 3 }}
              size="small"
              items={[
                {
                  key: 'version',
                  label: t('standards.inEffectVersion'),
                  children: (
                    <Space size={6} wrap>
                      <Tag color={SCOPE_COLORS[version.scope]} style={{ marginInlineEnd: 0 }}>
                        {t(SCOPE_KEYS[version.scope])}
                      </Tag>
                      <span data-testid="effective-version">v{version.version}</span>
                    </Space>
                  ),
                },
                { key: 'author', label: t('standards.author'), children: authorText(version, t) },
                { key: 'at', label: t('standards.savedAt'), children: dayjs(version.createdAt).format('YYYY-MM-DD HH:mm') },
                { key: 'minLevel', label: t('standards.minLevel'), children: t(LEVEL_KEYS[standard.minLevel]) },
                {
                  key: 'intake',
                  label: t('standards.intakeRoles'),
                  children: standard.intakeRoles.map(roleLabel).join(t('common.listSeparator')),
                },
                ...(standard.intakeRecords.length
                  ? [
                      {
                        key: 'intakeRecords',
                        label: t('standards.intakeRecords'),
                        children: standard.intakeRecords
                          .map((r) => {
                            const label = r.label ? localized(r.label, locale) : r.name;
                            return r.requiredFor ? t('standards.intakeRecordsFor', { records: label, roles: r.requiredFor.map(roleLabel).join(t('common.listSeparator')) }) : label;
                          })
                          .join(t('common.listSeparator')),
                      },
                    ]
                  : []),
                { key: 'reason', label: t('standards.reason'), children: reasonText(version, t) },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('standards.scopeText')}
            </Typography.Title>
            <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="scope-text">
              {localized(standard.scope, locale)}
            </Typography.Paragraph>
          </Card>
          <Card title={t('standards.diagram.title')}>
            <StateDiagram standard={standard} />
          </Card>
          <Card title={t('standards.limits.title')} styles={{ body: { paddingTop: 8 } }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {contracted
                ? t('standards.limits.hintCommunity', { community: scope.communityName ?? '', level: t(LEVEL_KEYS[contracted]) })
                : t('standards.limits.hint')}
            </Typography.Paragraph>
            <TimeLimitsTable version={version} contracted={contracted} />
            {standard.timeLimits
              .filter((limit) => limit.onBreach)
              .map((limit) => (
                <Typography.Paragraph key={limit.key} type="secondary" style={{ fontSize: 13, marginTop: 8, marginBottom: 0 }} data-testid={`on-breach-${limit.key}`}>
                  {t('standards.limits.onBreach', {
                    limit: localized(limit.name, locale),
                    action: localized(standard.transitions.find((tr) => tr.key === limit.onBreach)?.name, locale),
                  })}
                </Typography.Paragraph>
              ))}
            {standard.escalations.length ? (
              <div style={{ marginTop: 12 }}>
                {standard.escalations.map((rule) => (
                  <Typography.Paragraph key={rule.key} type="secondary" style={{ fontSize: 13, marginBottom: 4 }}>
                    {t('standards.limits.escalation', {
                      name: localized(rule.name, locale),
                      limit: localized(standard.timeLimits.find((l) => l.key === rule.limit)?.name, locale),
                      share: Math.round(rule.atShare * 100),
                      roles: rule.notify.map(roleLabel).join(t('common.listSeparator')),
                    })}
                  </Typography.Paragraph>
                ))}
              </div>
            ) : null}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={t('standards.categories.title')} styles={{ body: { padding: 0 } }} style={{ height: '100%' }}>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={standard.categories}
                  locale={{ emptyText: t('standards.categories.none') }}
                  columns={[
                    {
                      title: t('standards.categories.name'),
                      key: 'name',
                      render: (_, c) => (
                        <Space size={4} wrap>
                          <span>{localized(c.name, locale)}</span>
                          {c.facts.urgency === 'emergency' ? <Tag color="red">{t('standards.fact.emergency')}</Tag> : null}
                        </Space>
                      ),
                    },
                    {
                      title: t('standards.categories.skill'),
                      key: 'skill',
                      width: 120,
                      render: (_, c) => (c.skill ? (SKILL_KEYS[c.skill] ? t(SKILL_KEYS[c.skill]!) : c.skill) : '—'),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('standards.checklist.title')} styles={{ body: { padding: 0 } }} style={{ height: '100%' }}>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={standard.checklist}
                  data-testid="checklist"
                  scroll={{ x: 480 }}
                  locale={{ emptyText: t('standards.checklist.none') }}
                  columns={[
                    { title: t('standards.checklist.item'), key: 'text', render: (_, c) => localized(c.text, locale) },
                    {
                      title: t('standards.checklist.type'),
                      key: 'type',
                      width: 140,
                      render: (_, c) => (CHECK_TYPE_KEYS[c.type] ? t(CHECK_TYPE_KEYS[c.type]!) : c.type),
                    },
                    { title: t('standards.checklist.points'), key: 'points', width: 64, align: 'right', render: (_, c) => c.points },
                    { title: t('standards.checklist.weight'), key: 'weight', width: 64, align: 'right', render: (_, c) => c.weight },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <VersionsCard standardKey={key} highlightId={saved?.id} />
          {scopes.length ? (
            <EditTimeLimitsDialog
              open={editing}
              scopes={scopes}
              initialScope={scopes.at(-1)!.value}
              onClose={() => setEditing(false)}
              onSaved={(next) => {
                setEditing(false);
                setSaved(next);
                if (next.communityId !== scope.communityId) scope.setCommunityId(next.communityId);
              }}
            />
          ) : null}
          {scopes.length && editingRecords ? (
            <EditStepRecordsDialog
              open
              scopes={scopes}
              initialScope={scopes.at(-1)!.value}
              onClose={() => setEditingRecords(false)}
              onSaved={(next) => {
                setEditingRecords(false);
                setSaved(next);
                if (next.communityId !== scope.communityId) scope.setCommunityId(next.communityId);
              }}
            />
          ) : null}
          {scopes.length && editingSteps ? (
            <EditStepsDialog
              scopes={scopes}
              initialScope={scopes.at(-1)!.value}
              onClose={() => setEditingSteps(false)}
              onSaved={(next) => {
                setEditingSteps(false);
                setSaved(next);
                if (next.communityId !== scope.communityId) scope.setCommunityId(next.communityId);
              }}
            />
          ) : null}
        </>
      )}
    </Space>
  );
}
