import { useEffect } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input } from 'antd';
import type { PayInfoInput } from '../../../common/fee-owner';
import { useFeeOwnerActions, usePayInfo } from '../../api/fee-owner';
import { showFieldErrors } from '../../shared/field-errors';
import { useFeatureI18n } from '../../shared/use-feature-i18n';
import { FEE_OWNER_MESSAGES } from './owner-messages';
import { RemindersCard } from './reminders-card';

/** The community's bank account and transfer reference, shown to owners with their bills. */
export function PayInfoPanel({ communityId }: { communityId: string }) {
  const { t } = useFeatureI18n(FEE_OWNER_MESSAGES);
  const { message } = App.useApp();
  const { data, error } = usePayInfo(communityId);
  const { savePayInfo } = useFeeOwnerActions();
  const [form] = Form.useForm<PayInfoInput>();
  useEffect(() => {
    if (data) form.setFieldsValue({ bankName: data.bankName, accountName: data.accountName, accountNo: data.accountNo, referenceHint: data.referenceHint, payNote: data.payNote });
  }, [data, form]);
  const canEdit = !!data?.allowedActions.includes('update');
  const submit = (input: PayInfoInput) =>
    savePayInfo.mutate(
      { communityId, input },
      {
        onSuccess: () => void message.success(t('pay.saved')),
        onError: (e) => {
          if (showFieldErrors(form, e) === false) void message.error(e.message);
        },
      },
    );
  return (
    <Flex vertical gap={16}>
    <Card title={t('pay.title')} style={{ maxWidth: 640 }}>
      {error ? <Alert type="error" title={error.message} /> : null}
      <Alert type="info" title={t('pay.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={!canEdit} onFinish={submit} data-testid="pay-info-form">
        <Form.Item name="bankName" label={t('pay.bankName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="accountName" label={t('pay.accountName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="accountNo" label={t('pay.accountNo')}>
          <Input maxLength={40} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="referenceHint" label={t('pay.referenceHint')}>
          <Input maxLength={60} placeholder={t('pay.referencePlaceholder')} />
        </Form.Item>
        <Form.Item name="payNote" label={t('pay.payNote')}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={savePayInfo.isPending} data-testid="pay-info-save">
            {t('pay.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
    <RemindersCard communityId={communityId} />
    </Flex>
  );
}
