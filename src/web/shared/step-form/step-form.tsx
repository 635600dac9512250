import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, DatePicker, Drawer, Flex, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { recordValueSchema, RECORD_TEXT_MAX, type ActionDescription, type RecordDescription } from '../../../common/work/records';
import { uploadAttachment } from '../../api/work-orders';
import { useMediaQuery } from '../../components/use-media-query';
import { PhotoUpload } from '../../pages/work-orders/photo-upload';
import { namePath, showFieldErrors } from '../field-errors';
import { zodRule } from '../zod-rule';
import {
  ChecklistField,
  ItemLinesField,
  PriceLinesField,
  SignatureField,
  StaffSelect,
  SuggestedStaffPicker,
  UnitSelect,
  useStepI18n,
  type ListRule,
  type StepTarget,
} from './record-controls';
import type { StepMessageKey } from './step-messages';
import { boundsProblem, checkedValue, presenceProblem, resolveSignatures, shownRecords, stepBody, type FormValues, type RecordProblem } from './step-values';

export type { StepTarget };

type T = (key: StepMessageKey, vars?: Record<string, string | number>) => string;

/** The message of a refused value, in the UI language. */
function problemText(p: RecordProblem, t: T): string {
  const bounded = (both: StepMessageKey, onlyMin: StepMessageKey, onlyMax: StepMessageKey, fallback: StepMessageKey) => {
    if (!('min' in p) && !('max' in p)) return t(fallback);
    const { min, max } = p as { min?: number; max?: number };
    if (min !== undefined && max !== undefined) return t(both, { min, max });
    if (min !== undefined) return t(onlyMin, { min });
    if (max !== undefined) return t(onlyMax, { max });
    return t(fallback);
  };
  switch (p.key) {
    case 'length':
      return bounded('step.length', 'step.lengthMin', 'step.lengthMax', 'step.invalid');
    case 'range':
      // No bounds: the only other way a number is refused is a fraction where whole numbers are asked.
      return bounded('step.range', 'step.rangeMin', 'step.rangeMax', 'step.rangeInt');
    case 'count':
      return bounded('step.count', 'step.countMin', 'step.countMax', 'step.invalid');
    default:
      return t(`step.${p.key}`);
  }
}

/** The form rules of a record: presence (`required`), then its schema from the shared contract. */
function recordRules(record: RecordDescription, t: T): ListRule[] {
  return [
    {
      validator: async (_: unknown, value: unknown) => {
        const missing = presenceProblem(record, value);
        if (missing) throw new Error(problemText(missing, t));
      },
    },
    zodRule(recordValueSchema(record), () => problemText(boundsProblem(record), t), (v) => checkedValue(record, v)),
  ];
}

const isTechnicianPick = (record: RecordDescription) => {
  const positions = record.staffFilter?.positions ?? [];
  return positions.length > 0 && positions.every((p) => p === 'technician');
};

