import { useEffect, useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { BankRow } from '../../../common/fee-bank';
import { ApiError, apiRequest } from '../../api/client';
import { useBankActions, useBankLines, useBankMapping, type BankImportResult, type BankLine, type BankMappingInput } from '../../api/fee-bank';
import type { FeeAccount } from '../../api/fees';
import { downloadFile, useUnits } from '../../api/registry';
import { useDebounced } from '../../shared/use-debounced';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_DESK_MESSAGES, type FeeDeskMessageKey } from './fee-desk-messages';
import { yuan } from './fee-messages';

interface MappingValues {
  dateColumn: string;
  amountColumn: string;
  counterpartyColumn?: string;
  referenceColumns: string[];
  transactionIdColumn?: string;
}

const clean = (v: MappingValues): BankMappingInput => ({
  dateColumn: v.dateColumn?.trim() ?? '',
  amountColumn: v.amountColumn?.trim() ?? '',
  ...(v.counterpartyColumn?.trim() ? { counterpartyColumn: v.counterpartyColumn.trim() } : {}),
  referenceColumns: (v.referenceColumns ?? []).map((c) => c.trim()).filter(Boolean),
  ...(v.transactionIdColumn?.trim() ? { transactionIdColumn: v.transactionIdColumn.trim() } : {}),
});

/** The outcome of one statement row: matched to an account, not matched (why), or skipped (why). */
function RowResult({ row }: { row: BankRow }) {
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  if (row.status === 'matched') return <Tag color="green">{t('bank.matched', { account: row.accountLabel ?? '' })}</Tag>;
  return (
    <Flex gap={4} align="center" wrap>
      <Tag color={row.status === 'unmatched' ? 'orange' : undefined}>{t(row.status === 'unmatched' ? 'bank.unmatched' : 'bank.skipped')}</Tag>
      <Typography.Text type="secondary">{row.reasonText}</Typography.Text>
    </Flex>
  );
}

/**
 * Import a statement: the community's columns (saved by a manager, pre-filled next time), the
 * file, a preview that says for every row why it did or did not match, then the commit.
 */
