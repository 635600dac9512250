import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Image,
  Input,
  Radio,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, PhoneOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { WorkOrderDetail } from '../../../common/work-orders';
import { ApiError } from '../../api/client';
import { attachmentUrl, useAddComment, usePinnedStandard, useWorkOrder } from '../../api/work-orders';
import { useMediaQuery } from '../../components/use-media-query';
import { NotFoundPage } from '../not-found/not-found-page';
import { isCancelStep, OrderStepDialog, primaryStep } from './order-steps';
import { channelLabel, OrderTimeline } from './order-timeline';
import { useDocumentTitle } from '../../shared/use-document-title';
import { useWoI18n } from './use-wo-i18n';
import { formatDateTime, formatFen, KindTag, StatusTag, TimerTag } from './work-order-format';

/** "139****1202" from any phone; shown until the user asks for the number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

/** The reporter's phone, masked, with a reveal and a call link when the server sent the full number. */
export function ReporterPhone({ phone }: { phone: string | null }) {
  const { t } = useWoI18n();
  const [shown, setShown] = useState(false);
  if (!phone) return <Typography.Text type="secondary">—</Typography.Text>;
  const full = !phone.includes('*');
  return (
    <Space size={4} wrap>
      <Typography.Text data-testid="reporter-phone">{shown && full ? phone : maskPhone(phone)}</Typography.Text>
      {full && !shown ? (
        <Button type="link" size="small" onClick={() => setShown(true)} style={{ paddingInline: 4 }}>
          {t('order.showPhone')}
        </Button>
      ) : null}
      {full ? (
        <a href={`tel:${phone}`} aria-label={t('order.call')}>
          <PhoneOutlined /> {t('order.call')}
        </a>
      ) : null}
    </Space>
  );
}

