import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { describeDue, type Due } from '../../common/due';
import { useI18n } from '../i18n/i18n-context';

/** SLA phase colours of antd's palette: green on time, orange warning, red overdue. */
const PHASE_TAG = { ok: 'success', warning: 'warning', breached: 'error' } as const;

/** Re-renders once a minute, so a due time left open on a screen keeps counting. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/**
 * A due time as every console page shows it: "明天 08:11 · 按服务时间计，剩 59 分钟" in the
 * colour of its phase (red once overdue, whatever the phase the server last judged). `label`
 * names the limit when a page shows several.
 */
export function DueTime({ due, phase, label }: { due: Due; phase?: 'ok' | 'warning' | 'breached' | null; label?: string }) {
  const { locale } = useI18n();
  const now = useMinute();
  const words = describeDue(due, now, locale);
  const shown = words.overdue ? 'breached' : (phase ?? 'ok');
  return (
    <Tag
      color={PHASE_TAG[shown]}
      icon={<ClockCircleOutlined />}
      style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
      data-phase={shown}
      data-testid="due-time"
    >
      {label ? `${label} · ` : ''}
      <strong>{words.when}</strong> · {words.left}
    </Tag>
  );
}
