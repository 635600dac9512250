import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DISCLOSURE_LINE_KINDS, SHARED_PARTS, SPENDING_CATEGORIES, type DisclosurePeriod } from '../../../common/fee-owner';
import { downloadFile } from '../../api/registry';
import { useDisclosurePreview, useDisclosures, useFeeOwnerActions, type Disclosure } from '../../api/fee-owner';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OWNER_MESSAGES, type FeeOwnerMessageKey } from './owner-messages';

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Ended periods of a kind, newest first, as the API writes them (2026-03, 2026-Q1, 2026). */
function endedPeriods(kind: DisclosurePeriod): string[] {
  const now = new Date();
  const y = now.getFullYear();
  const m = now.getMonth(); // 0-based: the current month has not ended
  const out: string[] = [];
  if (kind === 'year') for (let i = 1; i <= 5; i++) out.push(String(y - i));
  else if (kind === 'quarter') {
    let q = Math.floor(m / 3); // quarters ended this year
    let yy = y;
    for (let i = 0; i < 8; i++) {
      if (q === 0) {
        q = 4;
        yy -= 1;
      }
      out.push(`${yy}-Q${q}`);
      q -= 1;
    }
  } else for (let i = 1; i <= 18; i++) out.push(new Date(Date.UTC(y, m - i, 1)).toISOString().slice(0, 7));
  return out;
}

interface LineForm {
  kind: (typeof DISCLOSURE_LINE_KINDS)[number];
  category: string;
  label?: string;
  amountYuan: number;
}
interface PublishForm {
  lines: LineForm[];
  note?: string;
  correctionReason?: string;
}

