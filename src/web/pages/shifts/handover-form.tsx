import { useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { ApiError } from '../../api/client';
import { usePostActions, type DutyPost } from '../../api/security';
import { uploadAttachment } from '../../api/work-orders';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { FeeCloseFirst } from '../fees/fee-close-first';
import { HandoverCloses } from '../fees/handover-closes';
import { useSecurityI18n } from '../patrol/use-security-i18n';

interface Values {
  counts: { count: number | null; note?: string }[];
  openMatters?: string;
}

/**
 * The handover form of both sides: the outgoing guard counts every item against what the post
 * should hold; the incoming guard counts against the outgoing count. A count that differs needs
 * a note; the guard signs with a finger, and the signature is uploaded first.
 */
export function HandoverForm({ post, side, onClose }: { post: DutyPost; side: 'out' | 'in'; onClose: () => void }) {
  const { t, dateTime } = useSecurityI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { handOver, takeOver } = usePostActions();
  const pad = useRef<SignaturePadHandle>(null);
  const [hasInk, setHasInk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const handover = post.openHandover;
  const reference = (i: number) => {
    const item = post.checklist[i]!;
    if (side === 'out') return item.expected;
    return handover?.outgoingCounts.find((c) => c.key === item.key)?.count ?? item.expected;
  };
  const counts = Form.useWatch('counts', form);
  const differs = (i: number) => {
    const n = counts?.[i]?.count;
    if (n === null || n === undefined) return false;
    return side === 'out' ? n < reference(i) : n !== reference(i);
  };

  const submit = async (values: Values) => {
    setError(null);
    const png = await pad.current?.toPng();
    if (!png) return setError(t('handover.signRequired'));
    setBusy(true);
    try {
      const signatureId = (await uploadAttachment(png, 'signature', 'signature.png')).id;
      const body = { counts: post.checklist.map((item, i) => ({ key: item.key, count: values.counts[i]!.count ?? 0, note: values.counts[i]!.note?.trim() || undefined })), signatureId };
      if (side === 'out') await handOver.mutateAsync({ postId: post.id, body: { ...body, openMatters: values.openMatters?.trim() || undefined } });
      else await takeOver.mutateAsync({ handoverId: handover!.id, body });
      message.success(side === 'out' ? t('handover.done') : t('handover.taken'));
      onClose();
    } catch (cause) {
      if (cause instanceof ApiError && Object.keys(cause.fields).length) {
        const fields = Object.entries(cause.fields);
        form.setFields(
          fields
            .filter(([k]) => /^counts\.\d+\./.test(k))
            .map(([k, v]) => {
              const [, i, field] = k.split('.');
              return { name: ['counts', Number(i), field === 'note' ? 'note' : 'count'], errors: [v] };
            }),
        );
        setError(fields.find(([k]) => !k.startsWith('counts.'))?.[1] ?? cause.message);
      } else {
        setError(cause instanceof Error ? cause.message : String(cause));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(side === 'out' ? 'handover.title' : 'handover.takeTitle', { post: post.name })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={post.kind === 'fee' ? 720 : 560}
      styles={{ body: { paddingTop: 8 } }}
    >
      {side === 'in' && handover ? (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={t('handover.from', { name: handover.outgoingName, at: dateTime(handover.handedAt) })}
          description={handover.openMatters ? <span data-testid="handover-matters">{t('handover.matters', { text: handover.openMatters })}</span> : null}
        />
      ) : null}
      {side === 'in' && handover ? <HandoverCloses included={handover.included} /> : null}
      {side === 'out' && post.kind === 'fee' ? <FeeCloseFirst /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={{ counts: post.checklist.map(() => ({ count: null })) }} data-testid={`handover-form-${side}`}>
        {post.checklist.map((item, i) => (
          <Flex key={item.key} vertical style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8, marginBottom: 8 }}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {item.name}
              </Typography.Text>
              <Typography.Text type="secondary">{side === 'out' ? t('handover.expected', { n: item.expected }) : t('handover.outgoingCount', { n: reference(i) })}</Typography.Text>
            </Flex>
            <Form.Item name={['counts', i, 'count']} label={t('handover.count')} rules={[{ required: true, message: t('handover.countRequired') }]} style={{ marginBottom: 4 }}>
              <InputNumber size="large" min={0} max={1_000_000} precision={0} inputMode="numeric" style={{ width: '100%' }} data-testid={`count-${item.key}`} />
            </Form.Item>
            {differs(i) ? (
              <Form.Item name={['counts', i, 'note']} label={t('handover.note')} rules={[{ required: true, whitespace: true, message: t('handover.noteRequired') }]} style={{ marginBottom: 4 }}>
                <Input size="large" maxLength={200} data-testid={`note-${item.key}`} />
              </Form.Item>
            ) : null}
          </Flex>
        ))}
        {side === 'out' ? (
          <Form.Item name="openMatters" label={t('handover.openMatters')} extra={t('handover.openMattersHint')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="open-matters" />
          </Form.Item>
        ) : null}
        <Form.Item label={t('handover.sign')} extra={t('handover.signHint')} required>
          <SignaturePad ref={pad} onInkChange={setHasInk} label={t('handover.sign')} height={180} />
          {hasInk ? (
            <Button type="link" onClick={() => pad.current?.clear()} style={{ paddingInline: 0 }}>
              {t('handover.clear')}
            </Button>
          ) : null}
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="handover-error" /> : null}
        <Button type="primary" htmlType="submit" size="large" block loading={busy} style={{ height: 52, fontSize: 18 }} data-testid="handover-submit">
          {side === 'out' ? t('handover.submitOut') : t('handover.submitIn')}
        </Button>
      </Form>
    </Modal>
  );
}