function ImportCard({ communityId, manages }: { communityId: string; manages: boolean }) {
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  const { message } = App.useApp();
  const { data: mapping, error: mappingError } = useBankMapping(communityId);
  const { saveMapping, importFile } = useBankActions(communityId);
  const [form] = Form.useForm<MappingValues>();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BankImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (mapping) form.setFieldsValue({ ...mapping, counterpartyColumn: mapping.counterpartyColumn ?? '', transactionIdColumn: mapping.transactionIdColumn ?? '' });
  }, [mapping, form]);
  const headerOptions = useMemo(() => (result?.headers ?? []).filter(Boolean).map((h) => ({ value: h, label: h })), [result]);

  const showFields = (e: unknown) => {
    if (e instanceof ApiError && Object.keys(e.fields).length) {
      form.setFields(Object.entries(e.fields).map(([k, v]) => ({ name: k.startsWith('referenceColumns') ? 'referenceColumns' : (k as keyof MappingValues), errors: [v] })));
    } else setFailure(e instanceof Error ? e.message : String(e));
  };
  // A manager's edited columns are saved first, so the preview reads the file with them.
  const saveIfChanged = async (): Promise<boolean> => {
    if (!manages || !mapping) return true;
    const values = clean(await form.validateFields());
    const same = JSON.stringify(values) === JSON.stringify(clean({ ...mapping, referenceColumns: mapping.referenceColumns }));
    if (same && mapping.saved) return true;
    try {
      await saveMapping.mutateAsync(values);
      return true;
    } catch (e) {
      showFields(e);
      return false;
    }
  };
  const run = async (mode: 'dry-run' | 'commit') => {
    if (!file) return;
    setFailure(null);
    if (mode === 'dry-run' && !(await saveIfChanged())) return;
    try {
      const r = await importFile.mutateAsync({ file, mode });
      setResult(r);
      if (mode === 'commit' && r.ok) message.success(t('bank.committed', { posted: r.posted, unmatched: r.unmatched }));
    } catch (e) {
      setResult(null);
      setFailure(e instanceof Error ? e.message : String(e));
    }
  };
  const committed = result?.mode === 'commit' && result.ok;
  const rows = result?.rows.filter((r) => r.status !== 'skipped' || r.reason !== 'not_transaction') ?? [];
  const single = (name: keyof MappingValues, label: FeeDeskMessageKey, required = false) => (
    <Form.Item name={name} label={t(label)} rules={required ? [{ required: true, whitespace: true, message: t('bank.required', { field: t(label) }) }] : []} style={{ minWidth: 180, marginBottom: 8 }}>
      <AutoComplete options={headerOptions} placeholder={t('bank.headerPick')} disabled={!manages} data-testid={`bank-${name}`} />
    </Form.Item>
  );

  return (
    <Card title={t('bank.import')} size="small" data-testid="bank-import">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('bank.importHint')}</Typography.Text>
        {mappingError ? <Alert type="error" title={mappingError.message} /> : null}
        <Typography.Text strong>
          {t('bank.columns')}{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {mapping?.saved ? t('bank.columnsSaved') : t('bank.columnsDefault')}
            {manages ? '' : ` · ${t('bank.columnsReadOnly')}`}
          </Typography.Text>
        </Typography.Text>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Flex gap={12} wrap align="end">
            {single('dateColumn', 'bank.dateColumn', true)}
            {single('amountColumn', 'bank.amountColumn', true)}
            {single('counterpartyColumn', 'bank.counterpartyColumn')}
            <Form.Item name="referenceColumns" label={t('bank.referenceColumns')} rules={[{ required: true, message: t('bank.required', { field: t('bank.referenceColumns') }) }]} style={{ minWidth: 260, marginBottom: 8 }}>
              <Select mode="tags" maxCount={3} options={headerOptions} placeholder={t('bank.headerPick')} disabled={!manages} data-testid="bank-referenceColumns" />
            </Form.Item>
            {single('transactionIdColumn', 'bank.transactionIdColumn')}
            {manages ? (
              <Form.Item style={{ marginBottom: 8 }}>
                <Button
                  loading={saveMapping.isPending}
                  onClick={async () => {
                    const values = clean(await form.validateFields());
                    saveMapping.mutate(values, { onSuccess: () => message.success(t('bank.columnsDone')), onError: showFields });
                  }}
                  data-testid="bank-save-columns"
                >
                  {t('bank.saveColumns')}
                </Button>
              </Form.Item>
            ) : null}
          </Flex>
        </Form>
        <Flex gap={12} align="center" wrap>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setResult(null);
              setFailure(null);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="bank-file">
              {t('bank.pickFile')}
            </Button>
          </Upload>
          <Typography.Text type={file ? undefined : 'secondary'} data-testid="bank-file-name">
            {file ? file.name : t('bank.noFile')}
          </Typography.Text>
          <Button type="primary" disabled={!file} loading={importFile.isPending && importFile.variables?.mode === 'dry-run'} onClick={() => void run('dry-run')} data-testid="bank-preview">
            {t('bank.preview')}
          </Button>
          <Button
            type="primary"
            disabled={!result || result.mode !== 'dry-run' || !result.ok || result.matched + result.unmatched === 0}
            loading={importFile.isPending && importFile.variables?.mode === 'commit'}
            onClick={() => void run('commit')}
            data-testid="bank-commit"
          >
            {t('bank.commit')}
          </Button>
        </Flex>
        {failure ? <Alert type="error" showIcon title={failure} data-testid="bank-failure" /> : null}
        {result && result.errors.length ? (
          <Alert
            type="error"
            showIcon
            title={t('bank.errors')}
            description={
              <Flex vertical>
                {result.errors.slice(0, 20).map((e, i) => (
                  <span key={i}>{t('bank.errorLine', { row: e.row, column: e.column, message: e.message })}</span>
                ))}
                {result.headers.length ? <Typography.Text type="secondary">{t('bank.headersFound', { headers: result.headers.filter(Boolean).join('、') })}</Typography.Text> : null}
              </Flex>
            }
            data-testid="bank-errors"
          />
        ) : null}
        {result && result.ok ? (
          <Alert
            type={committed ? 'success' : 'info'}
            showIcon
            title={committed ? t('bank.summaryCommitted', { posted: result.posted, unmatched: result.unmatched, skipped: result.skipped }) : t('bank.summary', { matched: result.matched, amount: yuan(result.matchedFen), unmatched: result.unmatched, skipped: result.skipped })}
            data-testid="bank-summary"
          />
        ) : null}
        {result ? (
          <Table<BankRow>
            rowKey="row"
            size="small"
            data-testid="bank-rows"
            dataSource={rows}
            locale={{ emptyText: <Empty description={t('bank.noRows')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('bank.col.row'), dataIndex: 'row', width: 70 },
              { title: t('bank.col.date'), dataIndex: 'valueDate', width: 110 },
              { title: t('bank.col.amount'), align: 'right', width: 110, render: (_, r) => (r.amountFen === null || (r.status === 'skipped' && r.amountFen === 0) ? '' : yuan(r.amountFen)) },
              { title: t('bank.col.payer'), dataIndex: 'counterparty' },
              { title: t('bank.col.reference'), dataIndex: 'reference' },
              { title: t('bank.col.result'), render: (_, r) => <RowResult row={r} /> },
              ...(committed ? [{ title: t('bank.col.receipt'), render: (_: unknown, r: BankRow) => r.receiptNo ?? '' }] : []),
            ]}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/** Posts an open line to the account the desk found: pick the home, see what it owes, confirm. */
function AssignModal({ communityId, line, onClose }: { communityId: string; line: BankLine; onClose: () => void }) {
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  const { message } = App.useApp();
  const { assign } = useBankActions(communityId);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const { data: units, isFetching } = useUnits({ page: 1, pageSize: 20, communityId, q: q || undefined });
  const [unitId, setUnitId] = useState<string | undefined>();
  const [account, setAccount] = useState<FeeAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAccount(null);
    if (!unitId) return;
    const controller = new AbortController();
    apiRequest<FeeAccount>(`/api/v1/units/${encodeURIComponent(unitId)}/fee-account`, { signal: controller.signal })
      .then(setAccount)
      .catch((e: Error) => (controller.signal.aborted ? undefined : setError(e.message)));
    return () => controller.abort();
  }, [unitId]);
  return (
    <Modal
      open
      title={t('bank.assignTitle', { amount: yuan(line.amountFen), payer: line.counterparty || '—' })}
      okText={t('bank.assignConfirm')}
      okButtonProps={{ disabled: !account, ...({ 'data-testid': 'bank-assign-confirm' } as Record<string, string>) }}
      confirmLoading={assign.isPending}
      onCancel={onClose}
      onOk={() =>
        account &&
        assign.mutate(
          { id: line.id, accountId: account.id },
          {
            onSuccess: (l) => {
              message.success(t('bank.assigned', { no: l.receiptNo ?? '' }));
              onClose();
            },
            onError: (e) => setError(e instanceof ApiError ? (e.fields.accountId ?? e.message) : e.message),
          },
        )
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {line.valueDate} · {line.reference}
        </Typography.Text>
        <Form.Item layout="vertical" label={t('bank.assignUnit')} style={{ margin: 0 }}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('bank.assignUnitHint')}
            loading={isFetching}
            value={unitId}
            onChange={(v) => {
              setError(null);
              setUnitId(v);
            }}
            options={(units?.items ?? []).map((u) => ({ value: u.id, label: u.label }))}
            data-testid="bank-assign-unit"
          />
        </Form.Item>
        {account ? (
          <Typography.Text data-testid="bank-assign-account">
            {t('bank.assignAccount', { label: account.label, arrears: yuan(account.arrearsFen), notYetDue: yuan(account.notYetDueFen) })}
          </Typography.Text>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Flex>
    </Modal>
  );
}

function DismissModal({ communityId, line, onClose }: { communityId: string; line: BankLine; onClose: () => void }) {
  const { t } = useFeatureI18n(FEE_DESK_MESSAGES);
  const { message } = App.useApp();
  const { dismiss } = useBankActions(communityId);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal
      open
      title={t('bank.dismissTitle', { amount: yuan(line.amountFen), payer: line.counterparty || '—' })}
      onCancel={onClose}
      confirmLoading={dismiss.isPending}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'bank-dismiss-confirm' } as Record<string, string>) }}
      onOk={() =>
        dismiss.mutate(
          { id: line.id, note },
          {
            onSuccess: () => {
              message.success(t('bank.dismissed'));
              onClose();
            },
            onError: (e) => setError(e instanceof ApiError ? (e.fields.note ?? e.message) : e.message),
          },
        )
      }
      destroyOnHidden
    >
      <Form.Item layout="vertical" label={t('bank.dismissNote')} validateStatus={error ? 'error' : undefined} help={error}>
        <Input.TextArea maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="bank-dismiss-note" />
      </Form.Item>
    </Modal>
  );
}

