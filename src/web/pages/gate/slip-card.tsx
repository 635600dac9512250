import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { GoodsSlip } from '../../api/gate';
import { GateSteps } from './gate-steps';
import { useGateI18n } from './use-gate-i18n';

const STATE_COLORS: Record<string, string> = { open: 'blue', closed: 'default', cancelled: 'red' };

/** The goods to check against the slip, item by item, above the fields of a step that takes records. */
function GoodsToCheck({ slip }: { slip: GoodsSlip }) {
  const { t } = useGateI18n();
  return (
    <>
      <Alert type="info" showIcon title={t('slip.checkEach')} style={{ marginBottom: 8 }} />
      <ul className="gate-goods" data-testid="slip-goods">
        {slip.items.map((item, i) => (
          <li key={i}>
            {item.name} × {item.quantity}
            {item.note ? `（${item.note}）` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * A release slip at the post: its goods, whether it may be used (and why not), and its steps
 * (release …) from its standard.
 *
 * The verdict answers "may this slip be used now?". Once the guard has taken a step here, the
 * card shows that step's outcome instead: the refreshed verdict of a slip just released reads
 * "already used", which is right for the next scan of it but wrong as the answer to this one.
 * A new scan mounts a new card and verifies afresh.
 */
export function SlipCard({ slip: shown }: { slip: GoodsSlip }) {
  const { t, tl, dt } = useGateI18n();
  const [stepped, setStepped] = useState<GoodsSlip | null>(null);
  const slip = stepped && stepped.version >= shown.version ? stepped : shown;
  return (
    <Card size="small" data-testid={`slip-${slip.code}`} className="gate-card">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span style={{ fontSize: 17, fontWeight: 600 }}>
          {slip.unitLabel} · {slip.carrierName}
        </span>
        <Tag color={STATE_COLORS[slip.state.type]}>{tl(slip.state.name)}</Tag>
      </Flex>
      {stepped && slip.release ? (
        <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('slip.released', { at: dt(slip.release.at), by: slip.release.by.name })} data-testid="slip-done" />
      ) : stepped ? null : slip.verdict.ok ? (
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
        <GateSteps kind="slips" item={slip} subject={`${slip.unitLabel} · ${slip.carrierName}`} before={() => <GoodsToCheck slip={slip} />} onDone={setStepped} />
        {slip.allowedActions.includes('share') ? (
          <Link to={`/gate/slips/${slip.id}/print`}>
            <Button size="large" icon={<PrinterOutlined />}>
              {t('pass.print')}
            </Button>
          </Link>
        ) : null}
      </Flex>
    </Card>
  );
}
