import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { GatePass } from '../../api/gate';
import { GateSteps } from './gate-steps';
import { useGateI18n } from './use-gate-i18n';

const STATE_COLORS: Record<string, string> = { open: 'blue', in_progress: 'green', closed: 'default', cancelled: 'red' };

/** A pass as the guard sees it: whether it lets the visitor in (and why not), the host unit, and its steps (entry, exit …) from its standard. */
export function PassCard({ pass: shown, compact = false }: { pass: GatePass; compact?: boolean }) {
  const { t, tl, dt } = useGateI18n();
  // After a step taken here the card shows its outcome, not a fresh verdict (see SlipCard).
  const [stepped, setStepped] = useState<GatePass | null>(null);
  const pass = stepped && stepped.version >= shown.version ? stepped : shown;
  const outcome = stepped ? (pass.exitedAt && pass.state.type === 'closed' ? t('pass.exited', { at: dt(pass.exitedAt) }) : pass.enteredAt ? t('pass.entered', { at: dt(pass.enteredAt) }) : null) : null;
  return (
    <Card size="small" data-testid={`pass-${pass.code}`} className="gate-card">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span style={{ fontSize: 17, fontWeight: 600 }}>
          {pass.visitorName}
          {pass.partySize > 1 ? ` ×${pass.partySize}` : ''}
        </span>
        <Flex gap={4} wrap>
          <Tag>{t(`origin.${pass.origin}`)}</Tag>
          <Tag color={STATE_COLORS[pass.state.type]}>{tl(pass.state.name)}</Tag>
        </Flex>
      </Flex>
      {stepped ? (
        outcome ? <Alert type="success" showIcon style={{ marginTop: 8 }} title={outcome} data-testid="pass-done" /> : null
      ) : !pass.verdict.ok && pass.state.type !== 'in_progress' ? (
        <Alert type="error" showIcon style={{ marginTop: 8 }} title={pass.verdict.message} data-testid="pass-refusal" />
      ) : pass.verdict.ok ? (
        <Alert type="success" showIcon style={{ marginTop: 8 }} title={t('pass.ok')} />
      ) : null}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }} colon={false}>
        <Descriptions.Item label={t('pass.host')}>
          {pass.communityName} · {pass.unitLabel}
          {pass.hostName ? ` · ${pass.hostName}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('pass.window')}>
          {dt(pass.validFrom)} – {dt(pass.validUntil)}
        </Descriptions.Item>
        {!compact && pass.plate ? <Descriptions.Item label={t('pass.plate')}>{pass.plate}</Descriptions.Item> : null}
        {!compact && pass.visitorPhone ? <Descriptions.Item label={t('pass.phone')}>{pass.visitorPhone}</Descriptions.Item> : null}
        {!compact && pass.purpose ? <Descriptions.Item label={t('pass.purpose')}>{pass.purpose}</Descriptions.Item> : null}
        {!compact && pass.confirmation ? (
          <Descriptions.Item label={t('pass.confirmation')}>
            {t(`channel.${pass.confirmation.channel}` as 'channel.phone')} · {pass.confirmation.confirmedBy}
          </Descriptions.Item>
        ) : null}
        {pass.enteredAt ? <Descriptions.Item label={t('logs.enteredAt')}>{dt(pass.enteredAt)}</Descriptions.Item> : null}
        <Descriptions.Item label={t('pass.code')}>
          <span style={{ fontFamily: 'monospace', letterSpacing: 2 }}>{pass.code}</span>
        </Descriptions.Item>
      </Descriptions>
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <GateSteps kind="passes" item={pass} subject={pass.visitorName} onDone={setStepped} />
        {pass.allowedActions.includes('share') ? (
          <Link to={`/gate/passes/${pass.id}/print`}>
            <Button size="large" icon={<PrinterOutlined />}>
              {t('pass.print')}
            </Button>
          </Link>
        ) : null}
      </Flex>
    </Card>
  );
}