function CommentBox({ order }: { order: WorkOrderDetail }) {
  const { t } = useWoI18n();
  const [form] = Form.useForm<{ body: string; visibility: 'internal' | 'owner' }>();
  const add = useAddComment(order.id);
  const [error, setError] = useState<string | null>(null);
  if (!order.canComment) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ visibility: 'internal' }}
      onFinish={(values) => {
        setError(null);
        add.mutate(values, {
          onSuccess: () => form.resetFields(['body']),
          onError: (cause) => {
            if (cause instanceof ApiError && cause.fields.body) form.setFields([{ name: 'body', errors: [cause.fields.body] }]);
            else setError(cause.message);
          },
        });
      }}
    >
      <Form.Item name="body" label={t('comment.label')} rules={[{ required: true, whitespace: true, message: t('action.required') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="comment-body" />
      </Form.Item>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Form.Item name="visibility" noStyle>
          <Radio.Group
            options={[
              { value: 'internal', label: t('comment.internal') },
              { value: 'owner', label: t('comment.owner') },
            ]}
          />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="comment-submit">
          {t('comment.submit')}
        </Button>
      </Flex>
      {error ? <Alert type="error" title={error} style={{ marginTop: 8 }} /> : null}
    </Form>
  );
}

/** Photos and signatures of the order as thumbnails that open full size. */
function Attachments({ order }: { order: WorkOrderDetail }) {
  const { t, tl } = useWoI18n();
  const pinned = usePinnedStandard(order.standard.versionId);
  const images = order.attachments.filter((a) => a.mimeType.startsWith('image/'));
  const files = order.attachments.filter((a) => !a.mimeType.startsWith('image/'));
  if (!order.attachments.length) return null;
  // An attachment's purpose is the record it was given for: its label comes from the pinned standard.
  const recordLabel = (name: string) =>
    pinned.data?.definition.transitions
      .flatMap((tr) => [...tr.records, ...(tr.outcomes ?? []).flatMap((o) => o.records)])
      .find((r) => r.name === name)?.label;
  const purpose = (p: string | null, kind: string) => {
    const label = p ? recordLabel(p) : undefined;
    if (label) return tl(label);
    const key = p ?? kind;
    return key === 'before' || key === 'after' || key === 'signature' || key === 'intake' ? t(`attachment.${key}`) : kind === 'signature' ? t('attachment.signature') : key;
  };
  return (
    <Card title={t('order.attachments')} size="small">
      <Image.PreviewGroup>
        <Flex gap={12} wrap>
          {images.map((a) => (
            <Flex key={a.id} vertical align="center" gap={4}>
              <Image
                src={attachmentUrl(a.id, a.hasThumbnail)}
                preview={{ src: attachmentUrl(a.id) }}
                width={96}
                height={96}
                style={{ objectFit: a.kind === 'signature' ? 'contain' : 'cover', borderRadius: 6, background: '#fff', border: '1px solid #f0f0f0' }}
                alt={purpose(a.purpose, a.kind)}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {purpose(a.purpose, a.kind)}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
      {files.map((a) => (
        <div key={a.id}>
          <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer">
            {purpose(a.purpose, a.kind)} ({a.mimeType})
          </a>
        </div>
      ))}
    </Card>
  );
}

/** Quote, consent, completion, acceptance and return visit, as recorded. */
function Records({ order }: { order: WorkOrderDetail }) {
  const { t } = useWoI18n();
  const items: { key: string; label: string; children: React.ReactNode }[] = [];
  if (order.quote) {
    items.push({
      key: 'quote',
      label: t('order.quote'),
      children: (
        <Space orientation="vertical" size={2}>
          {order.quote.diagnosis ? <span>{t('timeline.diagnosis', { text: order.quote.diagnosis })}</span> : null}
          {order.quote.items.map((i, n) => (
            <span key={n}>
              {i.name} × {i.quantity} = {formatFen(i.amount)}
            </span>
          ))}
          <Typography.Text strong>{t('quote.total', { total: formatFen(order.quote.totalAmount) })}</Typography.Text>
        </Space>
      ),
    });
  }
  if (order.consent) {
    items.push({
      key: 'consent',
      label: t('order.consent'),
      children: t(order.consent.approved ? 'order.consentYes' : 'order.consentNo', {
        by: order.consent.by.name,
        at: formatDateTime(order.consent.at, t),
        channel: channelLabel(order.consent.channel, t),
      }),
    });
  }
  if (order.completion) {
    items.push({
      key: 'completion',
      label: t('order.completion'),
      children: (
        <Space orientation="vertical" size={2}>
          {order.completion.note ? <span>{order.completion.note}</span> : null}
          {order.completion.materials.length ? (
            <span>{t('order.materials', { list: order.completion.materials.map((m) => `${m.name}×${m.quantity}`).join('、') })}</span>
          ) : null}
          <Typography.Text type="secondary">{formatDateTime(order.completion.at, t)}</Typography.Text>
        </Space>
      ),
    });
  }
  if (order.acceptance) {
    items.push({
      key: 'acceptance',
      label: t('order.acceptance'),
      // An acceptance by phone carries what the owner said instead of a signature.
      children: t(order.acceptance.approved ? (order.acceptance.reason ? 'order.acceptedWithNote' : 'order.acceptedBy') : 'order.rejectedBy', {
        by: order.acceptance.by.name,
        at: formatDateTime(order.acceptance.at, t),
        reason: order.acceptance.reason ?? '',
      }),
    });
  }
  if (order.returnVisit) {
    const rv = order.returnVisit;
    items.push({
      key: 'visit',
      label: t('order.returnVisit'),
      children: [
        rv.score !== null ? t('timeline.score', { score: rv.score }) : null,
        rv.satisfied !== null ? (rv.satisfied ? t('visit.satisfied') : t('visit.notSatisfied')) : null,
        rv.comment,
        `${rv.by.name} ${formatDateTime(rv.at, t)}`,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (!items.length) return null;
  return (
    <Card title={t('order.records')} size="small">
      <Descriptions column={1} size="small" items={items} />
    </Card>
  );
}

/**
 * 工单详情: header with state and SLA timers, reporter and unit, the recorded steps, the timeline
 * with comments, and buttons for exactly the actions the server allows the caller now.
 */
export function OrderPage() {
  const { id } = useParams();
  const { t, tl } = useWoI18n();
  const { message } = App.useApp();
  const { data: order, error, isPending, refetch } = useWorkOrder(id);
  const pinned = usePinnedStandard(order?.standard.versionId);
  const [open, setOpen] = useState<string | null>(null);
  const isPhone = useMediaQuery('(max-width: 575px)');
  useDocumentTitle(order ? order.number : t('nav.orders'));

  if (isPending) {
    return (
      <Flex justify="center" style={{ paddingBlock: 64 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotFoundPage />;
  if (error || !order) {
    return <Result status="warning" title={t('common.loadFailed')} subTitle={error?.message} extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>} />;
  }

  const stateName = (key: string | null) => {
    const state = pinned.data?.definition.states.find((s) => s.key === key);
    return state ? tl(state.name) : key === order.status ? tl(order.statusName) : (key ?? '');
  };
  // One button per step the caller may take now, in the standard's order; each opens its form.
  const actions = order.actions;
  const primary = primaryStep(
    actions.map((a) => a.key),
    order.status,
    pinned.data,
  );
  const opened = actions.find((a) => a.key === open);
  const running = order.timers.filter((tm) => tm.status === 'running' || tm.status === 'paused');
  const finished = order.timers.filter((tm) => tm.status !== 'running' && tm.status !== 'paused');

  const actionButtons = actions.map((action) => (
    <Button
      key={action.key}
      type={action.key === primary ? 'primary' : 'default'}
      danger={isCancelStep(action.key, pinned.data)}
      size={isPhone ? 'large' : 'middle'}
      block={isPhone}
      data-testid={`action-${action.key}`}
      onClick={() => setOpen(action.key)}
    >
      {tl(action.name)}
    </Button>
  ));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="order-page">
      <Link to="/work-orders">
        <ArrowLeftOutlined /> {t('order.back')}
      </Link>
      <Card>
        <Flex justify="space-between" gap={16} wrap>
          <Space orientation="vertical" size={8} style={{ minWidth: 0 }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="order-number">
                {order.number}
              </Typography.Title>
              <KindTag kind={order.kind} />
              <span data-testid="order-status">
                <StatusTag name={tl(order.statusName)} type={order.statusType} />
              </span>
              {order.urgency === 'emergency' ? (
                <Tag color="magenta" icon={<ThunderboltOutlined />}>
                  {t('urgency.emergency')}
                </Tag>
              ) : null}
              {order.paid ? <Tag color="gold">{t('field.paid')}</Tag> : null}
              {order.anonymous ? <Tag>{t('field.anonymous')}</Tag> : null}
              {order.counters.rejections ? <Tag color="volcano">{t('order.rejections', { n: order.counters.rejections })}</Tag> : null}
            </Flex>
            <Typography.Text>
              {tl(order.categoryName, order.category)} · {order.community.name} {order.unit?.label ?? t('common.publicArea')}
            </Typography.Text>
            <Flex gap={6} wrap data-testid="order-timers">
              {running.map((timer) => (
                <TimerTag key={`${timer.limitKey}-${timer.round}`} timer={timer} />
              ))}
              {finished.map((timer) => (
                <TimerTag key={`${timer.limitKey}-${timer.round}`} timer={timer} />
              ))}
            </Flex>
          </Space>
          {order.kind === 'repair' ? (
            <Button icon={<PrinterOutlined />} href={`/work-orders/${order.id}/print?print=1`} target="_blank" data-testid="print-slip">
              {t('order.print')}
            </Button>
          ) : null}
        </Flex>
        {actions.length ? (
          <Flex gap={8} wrap vertical={isPhone} style={{ marginTop: 16 }} data-testid="order-actions">
            {actionButtons}
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 16 }}>
            {order.statusType === 'closed' || order.statusType === 'cancelled' ? t('order.finished') : t('order.noActions')}
          </Typography.Text>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('order.details')} size="small">
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  { key: 'reporter', label: t('field.reporter'), children: order.reporter.name ?? (order.anonymous ? t('order.anonymousHidden') : '—') },
                  { key: 'phone', label: t('field.reporterPhone'), children: <ReporterPhone phone={order.reporter.phone} /> },
                  { key: 'unit', label: t('field.unit'), children: `${order.community.name} ${order.unit?.label ?? t('common.publicArea')}` },
                  { key: 'channel', label: t('field.channel'), children: channelLabel(order.channel, t) },
                  ...(order.source ? [{ key: 'source', label: t('field.source'), children: t(`source.${order.source}`) }] : []),
                  { key: 'created', label: t('field.createdAt'), children: formatDateTime(order.createdAt, t) },
                  ...(order.kind === 'repair'
                    ? [
                        { key: 'assignee', label: t('field.assignee'), children: order.assignee?.name ?? t('order.unassigned') },
                        { key: 'appointment', label: t('field.appointment'), children: order.appointmentAt ? formatDateTime(order.appointmentAt, t) : '—' },
                      ]
                    : []),
                  { key: 'standard', label: t('field.standard'), children: t('order.standardVersion', { version: order.standard.version }) },
                  { key: 'description', label: t('field.description'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.description}</span> },
                ]}
              />
              {order.linkedOrders.length ? (
                <Flex gap={8} wrap style={{ marginTop: 8 }}>
                  {order.linkedOrders.map((l) => (
                    <Link key={l.id} to={`/work-orders/${l.id}`}>
                      <Tag>{l.number}</Tag>
                    </Link>
                  ))}
                </Flex>
              ) : null}
            </Card>
            <Records order={order} />
            <Attachments order={order} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('order.timeline')} size="small">
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              {order.timeline.length ? <OrderTimeline order={order} standard={pinned.data} stateName={stateName} /> : <Empty />}
              <CommentBox order={order} />
            </Space>
          </Card>
        </Col>
      </Row>

      {opened ? (
        <OrderStepDialog
          order={order}
          action={opened}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            message.success(t('action.done', { action: tl(opened.name), status: tl(next.statusName) }));
          }}
        />
      ) : null}
    </Space>
  );
}

