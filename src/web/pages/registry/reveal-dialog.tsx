import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { revealSchema } from '../../../common/registry';
import { ApiError } from '../../api/client';
import { useRevealResidentField, type RevealField } from '../../api/registry';
import { useRegistryI18n } from './use-registry-i18n';
import { zodRule } from '../../shared/zod-rule';

/**
 * Asks why the full value of a masked field is needed, then shows it once. The server writes
 * the reveal with its reason to the audit log; closing the dialog forgets the value.
 */
export function RevealDialog({
  residentId,
  field,
  onClose,
}: {
  residentId: string;
  field: RevealField | null;
  onClose: () => void;
}) {
  const { t } = useRegistryI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealResidentField();
  const [value, setValue] = useState<string | null | undefined>(undefined);

  const close = () => {
    setValue(undefined);
    reveal.reset();
    form.resetFields();
    onClose();
  };
  const submit = ({ reason }: { reason: string }) => {
    if (!field) return;
    reveal.mutate(
      { id: residentId, field, reason },
      {
        onSuccess: (result) => setValue(result.value),
        onError: (error) => {
          const reasonError = error instanceof ApiError ? error.fields.reason : undefined;
          if (reasonError) form.setFields([{ name: 'reason', errors: [reasonError] }]);
        },
      },
    );
  };
  const fieldName = field === 'idNumber' ? t('resident.idNumber') : t('resident.phone');
  const shown = value !== undefined;

  return (
    <Modal
      open={field !== null}
      title={t('reveal.title', { field: fieldName })}
      onCancel={close}
      destroyOnHidden
      footer={
        shown
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t('reveal.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-submit">
                {t('reveal.submit')}
              </Button>,
            ]
      }
    >
      {shown ? (
        <Alert
          type="success"
          showIcon
          data-testid="reveal-result"
          title={
            <Typography.Text copyable={value ? { text: value } : false} strong style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums' }}>
              {value ?? t('reveal.empty')}
            </Typography.Text>
          }
          description={t('reveal.audited')}
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark>
          <Typography.Paragraph type="secondary">{t('reveal.explain')}</Typography.Paragraph>
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            rules={[{ required: true, whitespace: true, message: t('reveal.reasonRequired') }, zodRule(revealSchema.shape.reason, t('reveal.reasonLength'))]}
          >
            <Input.TextArea autoFocus rows={3} maxLength={200} showCount placeholder={t('reveal.reasonPlaceholder')} />
          </Form.Item>
          {reveal.error && !(reveal.error instanceof ApiError && reveal.error.fields.reason) ? (
            <Alert type="error" showIcon title={reveal.error.message} />
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
