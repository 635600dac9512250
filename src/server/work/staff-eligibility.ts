import type { Locale } from '../../common/locale';
import type { DbOrTx } from '../db/client';
import { localDateIn } from './numbering';

/**
 * Staff eligibility for solo work: one kernel question ("may this staff member be given work on
 * their own today?") that modules answer by registering a check. The kernel asks it wherever work
 * is handed to one person: a step's staff record marked `assigns: true` (dispatch, reassign) in
 * `checkRecordValues`, and taking up a duty post (modules/shifts). The kernel knows no reason of
 * its own; the training module registers the pre-job training rule (docs/training.md), so a new
 * rule (a suspended licence, a medical hold) is one more registration, not a change to each step.
 */

/** Who is asked about, and on which local day. */
export interface SoloWorkQuestion {
  organizationId: string;
  staffId: string;
  /** The local date (YYYY-MM-DD) the work would start. */
  on: string;
}

/** Why a staff member may not work alone, and until when (null: until a record is made). */
export interface SoloWorkRefusal {
  /** A stable code for clients, e.g. `pre_job_training`. */
  reason: string;
  /** The first local date from which the refusal may end, when known. */
  until: string | null;
  /** The refusal in both languages, shown at the step's staff field. */
  text: Readonly<Record<Locale, string>>;
}

export type SoloWorkCheck = (db: DbOrTx, question: SoloWorkQuestion) => Promise<SoloWorkRefusal | null>;

const checks = new Map<string, SoloWorkCheck>();

/** Registers a named check (registering the same name again replaces it, so setup may run twice). */
export function registerSoloWorkCheck(name: string, check: SoloWorkCheck): void {
  checks.set(name, check);
}

/** The first refusal of any registered check, or null when the staff member may work alone. */
export async function soloWorkRefusal(db: DbOrTx, question: SoloWorkQuestion): Promise<SoloWorkRefusal | null> {
  for (const check of checks.values()) {
    const refusal = await check(db, question);
    if (refusal) return refusal;
  }
  return null;
}

/** Today's local date (YYYY-MM-DD) in a time zone (default: the product's home zone); the kernel's `localDateIn`. */
export function localDateToday(timeZone = 'Asia/Shanghai', now = new Date()): string {
  return localDateIn(timeZone, now);
}