/** One form item per record type (see docs/notes-contract-web.md for the table). */
function RecordItem({ record, target, large }: { record: RecordDescription; target: StepTarget; large: boolean }) {
  const { t, tl } = useStepI18n();
  const rules = recordRules(record, t);
  const item = { name: record.name, label: tl(record.label), extra: record.hint ? tl(record.hint) : undefined, rules, required: record.required };
  const testId = `record-${record.name}`;
  switch (record.type) {
    case 'text': {
      const max = Math.min(record.maxLength ?? RECORD_TEXT_MAX, RECORD_TEXT_MAX);
      return (
        <Form.Item {...item}>
          {record.multiline ? <Input.TextArea autoSize={{ minRows: 2 }} maxLength={max} data-testid={testId} /> : <Input maxLength={max} data-testid={testId} />}
        </Form.Item>
      );
    }
    case 'number':
      return (
        <Form.Item {...item}>
          <InputNumber min={record.min} max={record.max} precision={record.decimals ?? 0} suffix={record.unit ? tl(record.unit) : undefined} style={{ width: 200 }} data-testid={testId} />
        </Form.Item>
      );
    case 'money':
      return (
        <Form.Item {...item}>
          <InputNumber
            min={(record.min ?? 0) / 100}
            max={record.max === undefined ? undefined : record.max / 100}
            precision={2}
            prefix="¥"
            style={{ width: 200 }}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'datetime':
      return (
        <Form.Item {...item}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" placeholder={t('step.pickTime')} style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item {...item}>
          <DatePicker format="YYYY-MM-DD" placeholder={t('step.pickDate')} style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'choice': {
      const options = (record.options ?? []).map((o) => ({ value: o.key, label: tl(o.label) }));
      return (
        <Form.Item {...item}>
          {options.length <= 6 ? (
            <Radio.Group optionType="button" buttonStyle="solid" size={large ? 'large' : 'middle'} options={options} data-testid={testId} />
          ) : (
            <Select options={options} allowClear placeholder={t('step.pick')} data-testid={testId} />
          )}
        </Form.Item>
      );
    }
    case 'staff':
      return (
        <Form.Item {...item}>
          {target.workOrderId && isTechnicianPick(record) ? (
            <SuggestedStaffPicker workOrderId={target.workOrderId} />
          ) : (
            <StaffSelect record={record} communityId={target.communityId} />
          )}
        </Form.Item>
      );
    case 'unit':
      return (
        <Form.Item {...item}>
          <UnitSelect record={record} communityId={target.communityId} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...item}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size={large ? 'large' : 'middle'}
            options={[
              { value: true, label: t('step.yes') },
              { value: false, label: t('step.no') },
            ]}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'photo':
      return (
        <Form.Item {...item}>
          <PhotoUpload large={large} max={record.max} testId={testId} />
        </Form.Item>
      );
    case 'signature':
      return (
        <Form.Item {...item}>
          <SignatureField record={record} large={large} />
        </Form.Item>
      );
    case 'consent':
      // The label is the sentence the person agrees to, next to the box.
      return (
        <Form.Item name={record.name} valuePropName="checked" rules={rules} extra={item.extra}>
          <Checkbox data-testid={testId} style={large ? { fontSize: 16 } : undefined}>
            {tl(record.label)}
          </Checkbox>
        </Form.Item>
      );
    case 'checklist':
      return (
        <Form.Item {...item}>
          <ChecklistField record={record} large={large} />
        </Form.Item>
      );
    case 'price_lines':
      return (
        <Form.Item label={item.label} extra={item.extra} required={record.required}>
          <PriceLinesField record={record} communityId={target.communityId} rules={rules} />
        </Form.Item>
      );
    case 'item_lines':
      return (
        <Form.Item label={item.label} extra={item.extra} required={record.required}>
          <ItemLinesField record={record} rules={rules} />
        </Form.Item>
      );
  }
}

interface StepFieldsProps {
  action: ActionDescription;
  target: StepTarget;
  /** Facts of the work item that `when` conditions may name besides the step's own values. */
  facts?: Readonly<Record<string, unknown>>;
  /** Larger targets (phones). */
  large?: boolean;
}

/**
 * The fields of a step, drawn from its description: one form item per record, shown while its
 * `when` holds. Goes inside an antd Form (see {@link StepDialog}).
 */
export function StepFields({ action, target, facts, large = false }: StepFieldsProps) {
  const form = Form.useFormInstance<FormValues>();
  // Watch everything (kept values too), so a condition follows the fields it names.
  const values = (Form.useWatch([], { form, preserve: true }) as FormValues | undefined) ?? {};
  return (
    <>
      {shownRecords(action, values, facts).map((record) => (
        <RecordItem key={record.name} record={record} target={target} large={large} />
      ))}
    </>
  );
}

/** Where the API's message about a field goes on the form: the record, or a line's own input. */
function formPathOf(action: ActionDescription, path: string): (string | number)[] | null {
  const name = namePath(path);
  const record = action.records.find((r) => r.name === name[0]);
  if (!record) return null;
  if ((record.type === 'price_lines' || record.type === 'item_lines') && name.length === 3 && typeof name[1] === 'number') {
    const field = name[2] === 'amount' ? 'unitYuan' : name[2];
    if (field === 'name' || field === 'quantity' || field === 'unitYuan') return [record.name, name[1], field];
  }
  return [record.name];
}

interface StepDialogProps<R> extends StepFieldsProps {
  /** Title of the dialog: the step's name (and what it is taken on). */
  title: string;
  /** Sends the body to `POST …/actions/{action.key}`; an ApiError's field messages land under their fields. */
  submit: (body: Record<string, unknown>) => Promise<R>;
  onClose: () => void;
  onDone: (result: R) => void;
  /** Shown above the fields (e.g. the quote the owner answers). */
  before?: ReactNode;
}

/**
 * A step's form in a dialog (a full-screen sheet on phones): the fields, the server's refusals
 * under their fields and any other refusal above the buttons. Hidden fields are not sent; a drawn
 * signature is uploaded first and its id sent.
 */
export function StepDialog<R>({ action, target, facts, title, submit, onClose, onDone, before }: StepDialogProps<R>) {
  const { t, tl } = useStepI18n();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isPhone = useMediaQuery('(max-width: 575px)');

  const send = async (values: FormValues) => {
    setError(null);
    setBusy(true);
    try {
      const body = await resolveSignatures(stepBody(action, values, facts), async (png) => (await uploadAttachment(png, 'signature', 'signature.png')).id);
      onDone(await submit(body));
    } catch (cause) {
      const elsewhere = showFieldErrors(form, cause, (path) => formPathOf(action, path));
      if (elsewhere === false) setError(cause instanceof Error ? cause.message : String(cause));
      else if (elsewhere.length) setError(t('step.otherErrors', { messages: elsewhere.join('；') }));
    } finally {
      setBusy(false);
    }
  };

  const name = tl(action.name);
  const body = (
    <>
      {before}
      <Form<FormValues> form={form} layout="vertical" onFinish={() => void send(form.getFieldsValue(true) as FormValues)} data-testid={`step-form-${action.key}`} scrollToFirstError>
        <StepFields action={action} target={target} facts={facts} large={isPhone} />
      </Form>
      {error ? <Alert type="error" showIcon title={error} data-testid="step-error" /> : null}
    </>
  );
  const buttons = (
    <Flex gap={8} justify="flex-end">
      <Button size={isPhone ? 'large' : 'middle'} onClick={onClose}>
        {t('step.cancel')}
      </Button>
      <Button type="primary" size={isPhone ? 'large' : 'middle'} block={isPhone} loading={busy} onClick={() => form.submit()} data-testid="step-submit">
        {t('step.submit', { action: name })}
      </Button>
    </Flex>
  );
  if (isPhone) {
    return (
      <Drawer open placement="bottom" size="100%" title={title} onClose={onClose} destroyOnHidden footer={buttons} data-testid="step-sheet">
        {body}
      </Drawer>
    );
  }
  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden width={640} footer={buttons}>
      {body}
    </Modal>
  );
}