/** Public disclosure: the published versions (print, export) and, for managers, publishing a period. */
export function DisclosurePanel({ communityId, manages }: { communityId: string; manages: boolean }) {
  const { t, locale } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { data, error } = useDisclosures(communityId);
  return (
    <Flex vertical gap={16}>
      {manages ? <PublishCard communityId={communityId} /> : null}
      <Card title={t('disc.list')}>
        {error ? <Alert type="error" title={error.message} /> : null}
        <Table<Disclosure>
          rowKey="id"
          size="small"
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('disc.none') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="disclosure-list"
          columns={[
            { title: t('disc.period'), render: (_, d) => `${d.period} ${t(`disc.kind.${d.periodKind}` as FeeOwnerMessageKey)}` },
            { title: t('disc.version'), render: (_, d) => (<>{d.version} {d.latest ? <Tag color="blue">{t('disc.latest')}</Tag> : <Tag>{t('disc.corrected')}</Tag>}</>) },
            { title: t('disc.rate'), render: (_, d) => rate(d.figures.collectionRate) },
            { title: t('disc.collected'), align: 'right', render: (_, d) => yuan(d.figures.collectedFen) },
            { title: t('disc.spending'), align: 'right', render: (_, d) => yuan(d.spendingFen) },
            { title: t('disc.sharedNet'), align: 'right', render: (_, d) => yuan(d.sharedNetFen) },
            { title: t('disc.publishedOn'), dataIndex: 'publishedOn' },
            { title: t('disc.publishedBy'), dataIndex: 'publishedByName' },
            {
              title: '',
              render: (_, d) => (
                <Flex gap={8}>
                  <Link to={`/fees/disclosures/${d.id}`} data-testid="disclosure-print-link">{t('disc.print')}</Link>
                  <Button type="link" size="small" onClick={() => void downloadFile(`/api/v1/fee-disclosures/${d.id}/export`, {}, `fee-disclosure-${d.period}-v${d.version}.xlsx`, locale)}>
                    {t('disc.export')}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

function PublishCard({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { message } = App.useApp();
  const [form] = Form.useForm<PublishForm>();
  const [periodKind, setPeriodKind] = useState<DisclosurePeriod>('quarter');
  const periods = useMemo(() => endedPeriods(periodKind), [periodKind]);
  const [period, setPeriod] = useState(periods[0]!);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useDisclosurePreview({ communityId, periodKind, period }, !!period);
  const { publish } = useFeeOwnerActions();
  const f = preview.data?.figures;
  const versions = preview.data?.publishedVersions ?? 0;
  const submit = (v: PublishForm) =>
    publish.mutate(
      {
        communityId,
        periodKind,
        period,
        lines: (v.lines ?? []).map((l) => ({ kind: l.kind, category: l.category as never, label: l.label ?? '', amountFen: Math.round((l.amountYuan ?? 0) * 100) })),
        note: v.note ?? '',
        ...(versions > 0 ? { correctionReason: v.correctionReason ?? '' } : {}),
      },
      {
        onSuccess: (d) => {
          setProblem(null);
          form.resetFields();
          void preview.refetch();
          void message.success(t('disc.published', { version: d.version }));
        },
        onError: (e) => {
          const rest = showFieldErrors(form, e, (path) => {
            const m = /^lines\.(\d+)\.(\w+)$/.exec(path);
            if (m) return ['lines', Number(m[1]), m[2] === 'amountFen' ? 'amountYuan' : m[2]!];
            return path === 'note' || path === 'correctionReason' ? [path] : null;
          });
          setProblem(rest === false ? e.message : rest.join('；') || null);
        },
      },
    );
  return (
    <Card title={t('disc.new')}>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <span>{t('disc.periodKind')}</span>
        <Select<DisclosurePeriod>
          style={{ width: 110 }}
          value={periodKind}
          onChange={(k) => {
            setPeriodKind(k);
            setPeriod(endedPeriods(k)[0]!);
          }}
          options={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: t(`disc.kind.${k}`) }))}
          data-testid="disc-kind"
        />
        <span>{t('disc.period')}</span>
        <Select style={{ width: 130 }} value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p, label: p }))} data-testid="disc-period" />
      </Flex>
      {preview.error ? <Alert type="error" title={preview.error.message} /> : null}
      {f ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} title={t('disc.fromLedger')} style={{ marginBottom: 16 }} data-testid="disc-preview">
          <Descriptions.Item label={t('disc.billed')}>{yuan(f.billedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('disc.collected')}>{yuan(f.collectedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('disc.rate')}>{rate(f.collectionRate)}</Descriptions.Item>
          <Descriptions.Item label={t('disc.households')}>{`${f.households.billed} / ${f.households.paidInFull}`}</Descriptions.Item>
          <Descriptions.Item label={t('disc.received')}>{yuan(f.receivedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('disc.recovered')}>{yuan(f.arrearsRecoveredFen)}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ lines: [{ kind: 'spending', category: 'cleaning', amountYuan: 0 }] }} data-testid="disc-form">
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              <strong>{t('disc.lines')}</strong>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="disc-line">
                  <Form.Item name={[field.name, 'kind']} style={{ width: 140, marginBottom: 8 }}>
                    <Select
                      aria-label={t('disc.lineKind')}
                      options={DISCLOSURE_LINE_KINDS.map((k) => ({ value: k, label: t(`disc.kind.${k}`) }))}
                      onChange={(k) => form.setFieldValue(['lines', field.name, 'category'], k === 'spending' ? 'cleaning' : 'advertising')}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const kind = form.getFieldValue(['lines', field.name, 'kind']) as string;
                      const cats = kind === 'spending' ? SPENDING_CATEGORIES : SHARED_PARTS;
                      return (
                        <Form.Item name={[field.name, 'category']} style={{ width: 190, marginBottom: 8 }}>
                          <Select aria-label={t('disc.category')} options={cats.map((c) => ({ value: c, label: t(`cat.${c}`) }))} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} style={{ width: 200, marginBottom: 8 }}>
                    <Input placeholder={t('disc.label')} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amountYuan']} style={{ width: 150, marginBottom: 8 }}>
                    <InputNumber min={0} precision={2} step={100} placeholder={t('disc.amount')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'spending', category: 'cleaning', amountYuan: 0 })} style={{ alignSelf: 'flex-start' }} data-testid="disc-add-line">
                {t('disc.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="note" label={t('disc.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {versions > 0 ? (
          <>
            <Alert type="warning" title={t('disc.correctionHint', { version: versions })} style={{ marginBottom: 12 }} />
            <Form.Item name="correctionReason" label={t('disc.correctionReason')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : null}
        {problem ? <Alert type="error" title={problem} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="disc-publish">
          {t('disc.publish')}
        </Button>
      </Form>
    </Card>
  );
}
