import { useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ENUM_LABELS } from '../../../common/registry';
import { preJobHold, preJobHoldText } from '../../../common/training';
import type { ChecklistAnswer, RecordDescription } from '../../../common/work/records';
import { RECORD_LINES_MAX } from '../../../common/work/records';
import { useStaffList, useUnits } from '../../api/registry';
import { usePriceList, useSuggestedAssignees, type SuggestedAssignee } from '../../api/work-orders';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { PhotoUpload } from '../../pages/work-orders/photo-upload';
import { formatFen } from '../../pages/work-orders/work-order-format';
import { useDebounced } from '../use-debounced';
import { useFeatureI18n } from '../use-feature-i18n';
import { STEP_MESSAGES } from './step-messages';
import { lineAmountFen, type PendingSignature, type PriceLineInput } from './step-values';

/** The step form's translator: its own texts plus `tl` for the standard's labels. */
export function useStepI18n() {
  return useFeatureI18n(STEP_MESSAGES);
}

/** The work item a step is taken on, as the controls need it (whose staff, units and prices). */
export interface StepTarget {
  /** Work order id: staff records of technicians show the server's dispatch suggestions for it. */
  workOrderId?: string;
  communityId: string;
}

/** A rule of a whole list of lines (Form.List takes validators only). */
export type ListRule = { validator: (rule: unknown, value: unknown) => Promise<void> };

interface ControlProps<T> {
  record: RecordDescription;
  value?: T;
  onChange?: (value: T | undefined) => void;
  id?: string;
}

