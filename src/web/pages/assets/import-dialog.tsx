import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Select, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportResult } from '../../../common/registry-api';
import { useAssetActions } from '../../api/assets';
import { downloadFile, useCommunities } from '../../api/registry';
import { useAssetsI18n } from './use-assets-i18n';

/**
 * 导入设施设备: pick the community, download the template, upload. Every upload is checked first
 * (each problem by Excel row and column); the import then writes every row or none.
 */
export function ImportDialog({ defaultCommunityId, onClose }: { defaultCommunityId?: string; onClose: () => void }) {
  const { t, locale } = useAssetsI18n();
  const { message } = App.useApp();
  const communities = useCommunities();
  const [chosen, setChosen] = useState<string | undefined>(defaultCommunityId);
  const communityId = chosen ?? communities.data?.items.find((c) => !c.archivedAt)?.id;
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const { importFile: run } = useAssetActions();

  const check = (next: File) => {
    if (!communityId) return;
    setFile(next);
    setChecked(null);
    run.mutate({ communityId, mode: 'dry-run', file: next }, { onSuccess: setChecked });
  };
  const commit = () => {
    if (!communityId || !file) return;
    run.mutate(
      { communityId, mode: 'commit', file },
      { onSuccess: (result) => (result.ok ? (message.success(t('import.done', { count: result.created })), onClose()) : setChecked(result)) },
    );
  };
  const template = () => void downloadFile('/api/v1/assets/import-template', {}, 'assets-template.xlsx', locale).catch((e: Error) => message.error(e.message));
  const checking = run.isPending && run.variables?.mode === 'dry-run';

  return (
    <Modal open width={720} title={t('import.title')} onCancel={onClose} footer={null} destroyOnHidden>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('import.hint')}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('import.community')}</Typography.Text>
          <Select
            style={{ width: 200 }}
            value={communityId}
            onChange={(v: string) => (setChosen(v), setFile(null), setChecked(null))}
            options={(communities.data?.items ?? []).filter((c) => !c.archivedAt).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button icon={<DownloadOutlined />} onClick={template} data-testid="asset-template">
            {t('import.template')}
          </Button>
        </Flex>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={!communityId || run.isPending}
          beforeUpload={(next) => (check(next), false)}
          data-testid="asset-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
        </Upload.Dragger>
        {checking ? <Alert type="info" showIcon title={t('import.checking')} /> : null}
        {run.error ? <Alert type="error" showIcon title={run.error.message} /> : null}
        {checked && !checking ? (
          checked.ok ? (
            <Alert
              type="success"
              showIcon
              title={t('import.ready', { rows: checked.rows })}
              action={
                <Button type="primary" icon={<CloudUploadOutlined />} loading={run.isPending} onClick={commit} data-testid="asset-import-commit">
                  {t('import.commit', { rows: checked.rows })}
                </Button>
              }
            />
          ) : (
            <>
              <Alert type="error" showIcon title={t('import.problems', { count: checked.errors.length, rows: checked.rows })} />
              <Table
                size="small"
                bordered
                rowKey={(_, i) => String(i)}
                dataSource={checked.errors}
                pagination={checked.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                data-testid="asset-import-errors"
                columns={[
                  { title: t('import.row'), dataIndex: 'row', width: 70 },
                  { title: t('import.column'), dataIndex: 'column', width: 120, render: (c: string) => c || t('import.wholeFile') },
                  { title: t('import.message'), dataIndex: 'message' },
                ]}
              />
            </>
          )
        ) : null}
      </Flex>
    </Modal>
  );
}
