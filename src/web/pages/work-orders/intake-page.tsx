import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleFilled, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { CreateWorkOrderInput, IntakeChannel, WorkOrderKind } from '../../../common/work-orders';
import { COMPLAINT_SOURCES, INTAKE_CHANNELS, WORK_ORDER_KINDS } from './work-order-enums';
import { ApiError } from '../../api/client';
import {
  useCreateWorkOrder,
  useIntakeLookup,
  useKindStandard,
  type IntakeUnit,
  type WorkOrderDetail,
} from '../../api/work-orders';
import { useSession } from '../../components/session';
import { useWoI18n } from './use-wo-i18n';
import { describeDue } from '../../../common/due';
import { DueTime } from '../../shared/due-time';
import { OpenOrdersPanel } from './open-orders-panel';
import { KindTag, StatusTag } from './work-order-format';
import { useDocumentTitle } from '../../shared/use-document-title';

interface IntakeValues {
  kind: WorkOrderKind;
  communityId?: string;
  channel: IntakeChannel;
  category?: string;
  urgency: 'routine' | 'emergency';
  paid: boolean;
  source?: (typeof COMPLAINT_SOURCES)[number];
  anonymous: boolean;
  reporterName?: string;
  reporterPhone?: string;
  description?: string;
  answer?: string;
}

/** What the lookup box picked: a unit, and maybe one of its residents as the reporter. */
interface Picked {
  unit: IntakeUnit;
  resident: IntakeUnit['residents'][number] | null;
}

const KIND_HOTKEYS: Record<string, WorkOrderKind> = { '1': 'repair', '2': 'complaint', '3': 'inquiry' };
/** Form field names the server's field errors may name. */
const FORM_FIELDS = new Set(['communityId', 'channel', 'category', 'urgency', 'paid', 'source', 'reporterName', 'reporterPhone', 'description', 'answer']);

function newKey(): string {
  return crypto.randomUUID();
}

