import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber } from 'antd';
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, QUOTA_MAX_GB, type DataSettingsPatch } from '../../../common/privacy';
import { ApiError } from '../../api/client';
import { useDataSettings, useSaveDataSettings } from '../../api/privacy';
import { useRegistryI18n } from './use-registry-i18n';

const formatBytes = (bytes: number) => {
  const gb = bytes / 1024 ** 3;
  return gb >= 1 ? `${Number(gb.toFixed(1))} GB` : `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
};

/**
 * The company's personal-data settings on its communities page (company admins): how many days
 * visitor and vehicle records are kept after a pass ended (PIPL), and the upload quota.
 */
export function DataSettingsCard() {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const { data } = useDataSettings();
  const save = useSaveDataSettings();
  const [form] = Form.useForm<{ visitorRetentionDays: number; storageQuotaGb: number | null }>();
  useEffect(() => {
    if (data) form.setFieldsValue({ visitorRetentionDays: data.visitorRetentionDays, storageQuotaGb: data.storageQuotaGb });
  }, [data, form]);
  if (!data) return null;
  const editable = data.allowedActions.includes('update');

  const submit = (values: { visitorRetentionDays: number; storageQuotaGb: number | null }) => {
    const body: DataSettingsPatch = { visitorRetentionDays: values.visitorRetentionDays, storageQuotaGb: values.storageQuotaGb ?? null };
    save.mutate(body, {
      onSuccess: () => message.success(t('dataSettings.saved')),
      onError: (e) => {
        if (e instanceof ApiError && Object.keys(e.fields).length) {
          form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name as 'visitorRetentionDays', errors: [String(msg)] })));
        } else message.error(e.message);
      },
    });
  };

  return (
    <Card title={t('dataSettings.title')} data-testid="data-settings">
      <Form form={form} layout="vertical" onFinish={submit} disabled={!editable} style={{ maxWidth: 520 }}>
        <Form.Item
          name="visitorRetentionDays"
          label={t('dataSettings.retention')}
          extra={t('dataSettings.retentionHint')}
          rules={[{ required: true, type: 'integer', min: RETENTION_MIN_DAYS, max: RETENTION_MAX_DAYS, message: `${RETENTION_MIN_DAYS}–${RETENTION_MAX_DAYS}` }]}
        >
          <InputNumber min={RETENTION_MIN_DAYS} max={RETENTION_MAX_DAYS} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="storageQuotaGb"
          label={t('dataSettings.quota')}
          extra={t('dataSettings.quotaHint', { used: formatBytes(data.storageUsedBytes), quota: formatBytes(data.effectiveQuotaBytes) })}
        >
          <InputNumber min={0.001} max={QUOTA_MAX_GB} style={{ width: 160 }} />
        </Form.Item>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
