import { useState } from 'react';
import type { ActionDescription } from '../../../common/work/records';
import { ApiError } from '../api';
import { STATE_TONE } from '../gate-api';
import { usePrefs } from '../prefs';
import { StepPanel } from './step-panel';
import { Notice } from './ui';

type Named = { type: string; name: { 'zh-CN': string; 'en-US': string } };

/**
 * A pass's or slip's state in the standard's words (待入园, 已放行 …). One still open whose window
 * has passed shows as expired at once, without waiting for the periodic sweep to mark it.
 */
export function StateBadge({ state, verdict }: { state: Named; verdict?: { reason: string | null } }) {
  const { prefs, t } = usePrefs();
  if (state.type === 'open' && verdict?.reason === 'expired') return <span className="badge badge-grey">{t('gate.expired')}</span>;
  return <span className={`badge badge-${STATE_TONE[state.type] ?? 'grey'}`}>{state.name[prefs.locale]}</span>;
}

/** "11月23日 09:00 至 13:00" (the date again only when the window ends on another day). */
export function useWindowText() {
  const { t, formatTime, prefs } = usePrefs();
  return (from: string, until: string) => {
    const sameDay = new Date(from).toDateString() === new Date(until).toDateString();
    const end = sameDay ? new Intl.DateTimeFormat(prefs.locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(until)) : formatTime(until);
    return t('gate.window', { from: formatTime(from), until: end });
  };
}

type Verdict = { ok: boolean; reason: string | null };
const PASS_REASONS = ['expired', 'not_yet_valid', 'used', 'inside', 'cancelled'] as const;
const SLIP_REASONS = ['expired', 'used', 'cancelled'] as const;

/**
 * Why a pass or slip does not open the gate now, in the owner's and visitor's words (the API's
 * own message is written for the guard). Null when it does, or for a reason not listed.
 */
export function useVerdictText() {
  const { t, formatTime } = usePrefs();
  return (kind: 'pass' | 'slip', verdict: Verdict, validFrom?: string): string | null => {
    if (verdict.ok || !verdict.reason) return null;
    if (kind === 'pass') {
      const reason = PASS_REASONS.find((r) => r === verdict.reason);
      return reason ? t(`verdict.${reason}`, { from: validFrom ? formatTime(validFrom) : '' }) : null;
    }
    const reason = SLIP_REASONS.find((r) => r === verdict.reason);
    return reason ? t(`slipVerdict.${reason}`) : null;
  };
}

/** The QR code image from the API and the short code typed by hand when scanning fails. */
export function QrBlock({ src, code, codeLabel, dim }: { src: string; code: string; codeLabel: string; dim?: boolean }) {
  const { t } = usePrefs();
  return (
    <div className={`qr-block${dim ? ' qr-dim' : ''}`}>
      <img className="qr-image" src={src} alt={t('gate.qrAlt')} width={240} height={240} data-testid="qr" />
      <p className="qr-code-label">{codeLabel}</p>
      <p className="qr-code" data-testid="short-code">
        {code}
      </p>
    </div>
  );
}

/** A cancel button that asks once before it cancels. */
export function CancelStep({ label, onCancel }: { label: string; onCancel: () => Promise<void> }) {
  const { t } = usePrefs();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setMessage(null);
    try {
      await onCancel();
      setAsking(false);
    } catch (err) {
      setMessage(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (!asking)
    return (
      <button type="button" className="btn btn-danger btn-block" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <section className="card panel">
      <p>{t('gate.cancelAsk')}</p>
      {message && <Notice tone="error" text={message} />}
      <div className="actions">
        <button type="button" className="btn btn-danger btn-block" disabled={busy} onClick={() => void confirm()}>
          {busy ? t('common.submitting') : t('gate.cancelYes')}
        </button>
        <button type="button" className="btn btn-secondary btn-block" disabled={busy} onClick={() => setAsking(false)}>
          {t('gate.cancelNo')}
        </button>
      </div>
    </section>
  );
}

/** Per-field messages and the overall message of a refused form. */
export function useFormErrors() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const fail = (err: unknown) => {
    if (err instanceof ApiError) {
      setErrors(err.fields);
      setMessage(err.message);
    } else setMessage(err instanceof Error ? err.message : String(err));
  };
  // A field's message goes away once the person edits that field.
  const clear = (key: string) => setErrors((e) => (key in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)) : e));
  return { errors, setErrors, message, setMessage, fail, clear };
}

/**
 * The steps the resident may take on a pass or slip, from its `actions` (its pinned standard):
 * a step that asks for records opens the shared step panel, one that asks for nothing is a
 * button with a confirmation. `act` sends it and shows the item after it.
 */
export function GateStepPanels({ actions, act }: { actions: ActionDescription[]; act: (action: string, body: Record<string, unknown>) => Promise<void> }) {
  const { prefs } = usePrefs();
  return (
    <>
      {actions.map((a) =>
        a.records.length ? (
          <StepPanel key={a.key} action={a} act={act} open={false} />
        ) : (
          <CancelStep key={a.key} label={a.name[prefs.locale] || a.name['zh-CN']} onCancel={() => act(a.key, {})} />
        ),
      )}
    </>
  );
}