/** The read-back after submitting: what was recorded and the promised times, to read to the caller. */
function ReadBack({ order, onNext }: { order: WorkOrderDetail; onNext: () => void }) {
  const { t, tl, locale } = useWoI18n();
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => nextRef.current?.focus(), []);
  const first = order.promise.limits[0];
  const script = first
    ? t('readback.script', {
        name: order.reporter.name ?? t('readback.caller'),
        kind: t(`kind.${order.kind}`),
        number: order.number,
        promise: tl(first.name),
        at: describeDue(first.due, new Date(), locale).when,
      })
    : t('readback.scriptNoPromise', { name: order.reporter.name ?? t('readback.caller'), kind: t(`kind.${order.kind}`), number: order.number });
  return (
    <Card data-testid="read-back">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Flex align="center" gap={12} wrap>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 28 }} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('readback.title', { number: order.number })}
          </Typography.Title>
          <KindTag kind={order.kind} />
          <StatusTag name={tl(order.statusName)} type={order.statusType} />
        </Flex>
        <Alert type="info" showIcon title={t('readback.readAloud')} description={<span data-testid="read-back-script" style={{ fontSize: 16 }}>{script}</span>} />
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('field.community')}>{order.community.name}</Descriptions.Item>
          <Descriptions.Item label={t('field.unit')}>{order.unit?.label ?? t('common.publicArea')}</Descriptions.Item>
          <Descriptions.Item label={t('field.reporter')}>
            {order.reporter.name ?? '—'} {order.reporter.phone ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('field.channel')}>{t(`channel.${order.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('field.category')}>{tl(order.categoryName, order.category)}</Descriptions.Item>
          {order.kind === 'repair' ? (
            <Descriptions.Item label={t('field.urgencyPaid')}>
              {order.urgency ? t(`urgency.${order.urgency}`) : ''} · {order.paid ? t('field.paidYes') : t('field.paidNo')}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('field.description')} span="filled">
            {order.description}
          </Descriptions.Item>
        </Descriptions>
        {order.promise.limits.length ? (
          <div>
            <Typography.Text strong>{t('readback.promises')}</Typography.Text>
            <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }} data-testid="read-back-promises">
              {order.promise.limits.map((limit) => (
                <li key={limit.limitKey} style={{ fontSize: 15, lineHeight: 1.8 }}>
                  <DueTime due={limit.due} label={tl(limit.name)} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Space wrap>
          <Button ref={nextRef} type="primary" size="large" icon={<PlusOutlined />} onClick={onNext} data-testid="intake-next">
            {t('readback.next')}
          </Button>
          <Link to={`/work-orders/${order.id}`}>
            <Button size="large">{t('readback.open')}</Button>
          </Link>
        </Space>
      </Space>
    </Card>
  );
}

/**
 * 受理: the desk's intake form, made for the keyboard. Alt+1/2/3 picks the kind, the lookup box
 * finds unit and reporter from "1202", "3栋1202" or a phone, Enter in the description submits.
 * Each submission carries an Idempotency-Key, so a double click never opens two orders.
 */
export function IntakePage() {
  const { t, tl } = useWoI18n();
  useDocumentTitle(t('nav.intake'));
  const me = useSession();
  const [form] = Form.useForm<IntakeValues>();
  const kind = Form.useWatch('kind', form) ?? 'repair';
  const communityId = Form.useWatch('communityId', form) ?? null;
  const category = Form.useWatch('category', form);
  const channel = Form.useWatch('channel', form) ?? 'phone';
  const typedPhone = (Form.useWatch('reporterPhone', form) ?? '').trim();
  const description = Form.useWatch('description', form) ?? '';
  const [lookup, setLookup] = useState('');
  const [debounced, setDebounced] = useState('');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [created, setCreated] = useState<WorkOrderDetail | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const lookupRef = useRef<{ focus: () => void } | null>(null);
  const create = useCreateWorkOrder();

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(lookup), 200);
    return () => window.clearTimeout(timer);
  }, [lookup]);
  const found = useIntakeLookup(debounced);
  const standard = useKindStandard(kind, communityId);
  const categories = useMemo(() => standard.data?.definition.categories ?? [], [standard.data]);
  const emergencyCategory = categories.find((c) => c.key === category)?.facts?.urgency === 'emergency';

  useEffect(() => {
    if (emergencyCategory) form.setFieldValue('urgency', 'emergency');
  }, [emergencyCategory, form]);

  const defaults = useMemo<IntakeValues>(
    () => ({
      kind: 'repair',
      communityId: me.communities.length === 1 ? me.communities[0]?.id : undefined,
      channel: 'phone',
      urgency: 'routine',
      paid: false,
      anonymous: false,
      source: 'hotline',
    }),
    [me.communities],
  );

  const setKind = useCallback(
    (next: WorkOrderKind) => {
      form.setFieldsValue({ kind: next, category: undefined, urgency: 'routine' });
    },
    [form],
  );

  // Alt+1/2/3 switch the kind from anywhere on the form; Alt+N starts the next intake.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const next = KIND_HOTKEYS[event.key];
      if (next && !created) {
        event.preventDefault();
        setKind(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setKind, created]);

  const relationLabel = useCallback(
    (relation: string) =>
      relation === 'owner' || relation === 'family' || relation === 'tenant' ? t(`relation.${relation}`) : relation,
    [t],
  );

  const options = useMemo(
    () =>
      (found.data?.units ?? []).flatMap((unit) => {
        const label = `${unit.communityName} · ${unit.label}`;
        const rows = unit.residents.map((resident) => ({
          value: `${unit.unitId}:${resident.residentId}`,
          label: (
            <Flex justify="space-between" gap={8}>
              <span>
                <b>{unit.label}</b> {resident.name} <Tag style={{ marginInlineStart: 4 }}>{relationLabel(resident.relation)}</Tag>
              </span>
              <Typography.Text type="secondary">
                {resident.phoneMasked} · {unit.communityName}
              </Typography.Text>
            </Flex>
          ),
          picked: { unit, resident } satisfies Picked,
        }));
        return [
          ...rows,
          {
            value: `${unit.unitId}:`,
            label: (
              <Flex justify="space-between" gap={8}>
                <span>
                  <b>{unit.label}</b> <Typography.Text type="secondary">{t('intake.unitOnly')}</Typography.Text>
                </span>
                <Typography.Text type="secondary">{label}</Typography.Text>
              </Flex>
            ),
            picked: { unit, resident: null } satisfies Picked,
          },
        ];
      }),
    [found.data, t, relationLabel],
  );

  const pick = (value: string) => {
    const option = options.find((o) => o.value === value);
    if (!option) return;
    setPicked(option.picked);
    setLookup(`${option.picked.unit.label}${option.picked.resident ? ` ${option.picked.resident.name}` : ''}`);
    form.setFieldsValue({
      communityId: option.picked.unit.communityId,
      reporterName: option.picked.resident?.name ?? form.getFieldValue('reporterName'),
    });
  };

  const clearPick = () => {
    setPicked(null);
    form.setFieldsValue({ reporterName: undefined });
  };

  const submit = async (values: IntakeValues) => {
    setFormError(null);
    if (!values.communityId) return;
    const body: CreateWorkOrderInput = {
      kind: values.kind,
      communityId: values.communityId,
      unitId: picked?.unit.unitId ?? null,
      channel: values.channel,
      category: values.category ?? '',
      description: values.description ?? '',
      ...(picked?.resident
        ? { reporterResidentId: picked.resident.residentId }
        : {
            reporterName: values.reporterName?.trim() || undefined,
            reporterPhone: values.reporterPhone?.trim() || undefined,
          }),
      ...(values.kind === 'repair' ? { urgency: values.urgency, paid: values.paid } : {}),
      ...(values.kind === 'complaint' ? { source: values.source, anonymous: values.anonymous } : {}),
      ...(values.kind === 'inquiry' && values.answer?.trim() ? { answer: values.answer.trim() } : {}),
    };
    // One key per distinct submission: the same body again (double click, retry) reuses it.
    const serialized = JSON.stringify(body);
    if (attempt.current?.body !== serialized) attempt.current = { body: serialized, key: newKey() };
    try {
      const order = await create.mutateAsync({ body, idempotencyKey: attempt.current.key });
      setCreated(order);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = Object.entries(error.fields);
        const onForm = fields.filter(([name]) => FORM_FIELDS.has(name));
        form.setFields(onForm.map(([name, message]) => ({ name: name as keyof IntakeValues, errors: [message] })));
        const elsewhere = fields.filter(([name]) => !FORM_FIELDS.has(name)).map(([, message]) => message);
        if (!onForm.length || elsewhere.length) setFormError([error.message, ...elsewhere].join(' '));
      } else {
        setFormError(String(error));
      }
    }
  };

  const next = () => {
    setCreated(null);
    setPicked(null);
    setLookup('');
    setFormError(null);
    attempt.current = null;
    form.resetFields();
    window.setTimeout(() => lookupRef.current?.focus(), 0);
  };

  if (created) {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.intake')}
        </Typography.Title>
        <ReadBack order={created} onNext={next} />
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <div>
        <Typography.Title level={3} style={{ margin: '0 0 4px' }}>
          {t('nav.intake')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intake.hint')}</Typography.Text>
      </div>
      <Card>
        <Form<IntakeValues> form={form} layout="vertical" initialValues={defaults} onFinish={(v) => void submit(v)} requiredMark>
          <Form.Item name="kind" label={t('field.kind')} required>
            <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="intake-kind">
              {WORK_ORDER_KINDS.map((k, i) => (
                <Radio.Button key={k} value={k} onClick={() => setKind(k)}>
                  {t(`kind.${k}`)} <Typography.Text type="secondary" style={{ fontSize: 12, color: 'inherit', opacity: 0.7 }}>Alt+{i + 1}</Typography.Text>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>

          <Form.Item label={t('intake.lookup')} extra={t('intake.lookupHint')}>
            <AutoComplete
              ref={(el) => {
                lookupRef.current = el;
              }}
              value={lookup}
              options={options.map(({ value, label }) => ({ value, label }))}
              onChange={(value: string) => {
                setLookup(value);
                if (picked) clearPick();
              }}
              onSelect={(value: string) => pick(value)}
              defaultActiveFirstOption
              autoFocus
              popupMatchSelectWidth
              notFoundContent={debounced.trim().length >= 3 && found.data && !found.isFetching ? t('intake.lookupNone') : null}
            >
              <Input size="large" prefix={<SearchOutlined />} placeholder={t('intake.lookupPlaceholder')} allowClear data-testid="intake-lookup" />
            </AutoComplete>
          </Form.Item>
          {picked ? (
            <Alert
              type="success"
              style={{ marginBottom: 16 }}
              data-testid="intake-picked"
              title={t('intake.picked', {
                community: picked.unit.communityName,
                unit: picked.unit.label,
                reporter: picked.resident ? `${picked.resident.name} ${picked.resident.phoneMasked}` : t('intake.noReporter'),
              })}
              closable={{ onClose: clearPick }}
              action={
                // A new tab keeps the call being taken here.
                <a href={`/units/${picked.unit.unitId}`} target="_blank" rel="noreferrer" data-testid="intake-unit-overview">
                  {t('intake.unitOverview')}
                </a>
              }
            />
          ) : null}

          <OpenOrdersPanel
            unitId={picked?.unit.unitId}
            residentId={picked?.resident?.residentId}
            phone={!picked?.resident && /^1\d{10}$/.test(typedPhone) ? typedPhone : undefined}
            category={category}
            callText={description}
            channelLabel={t(`channel.${channel}`)}
          />

          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="communityId" label={t('field.community')} rules={[{ required: true, message: t('intake.communityRequired') }]}>
                <Select options={me.communities.map((c) => ({ value: c.id, label: c.name }))} disabled={Boolean(picked)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="channel" label={t('field.channel')} required>
                <Select options={INTAKE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label={kind === 'complaint' ? t('field.complaintType') : t('field.category')} rules={[{ required: true, message: t('intake.categoryRequired') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={standard.isFetching}
                  placeholder={communityId ? undefined : t('intake.pickCommunityFirst')}
                  data-testid="intake-category"
                  options={categories.map((c) => ({ value: c.key, label: tl(c.name) }))}
                />
              </Form.Item>
            </Col>
            {kind === 'repair' ? (
              <Col xs={24} md={12}>
                <Form.Item label={t('field.urgencyPaid')} style={{ marginBottom: 0 }}>
                  <Flex gap={16} wrap align="center">
                    <Form.Item name="urgency" noStyle>
                      <Radio.Group
                        disabled={emergencyCategory}
                        options={[
                          { value: 'routine', label: t('urgency.routine') },
                          { value: 'emergency', label: t('urgency.emergency') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name="paid" valuePropName="checked" noStyle>
                      <Checkbox data-testid="intake-paid">{t('field.paid')}</Checkbox>
                    </Form.Item>
                  </Flex>
                  {emergencyCategory ? (
                    <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
                      {t('intake.emergencyImplied')}
                    </Typography.Text>
                  ) : null}
                </Form.Item>
              </Col>
            ) : null}
            {kind === 'complaint' ? (
              <Col xs={24} md={12}>
                <Flex gap={16} align="end" wrap>
                  <Form.Item name="source" label={t('field.source')} style={{ minWidth: 180 }}>
                    <Select options={COMPLAINT_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
                  </Form.Item>
                  <Form.Item name="anonymous" valuePropName="checked">
                    <Checkbox>{t('field.anonymous')}</Checkbox>
                  </Form.Item>
                </Flex>
              </Col>
            ) : null}
            {picked?.resident ? null : (
              <>
                <Col xs={24} md={12}>
                  <Form.Item name="reporterName" label={t('field.reporterName')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="reporterPhone" label={t('field.reporterPhone')}>
                    <Input inputMode="tel" maxLength={20} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col span={24}>
              <Form.Item
                name="description"
                label={t('field.description')}
                extra={t('intake.enterSubmits')}
                rules={[{ required: true, whitespace: true, message: t('intake.descriptionRequired') }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={2000}
                  data-testid="intake-description"
                  onKeyDown={(event) => {
                    // Enter submits; Shift+Enter makes a new line (IME composition is left alone).
                    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                      event.preventDefault();
                      form.submit();
                    }
                  }}
                />
              </Form.Item>
            </Col>
            {kind === 'inquiry' ? (
              <Col span={24}>
                <Form.Item name="answer" label={t('field.answerOnSpot')} extra={t('intake.answerHint')}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="intake-error" /> : null}
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending} data-testid="intake-submit">
            {t('intake.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