/** Technicians suggested by the server for a work order, best first, with why. */
export function SuggestedStaffPicker({ workOrderId, value, onChange, id }: { workOrderId: string } & Omit<ControlProps<string>, 'record'>) {
  const { t, locale } = useStepI18n();
  const skillName = (k: string) => (ENUM_LABELS.skill as Record<string, readonly [string, string]>)[k]?.[locale === 'zh-CN' ? 0 : 1] ?? k;
  const { data, isPending, error } = useSuggestedAssignees(workOrderId);
  if (isPending) return <Spin />;
  if (error) return <Alert type="error" title={error.message} />;
  const reason = (s: SuggestedAssignee, r: string) => {
    if (r.startsWith('load:')) return <Tag key={r}>{t('suggest.load', { n: s.openLoad })}</Tag>;
    const known = ['skill_match', 'no_skill_match', 'on_duty', 'off_duty', 'cleared', 'in_training'] as const;
    const good = r === 'skill_match' || r === 'on_duty' || r === 'cleared';
    return (
      <Tag key={r} color={good ? 'green' : r === 'no_skill_match' ? 'default' : 'red'}>
        {(known as readonly string[]).includes(r) ? t(`suggest.${r as (typeof known)[number]}`) : r}
      </Tag>
    );
  };
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange?.(e.target.value as string)} style={{ width: '100%' }} data-testid="assignee-picker">
      <Flex vertical gap={8}>
        {data.items.map((s, i) => (
          <Card
            key={s.staffId}
            size="small"
            hoverable={!s.heldFromSoloWork}
            onClick={() => (s.heldFromSoloWork ? undefined : onChange?.(s.staffId))}
            style={{ borderColor: value === s.staffId ? '#2f6f9f' : undefined }}
          >
            <Radio value={s.staffId} disabled={!!s.heldFromSoloWork} data-testid={`assignee-${s.name}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{s.name}</Typography.Text>
                {i === 0 ? <Tag color="blue">{t('suggest.best')}</Tag> : null}
                {s.reasons.map((r) => reason(s, r))}
              </Space>
            </Radio>
            {s.skills.length ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginInlineStart: 24, fontSize: 12 }}>
                {t('suggest.skills', { skills: s.skills.map(skillName).join(' / ') })}
              </Typography.Text>
            ) : null}
            {s.heldFromSoloWork ? (
              <Typography.Text type="danger" style={{ display: 'block', marginInlineStart: 24, fontSize: 12 }} data-testid={`assignee-held-${s.name}`}>
                {s.heldFromSoloWork[locale]}
              </Typography.Text>
            ) : null}
          </Card>
        ))}
        {data.items.length === 0 ? <Typography.Text type="secondary">{t('step.noStaff')}</Typography.Text> : null}
      </Flex>
    </Radio.Group>
  );
}

/** Staff of the community with the record's positions and skill. */
export function StaffSelect({ record, communityId, value, onChange, id }: ControlProps<string> & { communityId: string }) {
  const { t, locale } = useStepI18n();
  const positions = record.staffFilter?.positions ?? [];
  const skill = record.staffFilter?.skill ?? undefined;
  const soloWork = record.staffFilter?.soloWork === true;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const list = useStaffList({ page: 1, pageSize: 200, communityId, skill, position: positions.length === 1 ? positions[0] : undefined });
  const staff = (list.data?.items ?? []).filter((s) => positions.length === 0 || positions.includes(s.position));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={list.isPending}
      placeholder={t('step.pickStaff')}
      notFoundContent={list.error ? list.error.message : t('step.noStaff')}
      options={staff.map((s) => {
        // Work handed to one person: staff held by pre-job training are shown with until when, not offered.
        const hold = soloWork ? preJobHold(s, today) : null;
        return { value: s.id, label: hold ? `${s.name}（${preJobHoldText(hold)[locale]}）` : s.name, disabled: hold !== null };
      })}
      data-testid={`record-${record.name}`}
    />
  );
}

/** A unit of the community, found by typing its number. */
export function UnitSelect({ record, communityId, value, onChange, id }: ControlProps<string> & { communityId: string }) {
  const { t } = useStepI18n();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 200);
  const units = useUnits({ communityId, q, page: 1, pageSize: 20 }, q.length > 0);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={units.isFetching}
      placeholder={t('step.pickUnit')}
      options={(q ? (units.data?.items ?? []) : []).map((u) => ({ value: u.id, label: u.label }))}
      data-testid={`record-${record.name}`}
    />
  );
}

/**
 * A signature drawn on the pad. The field's value is a pending signature while there is ink (so a
 * required signature is checked like any field); it is uploaded when the step is sent.
 */
export function SignatureField({ record, onChange, large }: ControlProps<PendingSignature> & { large: boolean }) {
  const { t, tl } = useStepI18n();
  const pad = useRef<SignaturePadHandle>(null);
  const [hasInk, setHasInk] = useState(false);
  return (
    <div data-testid={`record-${record.name}`}>
      <SignaturePad
        ref={pad}
        label={tl(record.label)}
        height={large ? 200 : 180}
        onInkChange={(ink) => {
          setHasInk(ink);
          onChange?.(ink ? { kind: 'pending-signature', toPng: () => pad.current?.toPng() ?? Promise.resolve(null) } : undefined);
        }}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('step.signHint')}
        </Typography.Text>
        <Button size="small" type="link" onClick={() => pad.current?.clear()} disabled={!hasInk} style={{ paddingInline: 0 }}>
          {t('step.signAgain')}
        </Button>
      </Flex>
    </div>
  );
}

type Answers = Record<string, Partial<ChecklistAnswer>>;

/** Checklist rows: pass / fail / N-A, a score or a number per item, with a note (and photos of a failed item when asked). */
export function ChecklistField({ record, value, onChange, large }: ControlProps<Answers> & { large: boolean }) {
  const { t, tl } = useStepI18n();
  const answers = value ?? {};
  const set = (key: string, patch: Partial<ChecklistAnswer>) => onChange?.({ ...answers, [key]: { ...answers[key], ...patch } });
  return (
    <Flex vertical gap={8} data-testid={`record-${record.name}`}>
      {(record.items ?? []).map((item) => {
        const a = answers[item.key] ?? {};
        return (
          <Card key={item.key} size="small" data-testid={`checklist-${item.key}`}>
            <Flex vertical gap={6}>
              <Typography.Text strong={item.critical}>
                {tl(item.text)}
                {item.critical ? <Tag color="red" style={{ marginInlineStart: 6 }}>!</Tag> : null}
              </Typography.Text>
              {item.answer === 'pass_fail' ? (
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size={large ? 'large' : 'middle'}
                  value={a.result}
                  onChange={(e) => set(item.key, { result: e.target.value as ChecklistAnswer['result'] })}
                  options={[
                    { value: 'pass', label: t('step.pass') },
                    { value: 'fail', label: t('step.fail') },
                    { value: 'na', label: t('step.na') },
                  ]}
                />
              ) : item.answer === 'text' ? null : (
                <InputNumber
                  min={0}
                  max={item.answer === 'score' ? item.points : undefined}
                  value={typeof a.result === 'number' ? a.result : null}
                  onChange={(n) => set(item.key, { result: n ?? undefined })}
                  suffix={item.answer === 'score' ? t('step.points', { points: item.points }) : undefined}
                  style={{ width: 160 }}
                />
              )}
              <Input
                placeholder={t('step.note')}
                maxLength={1000}
                value={a.note ?? ''}
                // A text item is answered by its note; it counts as answered once written.
                onChange={(e) => set(item.key, item.answer === 'text' ? { note: e.target.value, result: e.target.value.trim() ? 'pass' : undefined } : { note: e.target.value })}
              />
              {item.photoOnFail && a.result === 'fail' ? (
                <>
                  <Typography.Text type="secondary">{t('step.failPhotos')}</Typography.Text>
                  <PhotoUpload value={a.photoIds ?? []} onChange={(ids) => set(item.key, { photoIds: ids })} large={large} testId={`checklist-${item.key}-photos`} />
                </>
              ) : null}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}

/** Quote lines: items from the community's price list plus free lines, with the total. */
export function PriceLinesField({ record, communityId, rules }: { record: RecordDescription; communityId: string; rules: ListRule[] }) {
  const { t } = useStepI18n();
  const form = Form.useFormInstance();
  const prices = usePriceList(communityId);
  const lines = (Form.useWatch(record.name, form) as (PriceLineInput | undefined)[] | undefined) ?? [];
  const total = lines.reduce((sum, line) => sum + lineAmountFen(line), 0);
  const required = [{ required: true, message: t('step.required') }];
  return (
    <Flex vertical gap={8} data-testid={`record-${record.name}`}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={prices.data?.items.length === 0 ? t('step.priceListEmpty') : t('step.priceListSearch')}
        aria-label={t('step.priceListPick')}
        loading={prices.isPending}
        options={(prices.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${formatFen(p.price)}/${p.unit}` }))}
        value={null}
        data-testid="quote-price-item"
        onChange={(id: string) => {
          const item = prices.data?.items.find((p) => p.id === id);
          if (!item) return;
          const next: PriceLineInput = { priceItemId: item.id, name: item.name, quantity: 1, unitYuan: item.price / 100 };
          form.setFieldValue(record.name, [...((form.getFieldValue(record.name) as PriceLineInput[] | undefined) ?? []), next]);
        }}
      />
      <Form.List name={record.name} rules={rules}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => {
              const fromList = Boolean(lines[field.name]?.priceItemId);
              return (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="quote-line">
                  {/* Registered so the form keeps (and sends) which list item a line came from. */}
                  <Form.Item name={[field.name, 'priceItemId']} hidden noStyle>
                    <Input type="hidden" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ ...required[0], whitespace: true }]} style={{ flex: '1 1 160px', margin: 0 }}>
                    <Input placeholder={t('step.lineName')} maxLength={100} disabled={fromList} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitYuan']} rules={required} style={{ margin: 0 }}>
                    <InputNumber min={0} step={1} precision={2} prefix="¥" placeholder={t('step.unitPrice')} disabled={fromList} style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} style={{ margin: 0 }}>
                    <InputNumber min={1} max={999} precision={0} prefix="×" aria-label={t('step.quantity')} style={{ width: 90 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('step.removeLine')} onClick={() => remove(field.name)} />
                </Flex>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= RECORD_LINES_MAX} onClick={() => add({ quantity: 1 })}>
              {t('step.addFreeLine')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
      <Typography.Text strong data-testid="quote-total">
        {t('step.total', { total: formatFen(total) })}
      </Typography.Text>
    </Flex>
  );
}

/** Name and quantity rows (materials used and the like). */
export function ItemLinesField({ record, rules }: { record: RecordDescription; rules: ListRule[] }) {
  const { t } = useStepI18n();
  return (
    <Form.List name={record.name} rules={rules}>
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8} data-testid={`record-${record.name}`}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8}>
              <Form.Item name={[field.name, 'name']} style={{ flex: 1, margin: 0 }} rules={[{ required: true, whitespace: true, message: t('step.required') }]}>
                <Input placeholder={t('step.itemName')} maxLength={100} />
              </Form.Item>
              <Form.Item name={[field.name, 'quantity']} initialValue={1} style={{ margin: 0 }}>
                <InputNumber min={0.01} max={10000} style={{ width: 90 }} aria-label={t('step.quantity')} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={t('step.removeLine')} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= RECORD_LINES_MAX} onClick={() => add({ quantity: 1 })}>
            {t('step.addItem')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
