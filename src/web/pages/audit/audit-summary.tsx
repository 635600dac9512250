import { Col, Row, Typography } from 'antd';
import type { AuditEntry } from '../../api/audit';
import { AUDIT_FIELD_LABELS, auditLabel, auditValueText } from '../../i18n/audit-labels';
import { useI18n } from '../../i18n/i18n-context';

type Fields = Record<string, unknown>;

interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
  hasBefore: boolean;
  hasAfter: boolean;
}

const SHOWN_IN_CELL = 3;
const MAX_VALUE_LENGTH = 60;

/** The fields a write touched: every field in before or after whose value differs. */
export function changedFields(summary: AuditEntry['summary']): FieldChange[] {
  const before: Fields = summary.before ?? {};
  const after: Fields = summary.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({
      field,
      before: before[field],
      after: after[field],
      hasBefore: field in before,
      hasAfter: field in after,
    }))
    .filter((c) => !(c.hasBefore && c.hasAfter && JSON.stringify(c.before) === JSON.stringify(c.after)));
}

/** Whether the entry has anything to show in the expanded row. */
export function hasSummary(summary: AuditEntry['summary']): boolean {
  return Object.keys(summary.before ?? {}).length > 0 || Object.keys(summary.after ?? {}).length > 0;
}

function formatValue(value: unknown): string {
  const text = auditValueText(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

/** The first few changes of an entry, as `field: before → after`. */
export function AuditSummaryCell({ summary }: { summary: AuditEntry['summary'] }) {
  const { t, locale } = useI18n();
  const changes = changedFields(summary);
  if (changes.length === 0) return <Typography.Text type="secondary">{t('audit.noSummary')}</Typography.Text>;
  return (
    <div style={{ display: 'grid', gap: 2 }}>
      {changes.slice(0, SHOWN_IN_CELL).map((change) => (
        <div key={change.field} style={{ wordBreak: 'break-word' }}>
          <Typography.Text type="secondary" data-code={change.field}>
            {auditLabel(AUDIT_FIELD_LABELS, locale, change.field)}:{' '}
          </Typography.Text>
          {change.hasBefore ? (
            <Typography.Text delete={change.hasAfter} type={change.hasAfter ? 'secondary' : undefined}>
              {formatValue(change.before)}
            </Typography.Text>
          ) : null}
          {change.hasBefore && change.hasAfter ? <Typography.Text type="secondary"> → </Typography.Text> : null}
          {change.hasAfter ? <Typography.Text>{formatValue(change.after)}</Typography.Text> : null}
        </div>
      ))}
      {changes.length > SHOWN_IN_CELL ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('audit.moreFields', { count: changes.length - SHOWN_IN_CELL })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

function JsonBlock({ title, value }: { title: string; value: Fields | undefined }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          margin: '6px 0 0',
          padding: 12,
          background: 'rgba(0, 0, 0, 0.03)',
          borderRadius: 6,
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {value ? JSON.stringify(value, null, 2) : '—'}
      </pre>
    </div>
  );
}

/** The full before and after of an entry, side by side (stacked on phones). */
export function AuditSummaryDetail({ summary }: { summary: AuditEntry['summary'] }) {
  const { t } = useI18n();
  return (
    <Row gutter={[16, 12]}>
      <Col xs={24} md={12}>
        <JsonBlock title={t('audit.before')} value={summary.before} />
      </Col>
      <Col xs={24} md={12}>
        <JsonBlock title={t('audit.after')} value={summary.after} />
      </Col>
    </Row>
  );
}