const STATUSES = ['open', 'posted', 'assigned', 'dismissed'] as const;

/** The statement lines: by default what matched no home, for the desk to assign or set aside. */
function Lines({ communityId }: { communityId: string }) {
  const { t, locale } = useFeatureI18n(FEE_DESK_MESSAGES);
  const { message } = App.useApp();
  const [status, setStatus] = useState<BankLine['status'] | 'all'>('open');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [page, setPage] = useState(1);
  const { data, isFetching, error } = useBankLines(communityId, { status: status === 'all' ? undefined : status, q: q || undefined, page, pageSize: 20 });
  const [assigning, setAssigning] = useState<BankLine | null>(null);
  const [dismissing, setDismissing] = useState<BankLine | null>(null);
  return (
    <Card title={t('bank.lines')} size="small">
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Select
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[...STATUSES.map((s) => ({ value: s, label: t(`bank.status.${s}` as FeeDeskMessageKey) })), { value: 'all' as const, label: t('bank.status.all') }]}
            data-testid="bank-lines-status"
          />
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('bank.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(1);
            }}
          />
          <Button
            icon={<DownloadOutlined />}
            disabled={!data?.total}
            onClick={() =>
              downloadFile('/api/v1/fee-bank-lines/export', { communityId, status: status === 'all' ? undefined : status, q: q || undefined }, 'bank-lines.xlsx', locale).catch((e: Error) => message.error(e.message))
            }
            data-testid="bank-lines-export"
          >
            {t('bank.export')}
          </Button>
        </Flex>
        {error ? <Alert type="error" title={error.message} /> : null}
        <Table<BankLine>
          rowKey="id"
          size="small"
          loading={isFetching}
          data-testid="bank-lines"
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={status === 'open' && !q ? t('bank.linesEmpty') : t('bank.linesEmptyAll')} /> }}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { title: t('bank.col.date'), dataIndex: 'valueDate', width: 110 },
            { title: t('bank.col.amount'), align: 'right', width: 110, render: (_, l) => yuan(l.amountFen) },
            { title: t('bank.col.payer'), dataIndex: 'counterparty' },
            { title: t('bank.col.reference'), dataIndex: 'reference' },
            {
              title: t('bank.col.result'),
              render: (_, l) =>
                l.status === 'open' ? (
                  <Flex gap={4} wrap>
                    <Tag color="orange">{t('bank.status.open')}</Tag>
                    <Typography.Text type="secondary">{l.reasonText}</Typography.Text>
                  </Flex>
                ) : (
                  <Tag color={l.status === 'dismissed' ? undefined : 'green'}>{t(`bank.status.${l.status}` as FeeDeskMessageKey)}</Tag>
                ),
            },
            { title: t('bank.col.account'), render: (_, l) => [l.accountLabel, l.receiptNo].filter(Boolean).join(' · ') || (l.note ?? '') },
            { title: t('bank.col.file'), dataIndex: 'fileName', ellipsis: true },
            {
              title: '',
              width: 170,
              render: (_, l) =>
                l.status === 'open' ? (
                  <Flex gap={4}>
                    <Button size="small" type="primary" onClick={() => setAssigning(l)} data-testid={`bank-assign-${l.id}`}>
                      {t('bank.assign')}
                    </Button>
                    <Button size="small" onClick={() => setDismissing(l)} data-testid={`bank-dismiss-${l.id}`}>
                      {t('bank.dismiss')}
                    </Button>
                  </Flex>
                ) : null,
            },
          ]}
        />
      </Flex>
      {assigning ? <AssignModal communityId={communityId} line={assigning} onClose={() => setAssigning(null)} /> : null}
      {dismissing ? <DismissModal communityId={communityId} line={dismissing} onClose={() => setDismissing(null)} /> : null}
    </Card>
  );
}

/** 银行流水: import a statement and work through the lines that matched no home. */
export function BankPanel({ communityId, manages }: { communityId: string; manages: boolean }) {
  return (
    <Flex vertical gap={16}>
      <ImportCard communityId={communityId} manages={manages} />
      <Lines communityId={communityId} />
    </Flex>
  );
}
