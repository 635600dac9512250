import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { CONFIRMATION_CHANNELS, plateSchema } from '../../../common/gate';
import { phoneSchema } from '../../../common/registry';
import { ApiError } from '../../api/client';
import { useCreatePass, type GatePass } from '../../api/gate';
import { UnitPicker } from '../registry/unit-picker';
import { zodRule } from '../../shared/zod-rule';
import { useGateI18n } from './use-gate-i18n';

interface Values {
  unitId: string;
  visitorName: string;
  visitorPhone?: string;
  plate?: string;
  partySize: number;
  purpose?: string;
  window?: [Dayjs, Dayjs];
  hostConfirmation: string;
  confirmedBy: string;
}

/**
 * Registers a visitor after the host confirmed: the guard's walk-in (admitted at once) or the
 * desk on a resident's behalf (with a visit window). How and by whom the host confirmed is
 * always recorded, as the visitor standard requires.
 */
export function PassForm({ mode, onDone }: { mode: 'walk_in' | 'desk'; onDone?: (pass: GatePass) => void }) {
  const { t } = useGateI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePass();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setError(null);
    try {
      const pass = await create.mutateAsync({
        unitId: v.unitId,
        visitorName: v.visitorName,
        visitorPhone: v.visitorPhone || undefined,
        plate: v.plate || undefined,
        partySize: v.partySize,
        purpose: v.purpose || undefined,
        validFrom: v.window?.[0].toISOString(),
        validUntil: v.window?.[1].toISOString(),
        hostConfirmation: v.hostConfirmation as 'phone',
        confirmedBy: v.confirmedBy,
        enterNow: mode === 'walk_in',
      });
      void message.success(mode === 'walk_in' ? t('walkIn.done', { name: pass.visitorName }) : t('common.created'));
      form.resetFields();
      onDone?.(pass);
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name === 'validFrom' || name === 'validUntil' ? 'window' : name, errors: [msg] })) as never);
      } else setError(String(e));
    }
  };
  const required = [{ required: true, message: t('field.required') }];
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ partySize: 1, hostConfirmation: 'phone' }} requiredMark={false}>
      <Form.Item name="unitId" label={t('field.unit')} rules={required}>
        <UnitPicker />
      </Form.Item>
      <Form.Item name="visitorName" label={t('field.visitorName')} rules={required}>
        <Input size="large" maxLength={40} />
      </Form.Item>
      <Form.Item name="visitorPhone" label={t('field.visitorPhone')} rules={[zodRule(phoneSchema, t('field.phone'))]}>
        <Input size="large" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="plate" label={t('field.plate')} rules={[zodRule(plateSchema, t('field.plateInvalid'))]}>
        <Input size="large" maxLength={10} />
      </Form.Item>
      <Form.Item name="partySize" label={t('field.partySize')}>
        <InputNumber size="large" min={1} max={20} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="purpose" label={t('field.purpose')}>
        <Input size="large" maxLength={100} />
      </Form.Item>
      {mode === 'desk' ? (
        <Form.Item name="window" label={t('field.window')} rules={required}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="hostConfirmation" label={t('field.hostConfirmation')} rules={required}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" options={CONFIRMATION_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
      </Form.Item>
      <Form.Item name="confirmedBy" label={t('field.confirmedBy')} rules={required}>
        <Input size="large" maxLength={40} />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
        {mode === 'walk_in' ? t('walkIn.submit') : t('common.save')}
      </Button>
    </Form>
  );
}
