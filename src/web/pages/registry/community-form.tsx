import { useMemo, useState } from 'react';
import { Alert, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { SERVICE_LEVELS, communityInputSchema, hotlineSchema, type CommunityInput } from '../../../common/registry';
import type { Community } from '../../api/registry';
import { applyFieldErrors } from './registry-format';
import { DeskHoursEditor, type DeskHours } from './desk-hours-editor';
import { useRegistryI18n } from './use-registry-i18n';
import { zodRule } from '../../shared/zod-rule';

interface Values {
  name: string;
  address: string;
  managedAreaM2: number | null;
  serviceLevel: 1 | 2 | 3;
  contract: [Dayjs | null, Dayjs | null] | null;
  deskHours: DeskHours | null;
  timeZone: string;
  hotline: string;
}

const FIELDS = new Set(['name', 'address', 'managedAreaM2', 'serviceLevel', 'contractStart', 'contractEnd', 'deskHours', 'timeZone', 'hotline']);

function initialValues(community: Community | undefined): Values {
  return {
    name: community?.name ?? '',
    address: community?.address ?? '',
    managedAreaM2: community?.managedAreaM2 ?? null,
    serviceLevel: (community?.serviceLevel ?? 1) as 1 | 2 | 3,
    contract: community?.contractStart || community?.contractEnd
      ? [community.contractStart ? dayjs(community.contractStart) : null, community.contractEnd ? dayjs(community.contractEnd) : null]
      : null,
    deskHours: (community?.deskHours as DeskHours | null | undefined) ?? null,
    timeZone: community?.timeZone ?? 'Asia/Shanghai',
    hotline: community?.hotline ?? '',
  };
}

/** Service level labels 一级/二级/三级 with what each adds. */
export function useLevelLabel() {
  const { t } = useRegistryI18n();
  return (level: number) => t(level === 3 ? 'level.3' : level === 2 ? 'level.2' : 'level.1');
}

/**
 * Create or edit form of a community: name, address, managed area, service level, contract
 * period, desk hours with breaks per weekday and time zone. `onSubmit` rejects with the API
 * error, whose field messages land on the inputs.
 */
export function CommunityForm({
  community,
  onSubmit,
  onCancel,
  saving,
}: {
  community?: Community;
  onSubmit: (body: CommunityInput) => Promise<unknown>;
  onCancel: () => void;
  saving: boolean;
}) {
  const { t } = useRegistryI18n();
  const levelLabel = useLevelLabel();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone').map((tz) => ({ value: tz, label: tz })), []);

  const submit = async (values: Values) => {
    setProblem(null);
    try {
      await onSubmit({
        name: values.name,
        address: values.address ?? '',
        managedAreaM2: values.managedAreaM2 ?? null,
        serviceLevel: values.serviceLevel,
        contractStart: values.contract?.[0]?.format('YYYY-MM-DD') ?? null,
        contractEnd: values.contract?.[1]?.format('YYYY-MM-DD') ?? null,
        deskHours: values.deskHours,
        timeZone: values.timeZone,
        hotline: values.hotline?.trim() ? values.hotline.trim() : null,
      });
    } catch (error) {
      const leftover = applyFieldErrors(form, error, (path) => FIELDS.has(String(path[0])));
      // The contract dates share one range input.
      if (error && typeof error === 'object' && 'fields' in error) {
        const fields = (error as { fields: Record<string, string> }).fields;
        const contract = fields.contractStart ?? fields.contractEnd;
        if (contract) form.setFields([{ name: 'contract', errors: [contract] }]);
      }
      setProblem([error instanceof Error ? error.message : String(error), ...leftover].join('；'));
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues(community)} onFinish={(v) => void submit(v)} scrollToFirstError>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('community.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, zodRule(communityInputSchema.shape.name, t('form.tooLong', { max: 100 }))]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="serviceLevel" label={t('community.serviceLevel')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={SERVICE_LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="address" label={t('community.address')}>
            <Input maxLength={300} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="hotline" label={t('community.hotline')} extra={t('community.hotlineHint')} rules={[zodRule(hotlineSchema, t('community.hotlineInvalid'))]}>
            <Input maxLength={20} inputMode="tel" placeholder="0571-88886666" data-testid="community-hotline" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="managedAreaM2" label={t('community.area')}>
            <InputNumber min={0.01} max={100_000_000} style={{ width: '100%' }} suffix="㎡" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contract" label={t('community.contract')}>
            <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="timeZone" label={t('community.timeZone')} rules={[{ required: true, message: t('form.required') }]}>
            <Select showSearch={{ optionFilterProp: ['label'] }} options={timeZones} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="deskHours" label={t('community.deskHours')} extra={t('community.deskHoursHint')}>
            <DeskHoursEditor />
          </Form.Item>
        </Col>
      </Row>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="community-save">
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}
