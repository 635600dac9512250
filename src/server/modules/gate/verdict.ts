import type { Locale } from '../../../common/locale';
import type { RefusalReason } from '../../../common/gate';
import type { ServiceStandard, StateType } from '../../standards/definition';
import { t, type MessageKey } from '../../i18n/messages';

/** Whether a pass or slip may be used now; `params` fill the refusal message. */
export interface Verdict {
  ok: boolean;
  reason: RefusalReason | null;
  params: Record<string, Date | string>;
}

const OK: Verdict = { ok: true, reason: null, params: {} };

interface PassState {
  state: string;
  stateType: StateType;
  validFrom: Date;
  validUntil: Date;
  enteredAt: Date | null;
  exitedAt: Date | null;
}

/**
 * Whether a pass lets its holder in at `now`: a pass that was used, is inside, was cancelled or
 * expired, or whose window has not begun, is refused with that reason. The window is checked
 * here as well as by the validity timer, so a refusal never waits for the sweeper.
 */
export function passVerdict(pass: PassState, now: Date, expiredStates: ReadonlySet<string>): Verdict {
  if (pass.stateType === 'closed') return { ok: false, reason: 'used', params: { at: pass.exitedAt ?? pass.validUntil } };
  if (pass.stateType === 'cancelled') {
    return expiredStates.has(pass.state) || pass.validUntil <= now ? { ok: false, reason: 'expired', params: { until: pass.validUntil } } : { ok: false, reason: 'cancelled', params: {} };
  }
  // Inside: entered and not out since (a company's standard may have a step in progress before the entry).
  if (pass.stateType === 'in_progress' && pass.enteredAt && !(pass.exitedAt && pass.exitedAt >= pass.enteredAt)) {
    return { ok: false, reason: 'inside', params: { at: pass.enteredAt } };
  }
  if (pass.validUntil <= now) return { ok: false, reason: 'expired', params: { until: pass.validUntil } };
  if (pass.validFrom > now) return { ok: false, reason: 'not_yet_valid', params: { from: pass.validFrom } };
  return OK;
}

/** Whether a release slip can be used at `now`: once, before it expires, unless cancelled. */
export function slipVerdict(slip: { state: string; stateType: StateType; validUntil: Date; releasedAt: Date | null }, now: Date, expiredStates: ReadonlySet<string>): Verdict {
  if (slip.stateType === 'closed') return { ok: false, reason: 'used', params: { at: slip.releasedAt ?? slip.validUntil } };
  if (slip.stateType === 'cancelled') {
    return expiredStates.has(slip.state) || slip.validUntil <= now ? { ok: false, reason: 'expired', params: { until: slip.validUntil } } : { ok: false, reason: 'cancelled', params: {} };
  }
  if (slip.validUntil <= now) return { ok: false, reason: 'expired', params: { until: slip.validUntil } };
  return OK;
}

/** States a standard's `onBreach` steps lead to: work that ran out of time, not cancelled by a person. */
export function expiredStates(standard: ServiceStandard): Set<string> {
  const steps = new Set(standard.timeLimits.flatMap((l) => (l.onBreach ? [l.onBreach] : [])));
  return new Set(standard.transitions.filter((t) => steps.has(t.key) && t.to).map((t) => t.to!));
}

/** A local date and time for people at the gate, e.g. "11月22日 18:00". */
export function formatLocal(at: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** The message key of a refusal of a pass or a slip. */
export function refusalKey(kind: 'pass' | 'slip', reason: RefusalReason): MessageKey {
  return (kind === 'pass' ? `gate.refused.${reason}` : `gate.slipRefused.${reason === 'inside' || reason === 'not_yet_valid' ? 'used' : reason}`) as MessageKey;
}

/** Message parameters with dates rendered in the community's time zone. */
export function refusalParams(verdict: Verdict, timeZone: string, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(verdict.params).map(([k, v]) => [k, v instanceof Date ? formatLocal(v, timeZone, locale) : v]));
}

/** The refusal in words, or null when the verdict is ok. */
export function refusalText(kind: 'pass' | 'slip', verdict: Verdict, timeZone: string, locale: Locale): string | null {
  if (verdict.ok || !verdict.reason) return null;
  return t(locale, refusalKey(kind, verdict.reason), refusalParams(verdict, timeZone, locale));
}
