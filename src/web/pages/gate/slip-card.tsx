import { useRef, useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Descriptions, Flex, Modal, Tag } from 'antd';
import { ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useSlipAction, type GoodsSlip } from '../../api/gate';
import { uploadAttachment } from '../../api/work-orders';
import { SignaturePad, type SignaturePadHandle } from '../../components/signature-pad';
import { useGateI18n } from './use-gate-i18n';

const STATE_COLORS: Record<string, string> = { open: 'blue', closed: 'default', cancelled: 'red' };

/** The guard checks each item against the slip, signs, and releases; the server allows it once. */
function ReleaseDialog({ slip, open, onClose }: { slip: GoodsSlip; open: boolean; onClose: () => void }) {
  const { t } = useGateI18n();
  const { message } = App.useApp();
  const [checked, setChecked] = useState<number[]>([]);
  const [hasInk, setHasInk] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pad = useRef<SignaturePadHandle>(null);
  const action = useSlipAction();
  const allChecked = checked.length === slip.items.length;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const png = await pad.current?.toPng();
      const signatureId = png ? (await uploadAttachment(png, 'signature', 'signature.png')).id : undefined;
      await action.mutateAsync({ id: slip.id, action: 'release', body: { goodsChecked: allChecked, signatureId } });
      void message.success(t('slip.released'));
      onClose();
    } catch (e) {
      if (e instanceof ApiError) setError([e.message, ...Object.values(e.fields)].join('；'));
      else setError(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={`${t('slip.release')} · ${slip.unitLabel}`}
      onCancel={onClose}
      okText={t('slip.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !allChecked || !hasInk, loading: busy, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void submit()}
      destroyOnHidden
      width={520}
    >
      <Alert type="info" showIcon title={t('slip.checkEach')} style={{ marginBottom: 8 }} />
      <Checkbox.Group value={checked} onChange={(v) => setChecked(v as number[])} style={{ width: '100%' }}>
        <Flex vertical gap={4} style={{ width: '100%', border: '1px solid #f0f0f0', borderRadius: 8, padding: '4px 12px' }}>
          {slip.items.map((item, i) => (
            <Checkbox key={i} value={i} style={{ fontSize: 16, minHeight: 40, alignItems: 'center' }}>
              {item.name} × {item.quantity}
              {item.note ? `（${item.note}）` : ''}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      <div style={{ marginTop: 12, marginBottom: 4 }}>{t('slip.sign')}</div>
      <SignaturePad ref={pad} onInkChange={setHasInk} label={t('slip.sign')} height={160} />
      <Button type="link" onClick={() => pad.current?.clear()}>
        {t('slip.clear')}
      </Button>
      {error ? <Alert type="error" showIcon title={error} data-testid="release-error" /> : null}
    </Modal>
  );
}

/** A release slip at the post: its goods, whether it may be used (and why not), release. */
export function SlipCard({ slip }: { slip: GoodsSlip }) {
  const { t, tl, dt } = useGateI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" data-testid={`slip-${slip.code}`} className="gate-card">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span style={{ fontSize: 17, fontWeight: 600 }}>
          {slip.unitLabel} · {slip.carrierName}
        </span>
        <Tag color={STATE_COLORS[slip.state.type]}>{tl(slip.state.name)}</Tag>
      </Flex>
      {slip.verdict.ok ? (
        <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('slip.ok')} />
      ) : (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={slip.verdict.message} data-testid="slip-refusal" />
      )}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }} colon={false}>
        <Descriptions.Item label={t('slip.items')}>{slip.items.map((i) => `${i.name}×${i.quantity}`).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('slip.validUntil')}>{dt(slip.validUntil)}</Descriptions.Item>
        {slip.plate ? <Descriptions.Item label={t('pass.plate')}>{slip.plate}</Descriptions.Item> : null}
        {slip.release ? <Descriptions.Item label={t('logs.releasedAt')}>{`${dt(slip.release.at)} · ${slip.release.by.name}`}</Descriptions.Item> : null}
        <Descriptions.Item label={t('slip.code')}>
          <span style={{ fontFamily: 'monospace', letterSpacing: 2 }}>{slip.code}</span>
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        {slip.allowedActions.includes('release') ? (
          <Button type="primary" size="large" icon={<ExportOutlined />} onClick={() => setOpen(true)}>
            {t('slip.release')}
          </Button>
        ) : null}
        {slip.allowedActions.includes('share') ? (
          <Link to={`/gate/slips/${slip.id}/print`}>
            <Button size="large" icon={<PrinterOutlined />}>
              {t('pass.print')}
            </Button>
          </Link>
        ) : null}
      </Flex>
      {open ? <ReleaseDialog slip={slip} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
