import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Radio } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CONFIRMATION_CHANNELS, plateSchema } from '../../../common/gate';
import { phoneSchema } from '../../../common/registry';
import { ApiError } from '../../api/client';
import { useCreateSlip, type GoodsSlip } from '../../api/gate';
import { UnitPicker } from '../registry/unit-picker';
import { zodRule } from '../../shared/zod-rule';
import { useGateI18n } from './use-gate-i18n';

interface Values {
  unitId: string;
  items: { name: string; quantity: number; note?: string }[];
  carrierName: string;
  carrierPhone?: string;
  plate?: string;
  note?: string;
  ownerConfirmation: string;
  confirmedBy: string;
}

/** The desk issues a release slip on the owner's confirmed behalf, listing the goods item by item. */
export function SlipForm({ onDone }: { onDone?: (slip: GoodsSlip) => void }) {
  const { t } = useGateI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSlip();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setError(null);
    try {
      const slip = await create.mutateAsync({
        unitId: v.unitId,
        items: v.items.map((i) => ({ name: i.name, quantity: i.quantity, note: i.note || undefined })),
        carrierName: v.carrierName,
        carrierPhone: v.carrierPhone || undefined,
        plate: v.plate || undefined,
        note: v.note || undefined,
        ownerConfirmation: v.ownerConfirmation as 'phone',
        confirmedBy: v.confirmedBy,
      });
      void message.success(t('common.created'));
      form.resetFields();
      onDone?.(slip);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [msg] })) as never);
      } else setError(String(e));
    }
  };
  const required = [{ required: true, message: t('field.required') }];
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ items: [{ quantity: 1 }], ownerConfirmation: 'phone' }} requiredMark={false}>
      <Form.Item name="unitId" label={t('field.slipUnit')} rules={required}>
        <UnitPicker />
      </Form.Item>
      <Form.Item label={t('field.items')} required>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item name={[f.name, 'name']} rules={required} style={{ flex: '2 1 140px', marginBottom: 8 }}>
                    <Input placeholder={t('slip.item')} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={required} style={{ flex: '0 0 80px', marginBottom: 8 }}>
                    <InputNumber min={1} max={999} placeholder={t('slip.quantity')} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'note']} style={{ flex: '2 1 120px', marginBottom: 8 }}>
                    <Input placeholder={t('slip.note')} maxLength={100} />
                  </Form.Item>
                  {fields.length > 1 ? <Button icon={<DeleteOutlined />} aria-label={t('common.cancel')} onClick={() => remove(f.name)} /> : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} block>
                {t('field.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="carrierName" label={t('field.carrierName')} rules={required}>
        <Input size="large" maxLength={40} />
      </Form.Item>
      <Form.Item name="carrierPhone" label={t('field.carrierPhone')} rules={[zodRule(phoneSchema, t('field.phone'))]}>
        <Input size="large" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="plate" label={t('field.plate')} rules={[zodRule(plateSchema, t('field.plateInvalid'))]}>
        <Input size="large" maxLength={10} />
      </Form.Item>
      <Form.Item name="ownerConfirmation" label={t('field.ownerConfirmation')} rules={required}>
        <Radio.Group optionType="button" buttonStyle="solid" options={CONFIRMATION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
      </Form.Item>
      <Form.Item name="confirmedBy" label={t('field.confirmedBy')} rules={required}>
        <Input size="large" maxLength={40} />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
