import { sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTableWithColumns } from 'drizzle-orm/pg-core';
import { onEarliestDueChange } from '../modules/standards';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../db/scope';
import type { ServiceStandard } from '../standards/definition';
import { nextNumber, type NumberRequest } from './numbering';
import type { SubjectKind } from './take-step';

/**
 * The kinds of work registered with the kernel. New kinds (maintenance task ...) add their name
 * here and register once, with `registerKind(defineKind({...}))`.
 */
export const SUBJECT_TYPES = ['work_order', 'gate_pass', 'goods_slip', 'decoration', 'patrol_round', 'shift_handover', 'inspection', 'rectification', 'staff_incentive', 'improvement_measure'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** One piece of work: what the timeline, the attachment links and the timers are keyed by. */
export interface SubjectRef {
  type: SubjectType;
  id: string;
}

/** Where a subject lives, as its read policy found it. */
export interface SubjectPlace {
  organizationId: string;
  communityId: string;
  /** Short text naming it in lists and messages (order number, pass code, route and time). */
  label: string;
  /** A resident reads the owner-visible part of its timeline only. */
  ownerView: boolean;
}

/** A table of work items: a row per item, keyed by `id` (uuid). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KindTable = PgTableWithColumns<any>;

/**
 * Everything the kernel knows of one kind of work, registered once (`registerKind`): the read
 * registry (timeline and attachments readable exactly when `loadForRead` answers), the step runner
 * (`step`, what `runStep` loads, locks and writes), the sweeper (a breached limit's `onBreach` step
 * is taken through `step` as the system, see `work/breach.ts`) and numbering (`numberPrefix`).
 * `Row` is the item as a step sees it, `Stored` the row of `table` (the same unless `stepRow` adds
 * to it).
 */
export interface WorkKind<Row = unknown, Stored = Row> {
  type: SubjectType;
  /** Texts naming the kind (zh-CN, en-US), for the audit trail and the inbox. */
  label: { 'zh-CN': string; 'en-US': string };
  /** Its table; the kernel locks a row of it by id when the system acts on it (a breached limit). */
  table?: KindTable;
  /**
   * The subject as `actor` may read it, or null when they may not (the same answer as "not
   * found", so a caller cannot tell which).
   */
  loadForRead(db: DbOrTx, actor: Actor, id: string): Promise<SubjectPlace | null>;
  /**
   * Prefix of its human-readable numbers (`TX` for passes); a kind numbering several services
   * differently names one per service (`{ repair: 'BX', complaint: 'TS' }`). Used through `kindNumber`.
   */
  numberPrefix?: string | Readonly<Record<string, string>>;
  /**
   * How the audit log names an item, from its stored row (default: its `number`). The kernel
   * registers the audit names of every kind with a table (`work/audit-names.ts`), so a module
   * writes none of its own.
   */
  auditLabel?(row: Stored): string;
  /** How `runStep` locks, reads and writes it (lock scoped to the actor, row roles, write, timeline ...). */
  step?: SubjectKind<Row>;
  /** The item as a step sees it, from its stored row (a round adds its pending checkpoints); default the row itself. */
  stepRow?(tx: DbOrTx, stored: Stored): Promise<Row>;
  /**
   * Named hook run by the kernel before the system takes a breach step on a locked, unfinished
   * item (a patrol round first marks the checkpoints whose window closed as missed); returns the
   * item as the step should see it.
   */
  beforeBreach?(tx: DbOrTx, row: Row, now: Date): Promise<Row>;
  /**
   * The pinned standard of each of these items by id, in one read (items not found are left out):
   * lets the sweeper find which breached limits name a step without reading whole rows. Without
   * it the kernel reads the rows and asks `step.standard`.
   */
  pinnedStandards?(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, ServiceStandard>>;
  /** Warnings, breaches and escalations of its time limits are written on its timeline (staff only). */
  timerEventsOnTimeline?: boolean;
  /**
   * A timestamp column of `table` that keeps the earliest due instant of the item's running limits
   * (null when none runs), written by the timer code in the same transaction as every change to
   * them, so a list sorts by due time on an index.
   */
  nextDueColumn?: AnyPgColumn;
}

/** Types a kind object (checks `Row` across its members); register it with `registerKind`. */
export function defineKind<Row, Stored = Row>(kind: WorkKind<Row, Stored>): WorkKind<Row, Stored> {
  if (kind.step && !kind.table) throw new Error(`work kind "${kind.type}": a kind with steps names its table`);
  return kind;
}

const kinds = new Map<SubjectType, WorkKind<unknown, unknown>>();

/**
 * Registers a kind of work. Registering the same type twice replaces the entry (the app and a
 * CLI command in one process both run the registration, src/server/modules/subjects.ts).
 */
export function registerKind<Row, Stored>(kind: WorkKind<Row, Stored>): void {
  kinds.set(kind.type, kind as unknown as WorkKind<unknown, unknown>);
  const column = kind.nextDueColumn;
  if (column && kind.table) {
    const table = kind.table;
    onEarliestDueChange(kind.type, async (tx, id, earliestDue) => {
      await tx.execute(sql`update ${table} set ${sql.identifier(column.name)} = ${earliestDue} where ${table.id} = ${id}`);
    });
  }
}

/** The registered kind of a type, or undefined (a timer of an unknown subject type is only notified). */
export function findKind(type: string): WorkKind<unknown, unknown> | undefined {
  return kinds.get(type as SubjectType);
}

/** The registered kind of a type; throws when a module forgot to register it. */
export function subjectKind(type: string): WorkKind<unknown, unknown> {
  const kind = kinds.get(type as SubjectType);
  if (!kind) throw new Error(`work subject "${type}" is not registered (src/server/modules/subjects.ts)`);
  return kind;
}

/** Every registered kind (for registries built from them: audit names, search). */
export function registeredKinds(): WorkKind<unknown, unknown>[] {
  return [...kinds.values()];
}

/** The number prefix of a registered kind (of one of its services when it numbers them apart); throws when it has none. */
export function kindPrefix(type: SubjectType, service?: string): string {
  const prefixes = subjectKind(type).numberPrefix;
  const prefix = typeof prefixes === 'string' ? prefixes : service === undefined ? undefined : prefixes?.[service];
  if (!prefix) throw new Error(`work subject "${type}" has no number prefix${service === undefined ? '' : ` for "${service}"`}`);
  return prefix;
}

/**
 * The next number of a new item of a registered kind (`BX20261122-0007`): the prefix comes from
 * its kind object (`numberPrefix`, the one source), the count from the numbering service.
 */
export function kindNumber(tx: DbOrTx, type: SubjectType, request: Omit<NumberRequest, 'prefix'> & { service?: string }): Promise<string> {
  const { service, ...rest } = request;
  return nextNumber(tx, { ...rest, prefix: kindPrefix(type, service) });
}

/** Whether a type is registered (links to unknown kinds are never readable). */
export function isRegisteredSubject(type: string): type is SubjectType {
  return kinds.has(type as SubjectType);
}

/** The subject as the actor may read it, or null (unknown kind, not found, or not theirs). */
export async function readableSubject(db: DbOrTx, actor: Actor, subject: { type: string; id: string }): Promise<SubjectPlace | null> {
  if (!isRegisteredSubject(subject.type)) return null;
  return kinds.get(subject.type)!.loadForRead(db, actor, subject.id);
}
