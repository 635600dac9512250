import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Rate,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { WorkOrderAction } from '../../../common/work-orders';
import { INTAKE_CHANNELS } from './work-order-enums';
import { ApiError } from '../../api/client';
import {
  uploadAttachment,
  useKindStandard,
  usePriceList,
  useSuggestedAssignees,
  useWorkOrderAction,
  type SuggestedAssignee,
  type WorkOrderDetail,
} from '../../api/work-orders';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { useMediaQuery } from '../../components/use-media-query';
import { PhotoUpload } from './photo-upload';
import { useWoI18n } from './use-wo-i18n';
import { formatFen } from './work-order-format';

interface QuoteLine {
  priceItemId?: string;
  name?: string;
  quantity?: number;
  /** Unit price in yuan as typed (free lines) or from the list. */
  unitYuan?: number;
}

interface ActionValues {
  assigneeId?: string;
  appointmentAt?: Dayjs;
  reason?: string;
  photoIds?: string[];
  diagnosis?: string;
  priceBasis?: string;
  items?: QuoteLine[];
  approved?: boolean;
  channel?: (typeof INTAKE_CHANNELS)[number];
  note?: string;
  materials?: { name?: string; quantity?: number }[];
  score?: number;
  satisfied?: boolean;
  comment?: string;
  message?: string;
  cause?: string;
  resolution?: string;
  answer?: string;
  department?: string;
  kind?: 'repair' | 'complaint';
  category?: string;
}

/** Form names a server field error may point at, per top-level field. */
const FIELD_NAMES = new Set<string>([
  'assigneeId',
  'appointmentAt',
  'reason',
  'photoIds',
  'diagnosis',
  'priceBasis',
  'items',
  'approved',
  'channel',
  'note',
  'materials',
  'score',
  'satisfied',
  'comment',
  'message',
  'cause',
  'resolution',
  'answer',
  'department',
  'kind',
  'category',
]);

/** Actions that need nothing but a confirmation. */
export const CONFIRM_ONLY_ACTIONS: ReadonlySet<string> = new Set(['accept']);

function toFen(yuan: number | undefined): number {
  return Math.round((yuan ?? 0) * 100);
}

/** The request body of an action from the dialog's values. */
function bodyOf(action: WorkOrderAction, v: ActionValues, order: WorkOrderDetail, signatureId: string | undefined): Record<string, unknown> {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  switch (action) {
    case 'dispatch':
      return { assigneeId: v.assigneeId };
    case 'accept':
      return {};
    case 'schedule':
      return { appointmentAt: v.appointmentAt?.toISOString(), reason: text(v.reason) };
    case 'arrive':
      return { photoIds: v.photoIds ?? [] };
    case 'quote':
      return {
        diagnosis: text(v.diagnosis),
        priceBasis: text(v.priceBasis),
        items: (v.items ?? []).map((line) => ({
          ...(line.priceItemId ? { priceItemId: line.priceItemId } : {}),
          name: line.name?.trim() ?? '',
          quantity: line.quantity ?? 1,
          amount: toFen(line.unitYuan) * (line.quantity ?? 1),
        })),
      };
    case 'start':
      return { diagnosis: text(v.diagnosis) };
    case 'consent':
      return { approved: v.approved, channel: v.channel, reason: v.approved === false ? text(v.reason) : undefined };
    case 'complete':
      return {
        note: text(v.note),
        photoIds: v.photoIds ?? [],
        materials: (v.materials ?? []).filter((m) => m.name?.trim()).map((m) => ({ name: m.name!.trim(), quantity: m.quantity ?? 1 })),
      };
    case 'confirm':
      return {
        approved: v.approved,
        channel: v.channel,
        reason: v.approved === false ? text(v.reason) : undefined,
        signatureId: v.approved ? signatureId : undefined,
      };
    case 'return-visit':
      return order.kind === 'complaint'
        ? { satisfied: v.satisfied, comment: text(v.comment), reason: v.satisfied === false ? text(v.reason) : undefined, channel: v.channel }
        : { score: v.score, comment: text(v.comment), channel: v.channel };
    case 'close':
      return { note: text(v.note) };
    case 'cancel':
      return { reason: text(v.reason) };
    case 'reply':
      return { message: text(v.message), channel: v.channel };
    case 'resolve':
      return { cause: text(v.cause), resolution: text(v.resolution) };
    case 'answer':
      return { answer: text(v.answer), channel: v.channel };
    case 'refer':
      return { department: text(v.department), note: text(v.note) };
    case 'convert':
      return { kind: v.kind, category: v.category };
  }
}

