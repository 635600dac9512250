import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Radio, Result, Row, Select, Steps, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { IMPORT_KINDS, type ImportKind } from '../../../common/registry';
import { downloadFile, useBuildings, useCommunities, useImport, useResidents, useUnits, type ImportResult } from '../../api/registry';
import { PageHeading } from './registry-format';
import { useRegistryI18n } from './use-registry-i18n';
import type { RegistryMessageKey } from './registry-messages';

const KIND_LABEL: Record<ImportKind, RegistryMessageKey> = { buildings: 'import.kind.buildings', units: 'import.kind.units', residents: 'import.kind.residents' };
const KIND_HINT: Record<ImportKind, RegistryMessageKey> = { buildings: 'import.hint.buildings', units: 'import.hint.units', residents: 'import.hint.residents' };
const ACCEPT = '.xlsx,.csv';
type Problem = ImportResult['errors'][number];

/**
 * 导入: choose what to import and into which community, download the template, upload the file.
 * Every upload is a dry run first: each problem by row and column, or "N 行可导入". Commit writes
 * all rows or none; a fixed file is simply uploaded again.
 */
export function ImportPage() {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const communities = useCommunities();
  const [chosenCommunity, setCommunity] = useState<string | undefined>(undefined);
  const communityId = chosenCommunity ?? communities.data?.items.find((c) => !c.archivedAt)?.id;
  // Which kinds the user may import comes from each list's allowedActions, not from role rules here.
  const allowed: Record<ImportKind, boolean | undefined> = {
    buildings: useBuildings(communityId).data?.allowedActions.includes('import'),
    units: useUnits({ communityId, page: 1, pageSize: 1 }, Boolean(communityId)).data?.allowedActions.includes('import'),
    residents: useResidents({ communityId, page: 1, pageSize: 1 }, Boolean(communityId)).data?.allowedActions.includes('import'),
  };
  const kinds = IMPORT_KINDS.filter((k) => allowed[k]);
  const [chosenKind, setKind] = useState<ImportKind | undefined>(undefined);
  const kind: ImportKind = chosenKind && allowed[chosenKind] ? chosenKind : (kinds.includes('units') ? 'units' : (kinds[0] ?? 'residents'));
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [committed, setCommitted] = useState<ImportResult | null>(null);
  const run = useImport();

  const reset = () => {
    setFile(null);
    setChecked(null);
    setCommitted(null);
    run.reset();
  };
  const dryRun = (next: File) => {
    if (!communityId) return;
    setFile(next);
    setChecked(null);
    setCommitted(null);
    run.mutate({ kind, communityId, mode: 'dry-run', file: next }, { onSuccess: setChecked });
  };
  const commit = () => {
    if (!communityId || !file) return;
    run.mutate(
      { kind, communityId, mode: 'commit', file },
      {
        onSuccess: (result) => {
          if (result.ok) {
            setCommitted(result);
            message.success(t('import.committedMsg', { count: result.created }));
          } else {
            // Something changed since the dry run (e.g. someone added the same unit): show the new problems.
            setChecked(result);
          }
        },
      },
    );
  };
  const template = async () => {
    try {
      await downloadFile(`/api/v1/imports/${kind}/template`, {}, `${kind}-template.xlsx`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const step = committed ? 3 : checked ? 2 : file ? 1 : 0;
  const communityName = communities.data?.items.find((c) => c.id === communityId)?.name ?? '';
  const unitsLink = kind === 'residents' ? '/residents' : `/units?community=${communityId ?? ''}`;

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('import.title')} description={t('import.description')} />
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          items={[{ title: t('import.step.choose') }, { title: t('import.step.upload') }, { title: t('import.step.check') }, { title: t('import.step.done') }]}
        />
      </Card>
      <Card title={t('import.step.choose')}>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{t('import.kind')}</Typography.Text>
              <Radio.Group
                value={kind}
                optionType="button"
                buttonStyle="solid"
                data-testid="import-kind"
                onChange={(e) => {
                  setKind(e.target.value as ImportKind);
                  reset();
                }}
                options={kinds.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
              />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(KIND_HINT[kind])}
              </Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} md={12}>
            <Flex vertical gap={6}>
              <Typography.Text type="secondary">{t('units.community')}</Typography.Text>
              <Select
                value={communityId}
                onChange={(value: string) => {
                  setCommunity(value);
                  reset();
                }}
                options={(communities.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: c.name }))}
                loading={communities.isPending}
                aria-label={t('units.community')}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
          <Col xs={24}>
            <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="download-template">
              {t('import.template', { kind: t(KIND_LABEL[kind]) })}
            </Button>
          </Col>
        </Row>
      </Card>
      {committed ? (
        <Card>
          <Result
            status="success"
            title={t('import.committedTitle', { count: committed.created, kind: t(KIND_LABEL[kind]), community: communityName })}
            subTitle={t('import.committedSub', { rows: committed.rows })}
            data-testid="import-committed"
            extra={[
              <Link key="view" to={unitsLink}>
                <Button type="primary">{t(kind === 'residents' ? 'import.viewResidents' : 'import.viewUnits')}</Button>
              </Link>,
              <Button key="again" icon={<ReloadOutlined />} onClick={reset}>
                {t('import.again')}
              </Button>,
            ]}
          />
        </Card>
      ) : (
        <Card title={t('import.step.upload')}>
          <Flex vertical gap={16}>
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              showUploadList={false}
              disabled={!communityId || run.isPending}
              beforeUpload={(next) => {
                dryRun(next);
                return false;
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? t('import.replaceFile', { name: file.name }) : t('import.dropFile')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
            {run.isPending && run.variables?.mode === 'dry-run' ? <Alert type="info" showIcon title={t('import.checking')} /> : null}
            {run.error ? <Alert type="error" showIcon title={t('import.failed')} description={run.error.message} /> : null}
            {checked && !(run.isPending && run.variables?.mode === 'dry-run') ? (
              <CheckResult result={checked} onCommit={commit} committing={run.isPending} />
            ) : null}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}

/** The dry run's verdict: every problem by row and column, or a green light with the row count. */
function CheckResult({ result, onCommit, committing }: { result: ImportResult; onCommit: () => void; committing: boolean }) {
  const { t } = useRegistryI18n();
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="import-ok"
        title={t('import.ready', { rows: result.rows })}
        description={t('import.readyHint')}
        action={
          <Button type="primary" icon={<CloudUploadOutlined />} loading={committing} onClick={onCommit} data-testid="import-commit">
            {t('import.commit', { rows: result.rows })}
          </Button>
        }
      />
    );
  }
  return (
    <Flex vertical gap={12}>
      <Alert
        type="error"
        showIcon
        data-testid="import-problems"
        title={t('import.problems', { count: result.errors.length, rows: result.rows })}
        description={t('import.problemsHint')}
      />
      <Table<Problem & { key: number }>
        size="small"
        bordered
        data-testid="import-errors"
        dataSource={result.errors.map((e, i) => ({ ...e, key: i }))}
        pagination={result.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 520 }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 80, render: (row: number) => (row > 0 ? row : '—') },
          { title: t('import.column'), dataIndex: 'column', width: 140, render: (column: string) => column || t('import.wholeRow') },
          { title: t('import.message'), dataIndex: 'message' },
        ]}
      />
    </Flex>
  );
}
