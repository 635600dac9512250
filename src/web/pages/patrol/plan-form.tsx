import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, InputNumber, Select, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { PlanInput } from '../../../common/patrol';
import { usePatrolRoutes, usePatrolSetup } from '../../api/security';
import { showFieldErrors } from '../../shared/field-errors';
import { useSecurityI18n } from './use-security-i18n';

interface Values {
  routeId: string;
  name: string;
  startTime: Dayjs;
  endTime: Dayjs;
  everyMinutes: number;
  peakWindows: { start: Dayjs; end: Dayjs; everyMinutes: number }[];
}

const at = (hhmm: string) => dayjs(`2000-01-01 ${hhmm}`);
const hhmm = (d: Dayjs) => d.format('HH:mm');

/** 新建巡更计划: which route, from when to when a round starts, every how many minutes, and denser peak windows. */
export function PlanForm({ communityId, routeId, onDone }: { communityId: string; routeId?: string; onDone: () => void }) {
  const { t } = useSecurityI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const routes = usePatrolRoutes(communityId);
  const { createPlan } = usePatrolSetup();
  const submit = (v: Values) => {
    const body: PlanInput = {
      communityId,
      routeId: v.routeId,
      name: v.name,
      startTime: hhmm(v.startTime),
      endTime: hhmm(v.endTime),
      everyMinutes: v.everyMinutes,
      peakWindows: (v.peakWindows ?? []).map((w) => ({ start: hhmm(w.start), end: hhmm(w.end), everyMinutes: w.everyMinutes })),
    };
    createPlan.mutate(body, {
      onSuccess: (p) => (message.success(t('setup.planCreated', { name: p.name })), onDone()),
      onError: (e) => void (showFieldErrors(form, e) || message.error(e.message)),
    });
  };
  const required = { required: true, message: t('setup.required') };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ routeId, startTime: at('08:00'), endTime: at('22:00'), everyMinutes: 120, peakWindows: [] }}
      data-testid="plan-form"
    >
      <Form.Item name="routeId" label={t('round.extraRoute')} rules={[required]}>
        <Select loading={routes.isPending} options={(routes.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} data-testid="plan-route" />
      </Form.Item>
      <Form.Item name="name" label={t('setup.planName')} rules={[{ ...required, whitespace: true }, { max: 40 }]}>
        <Input placeholder={t('setup.planNameHint')} data-testid="plan-name" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="startTime" label={t('setup.firstStart')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="endTime" label={t('setup.lastStart')} tooltip={t('setup.lastStartHint')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="everyMinutes" label={t('setup.every')} rules={[required]} style={{ flex: '1 1 120px' }}>
          <InputNumber min={10} max={1440} step={10} precision={0} style={{ width: '100%' }} suffix={t('setup.min')} />
        </Form.Item>
      </Flex>
      <Typography.Text strong>{t('setup.peaks')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
        {t('setup.peaksHint')}
      </Typography.Paragraph>
      <Form.List name="peakWindows">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} wrap align="end" style={{ background: '#fafafa', padding: 8, borderRadius: 6 }}>
                <Form.Item name={[f.name, 'start']} label={t('setup.peakFrom')} rules={[required]} style={{ flex: '1 1 90px', marginBottom: 0 }}>
                  <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[f.name, 'end']} label={t('setup.peakTo')} rules={[required]} style={{ flex: '1 1 90px', marginBottom: 0 }}>
                  <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name={[f.name, 'everyMinutes']} label={t('setup.every')} rules={[required]} style={{ flex: '1 1 90px', marginBottom: 0 }}>
                  <InputNumber min={10} max={720} step={10} precision={0} style={{ width: '100%' }} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(i)} aria-label={t('setup.remove')} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 6} onClick={() => add({ start: at('07:00'), end: at('09:00'), everyMinutes: 30 })}>
              {t('setup.addPeak')}
            </Button>
          </Flex>
        )}
      </Form.List>
      <Flex gap={8} justify="end" style={{ marginTop: 16 }}>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={createPlan.isPending} data-testid="plan-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