/** Technicians to dispatch to, best first, with why. */
function AssigneePicker({ orderId, value, onChange }: { orderId: string; value?: string; onChange?: (id: string) => void }) {
  const { t } = useWoI18n();
  const { data, isPending, error } = useSuggestedAssignees(orderId);
  if (isPending) return <Spin />;
  if (error) return <Alert type="error" title={error.message} />;
  const reason = (s: SuggestedAssignee, r: string) => {
    if (r.startsWith('load:')) return <Tag key={r}>{t('suggest.load', { n: s.openLoad })}</Tag>;
    const good = r === 'skill_match' || r === 'on_duty' || r === 'cleared';
    const key = `suggest.${r}` as const;
    const known = ['skill_match', 'no_skill_match', 'on_duty', 'off_duty', 'cleared', 'in_training'].includes(r);
    return (
      <Tag key={r} color={good ? 'green' : r === 'no_skill_match' ? 'default' : 'red'}>
        {known ? t(key as 'suggest.skill_match') : r}
      </Tag>
    );
  };
  return (
    <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as string)} style={{ width: '100%' }} data-testid="assignee-picker">
      <Flex vertical gap={8}>
        {data.items.map((s, i) => (
          <Card key={s.staffId} size="small" hoverable onClick={() => onChange?.(s.staffId)} style={{ borderColor: value === s.staffId ? '#2f6f9f' : undefined }}>
            <Radio value={s.staffId} data-testid={`assignee-${s.name}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{s.name}</Typography.Text>
                {i === 0 ? <Tag color="blue">{t('suggest.best')}</Tag> : null}
                {s.reasons.map((r) => reason(s, r))}
              </Space>
            </Radio>
            {s.skills.length ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginInlineStart: 24, fontSize: 12 }}>
                {t('suggest.skills', { skills: s.skills.join(' / ') })}
              </Typography.Text>
            ) : null}
          </Card>
        ))}
        {data.items.length === 0 ? <Typography.Text type="secondary">{t('suggest.none')}</Typography.Text> : null}
      </Flex>
    </Radio.Group>
  );
}

/** Quote lines: items from the community's price list plus free lines; shows the total. */
function QuoteFields({ communityId }: { communityId: string }) {
  const { t } = useWoI18n();
  const form = Form.useFormInstance<ActionValues>();
  const prices = usePriceList(communityId);
  const items = Form.useWatch('items', form) ?? [];
  const total = items.reduce((sum, line) => sum + toFen(line?.unitYuan) * (line?.quantity ?? 1), 0);
  const hasFree = items.some((line) => line && !line.priceItemId);
  const listOptions = (prices.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.name} · ${formatFen(p.price)}/${p.unit}`,
  }));
  return (
    <>
      <Form.Item name="diagnosis" label={t('action.field.diagnosis')} rules={[{ required: true, whitespace: true, message: t('action.required') }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
      </Form.Item>
      <Form.Item label={t('action.field.addFromList')}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={prices.data?.items.length === 0 ? t('quote.noPriceList') : t('quote.pickItem')}
          loading={prices.isPending}
          options={listOptions}
          value={null}
          data-testid="quote-price-item"
          onChange={(id: string) => {
            const item = prices.data?.items.find((p) => p.id === id);
            if (!item) return;
            form.setFieldValue('items', [...(form.getFieldValue('items') ?? []), { priceItemId: item.id, name: item.name, quantity: 1, unitYuan: item.price / 100 }]);
          }}
        />
      </Form.Item>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            {fields.map((field) => {
              const fromList = Boolean(items[field.name]?.priceItemId);
              return (
                <Flex key={field.key} gap={8} align="start" wrap data-testid="quote-line">
                  {/* Registered so the form keeps (and submits) which list item a line came from. */}
                  <Form.Item name={[field.name, 'priceItemId']} hidden noStyle>
                    <Input type="hidden" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('action.required') }]} style={{ flex: '1 1 180px', margin: 0 }}>
                    <Input placeholder={t('quote.itemName')} disabled={fromList} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'unitYuan']} rules={[{ required: true, message: t('action.required') }]} style={{ margin: 0 }}>
                    <InputNumber min={0} step={1} precision={2} prefix="¥" placeholder={t('quote.unitPrice')} disabled={fromList} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'quantity']} style={{ margin: 0 }}>
                    <InputNumber min={1} max={999} precision={0} prefix="×" style={{ width: 90 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('quote.removeLine')} onClick={() => remove(field.name)} />
                </Flex>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
              {t('quote.addFree')}
            </Button>
            <Typography.Text strong data-testid="quote-total">
              {t('quote.total', { total: formatFen(total) })}
            </Typography.Text>
          </Flex>
        )}
      </Form.List>
      {hasFree ? (
        <Form.Item name="priceBasis" label={t('action.field.priceBasis')} rules={[{ required: true, whitespace: true, message: t('quote.basisRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
      ) : null}
    </>
  );
}

function ChannelField({ required }: { required: boolean }) {
  const { t } = useWoI18n();
  return (
    <Form.Item name="channel" label={t('action.field.channel')} rules={required ? [{ required: true, message: t('action.required') }] : []}>
      <Radio.Group optionType="button" options={INTAKE_CHANNELS.filter((c) => c !== 'patrol' && c !== 'inspection').map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
    </Form.Item>
  );
}

/** Categories of the kind an inquiry is converted into. */
function ConvertFields({ communityId }: { communityId: string }) {
  const { t, tl } = useWoI18n();
  const form = Form.useFormInstance<ActionValues>();
  const kind = Form.useWatch('kind', form) ?? 'repair';
  const standard = useKindStandard(kind, communityId);
  return (
    <>
      <Form.Item name="kind" label={t('action.field.convertKind')} rules={[{ required: true, message: t('action.required') }]}>
        <Radio.Group
          optionType="button"
          onChange={() => form.setFieldValue('category', undefined)}
          options={[
            { value: 'repair', label: t('kind.repair') },
            { value: 'complaint', label: t('kind.complaint') },
          ]}
        />
      </Form.Item>
      <Form.Item name="category" label={t('field.category')}>
        <Select allowClear loading={standard.isFetching} options={(standard.data?.definition.categories ?? []).map((c) => ({ value: c.key, label: tl(c.name) }))} />
      </Form.Item>
    </>
  );
}

interface ActionDialogProps {
  order: WorkOrderDetail;
  action: WorkOrderAction | null;
  /** The action's display name (from the pinned standard). */
  title: string;
  /** True when the caller records the owner's answer on their behalf (desk roles): channel is required. */
  onBehalfOfOwner: boolean;
  onClose: () => void;
  onDone: (order: WorkOrderDetail) => void;
}

/**
 * The form an action's body needs, in a dialog (full screen on phones). Server field errors land
 * on their inputs; a refusal (409/403) shows the server's message and leaves the order as it was.
 */
export function ActionDialog({ order, action, title, onBehalfOfOwner, onClose, onDone }: ActionDialogProps) {
  const { t } = useWoI18n();
  const [form] = Form.useForm<ActionValues>();
  const mutation = useWorkOrderAction(order.id);
  const [error, setError] = useState<string | null>(null);
  const [hasInk, setHasInk] = useState(false);
  const pad = useRef<SignaturePadHandle>(null);
  const isPhone = useMediaQuery('(max-width: 575px)');
  const approved = Form.useWatch('approved', form);
  const satisfied = Form.useWatch('satisfied', form);

  const initialValues = useMemo<ActionValues>(() => {
    if (!action) return {};
    switch (action) {
      case 'schedule':
        return { appointmentAt: order.appointmentAt ? dayjs(order.appointmentAt) : undefined };
      case 'consent':
      case 'confirm':
        return { approved: true, channel: onBehalfOfOwner ? 'phone' : undefined };
      case 'return-visit':
        return order.kind === 'complaint' ? { satisfied: true, channel: 'phone' } : { score: 5, channel: 'phone' };
      case 'reply':
      case 'answer':
        return { channel: 'phone' };
      case 'convert':
        return { kind: 'repair' };
      case 'quote':
        return { items: [] };
      case 'complete':
        return { materials: [] };
      default:
        return {};
    }
  }, [action, order.appointmentAt, order.kind, onBehalfOfOwner]);

  if (!action) return null;

  const submit = async (values: ActionValues) => {
    setError(null);
    let signatureId: string | undefined;
    try {
      if (action === 'confirm' && values.approved) {
        const png = await pad.current?.toPng();
        if (png) signatureId = (await uploadAttachment(png, 'signature', 'signature.png')).id;
      }
      const body = bodyOf(action, values, order, signatureId);
      const next = await mutation.mutateAsync({ action, body });
      onDone(next);
    } catch (cause) {
      if (!(cause instanceof ApiError)) {
        setError(String(cause));
        return;
      }
      const entries = Object.entries(cause.fields);
      const onForm = entries.filter(([name]) => FIELD_NAMES.has(name.split('.')[0] ?? ''));
      form.setFields(
        onForm.map(([name, message]) => ({
          name: name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
          errors: [message],
        })),
      );
      const elsewhere = entries.filter(([name]) => !FIELD_NAMES.has(name.split('.')[0] ?? '')).map(([, m]) => m);
      setError([cause.message, ...elsewhere].join(' '));
    }
  };

  const required = [{ required: true, whitespace: true, message: t('action.required') }];
  const fields = (() => {
    switch (action) {
      case 'dispatch':
        return (
          <Form.Item name="assigneeId" label={t('action.field.assignee')} rules={[{ required: true, message: t('action.pickAssignee') }]}>
            <AssigneePicker orderId={order.id} />
          </Form.Item>
        );
      case 'accept':
        return <Typography.Paragraph>{t('action.acceptText')}</Typography.Paragraph>;
      case 'schedule':
        return (
          <>
            <Form.Item name="appointmentAt" label={t('action.field.appointmentAt')} rules={[{ required: true, message: t('action.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="appointment-at" />
            </Form.Item>
            {order.appointmentAt ? (
              <Form.Item name="reason" label={t('action.field.changeReason')} extra={t('action.changeTellsOwner')} rules={required}>
                <Input.TextArea autoSize maxLength={1000} />
              </Form.Item>
            ) : null}
          </>
        );
      case 'arrive':
        return (
          <Form.Item name="photoIds" label={t('action.field.photosBefore')} rules={[{ required: true, type: 'array', min: 1, message: t('action.photoRequired') }]}>
            <PhotoUpload large={isPhone} testId="photos-before" />
          </Form.Item>
        );
      case 'quote':
        return <QuoteFields communityId={order.community.id} />;
      case 'start':
        return (
          <Form.Item name="diagnosis" label={t('action.field.diagnosis')} rules={required}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        );
      case 'consent':
        return (
          <>
            {order.quote ? (
              <Alert type="info" style={{ marginBottom: 16 }} title={t('consent.quoteSummary', { total: formatFen(order.quote.totalAmount), items: order.quote.items.map((i) => `${i.name}×${i.quantity}`).join('、') })} />
            ) : null}
            <Form.Item name="approved" label={t('action.field.ownerAgrees')} rules={[{ required: true, message: t('action.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: t('consent.yes') }, { value: false, label: t('consent.no') }]} />
            </Form.Item>
            {approved === false ? (
              <Form.Item name="reason" label={t('action.field.declineReason')} rules={required}>
                <Input.TextArea autoSize maxLength={1000} />
              </Form.Item>
            ) : null}
            <ChannelField required={onBehalfOfOwner} />
          </>
        );
      case 'complete':
        return (
          <>
            <Form.Item name="note" label={t('action.field.workDone')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="complete-note" />
            </Form.Item>
            <Form.Item label={t('action.field.materials')}>
              <Form.List name="materials">
                {(list, { add, remove }) => (
                  <Flex vertical gap={8}>
                    {list.map((field) => (
                      <Flex key={field.key} gap={8}>
                        <Form.Item name={[field.name, 'name']} style={{ flex: 1, margin: 0 }} rules={required}>
                          <Input placeholder={t('material.name')} maxLength={100} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'quantity']} initialValue={1} style={{ margin: 0 }}>
                          <InputNumber min={0.01} max={10000} style={{ width: 90 }} aria-label={t('material.quantity')} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('material.remove')} onClick={() => remove(field.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                      {t('material.add')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
            <Form.Item name="photoIds" label={t('action.field.photosAfter')} rules={[{ required: true, type: 'array', min: 1, message: t('action.photoRequired') }]}>
              <PhotoUpload large={isPhone} testId="photos-after" />
            </Form.Item>
          </>
        );
      case 'confirm':
        return (
          <>
            <Form.Item name="approved" label={t('action.field.ownerAccepts')} rules={[{ required: true, message: t('action.required') }]}>
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: t('confirm.yes') }, { value: false, label: t('confirm.no') }]} />
            </Form.Item>
            {approved === false ? (
              <Form.Item name="reason" label={t('action.field.rejectReason')} rules={required}>
                <Input.TextArea autoSize maxLength={1000} />
              </Form.Item>
            ) : (
              <Form.Item label={t('action.field.signature')} extra={t('confirm.signHint')} required>
                <SignaturePad ref={pad} onInkChange={setHasInk} label={t('action.field.signature')} height={isPhone ? 200 : 180} />
                <Button size="small" type="link" onClick={() => pad.current?.clear()} disabled={!hasInk} style={{ paddingInline: 0 }}>
                  {t('confirm.clear')}
                </Button>
              </Form.Item>
            )}
            <ChannelField required={onBehalfOfOwner} />
          </>
        );
      case 'return-visit':
        return (
          <>
            {order.kind === 'complaint' ? (
              <>
                <Form.Item name="satisfied" label={t('action.field.satisfied')} rules={[{ required: true, message: t('action.required') }]}>
                  <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: true, label: t('visit.satisfied') }, { value: false, label: t('visit.notSatisfied') }]} />
                </Form.Item>
                {satisfied === false ? (
                  <Form.Item name="reason" label={t('action.field.notSatisfiedReason')} rules={required}>
                    <Input.TextArea autoSize maxLength={1000} />
                  </Form.Item>
                ) : null}
              </>
            ) : (
              <Form.Item name="score" label={t('action.field.score')} rules={[{ required: true, type: 'number', min: 1, message: t('action.required') }]}>
                <Rate count={5} allowClear={false} style={{ fontSize: 32 }} data-testid="visit-score" />
              </Form.Item>
            )}
            <Form.Item name="comment" label={t('action.field.comment')}>
              <Input.TextArea autoSize maxLength={1000} />
            </Form.Item>
            <ChannelField required />
          </>
        );
      case 'close':
        return (
          <Form.Item name="note" label={t('action.field.closeNote')}>
            <Input.TextArea autoSize maxLength={1000} />
          </Form.Item>
        );
      case 'cancel':
        return (
          <Form.Item name="reason" label={t('action.field.cancelReason')} rules={required}>
            <Input.TextArea autoSize maxLength={1000} />
          </Form.Item>
        );
      case 'reply':
        return (
          <>
            <Form.Item name="message" label={t('action.field.reply')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
            </Form.Item>
            <ChannelField required />
          </>
        );
      case 'resolve':
        return (
          <>
            <Form.Item name="cause" label={t('action.field.cause')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name="resolution" label={t('action.field.resolution')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        );
      case 'answer':
        return (
          <>
            <Form.Item name="answer" label={t('action.field.answer')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
            </Form.Item>
            <ChannelField required />
          </>
        );
      case 'refer':
        return (
          <>
            <Form.Item name="department" label={t('action.field.department')} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="note" label={t('action.field.handoverNote')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          </>
        );
      case 'convert':
        return <ConvertFields communityId={order.community.id} />;
    }
  })();

  const needsSignature = action === 'confirm' && approved !== false && !hasInk;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={isPhone ? '100%' : 640}
      style={isPhone ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      footer={
        <Space>
          <Button onClick={onClose}>{t('action.cancelDialog')}</Button>
          <Button type="primary" size={isPhone ? 'large' : 'middle'} loading={mutation.isPending} disabled={needsSignature} onClick={() => form.submit()} data-testid="action-submit">
            {t('action.submit', { action: title })}
          </Button>
        </Space>
      }
    >
      <Form<ActionValues> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} data-testid={`action-form-${action}`}>
        {fields}
      </Form>
      {error ? <Alert type="error" showIcon title={error} data-testid="action-error" /> : null}
    </Modal>
  );
}
