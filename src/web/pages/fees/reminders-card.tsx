import { useEffect } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Form, InputNumber, Switch, Table, Tag } from 'antd';
import type { ReminderSettingsInput } from '../../../common/fee-owner';
import { useReminders, useReminderSettings, useSaveReminderSettings } from '../../api/fee-owner';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { yuan } from './fee-messages';
import { FEE_OWNER_MESSAGES, type FeeOwnerMessageKey } from './owner-messages';

/** Arrears reminders of a community: the cadence and cap (managers), and the reminders sent with their letters. */
export function RemindersCard({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { message } = App.useApp();
  const { data, error } = useReminderSettings(communityId);
  const sent = useReminders(communityId);
  const save = useSaveReminderSettings();
  const [form] = Form.useForm<ReminderSettingsInput>();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);
  const canEdit = !!data?.allowedActions.includes('update');
  const submit = (input: ReminderSettingsInput) =>
    save.mutate(
      { communityId, input },
      {
        onSuccess: () => void message.success(t('pay.saved')),
        onError: (e) => {
          if (showFieldErrors(form, e) === false) void message.error(e.message);
        },
      },
    );
  return (
    <Card title={t('rem.title')}>
      {error ? <Alert type="error" title={error.message} /> : null}
      <Alert type="info" title={t('rem.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="inline" disabled={!canEdit} onFinish={submit} style={{ rowGap: 12, marginBottom: 16 }} data-testid="reminder-form">
        <Form.Item name="remindersEnabled" label={t('rem.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="reminderAfterDays" label={t('rem.afterDays')}>
          <InputNumber min={1} max={365} suffix={t('rem.days')} />
        </Form.Item>
        <Form.Item name="reminderEveryDays" label={t('rem.everyDays')}>
          <InputNumber min={1} max={365} suffix={t('rem.days')} />
        </Form.Item>
        <Form.Item name="reminderMaxPerYear" label={t('rem.maxPerYear')}>
          <InputNumber min={1} max={12} />
        </Form.Item>
        <Form.Item name="reminderSms" label={t('rem.sms')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('pay.save')}
          </Button>
        ) : null}
      </Form>
      <Table
        size="small"
        rowKey="id"
        loading={sent.isPending}
        dataSource={sent.data?.items ?? []}
        locale={{ emptyText: t('rem.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        title={() => t('rem.sent')}
        columns={[
          { title: t('rem.day'), dataIndex: 'remindOn' },
          { title: t('rem.unit'), dataIndex: 'label' },
          { title: t('rem.arrears'), align: 'right', render: (_, r) => yuan(r.arrearsFen) },
          { title: t('rem.overdue'), dataIndex: 'overdueDays', align: 'right' },
          { title: t('rem.channels'), render: (_, r) => r.channels.map((c) => <Tag key={c}>{t(`rem.channel.${c}` as FeeOwnerMessageKey)}</Tag>) },
          { title: '', render: (_, r) => <Link to={`/fees/letters/${r.accountId}`}>{t('rem.letter')}</Link> },
        ]}
      />
    </Card>
  );
}
