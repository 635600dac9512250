import type { DbOrTx } from '../db/client';
import type { Actor } from '../db/scope';

/**
 * The kinds of work registered with the kernel. New kinds (inspection, rectification,
 * maintenance task ...) add their name here and register once.
 */
export const SUBJECT_TYPES = ['work_order', 'gate_pass', 'goods_slip', 'decoration', 'patrol_round', 'shift_handover', 'inspection', 'rectification'] as const;
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

/**
 * What a module registers for each kind of work. The read policy is required: attachments and
 * timelines are readable exactly when it answers. The other members are wired by the modules as
 * the kernel takes over load+lock, row roles, numbering and timers.
 */
export interface SubjectKind {
  type: SubjectType;
  /** Texts naming the kind (zh-CN, en-US), for the audit trail and the inbox. */
  label: { 'zh-CN': string; 'en-US': string };
  /**
   * The subject as `actor` may read it, or null when they may not (the same answer as "not
   * found", so a caller cannot tell which).
   */
  loadForRead(db: DbOrTx, actor: Actor, id: string): Promise<SubjectPlace | null>;
  /** Loads the subject for a step with a row lock (`for update`), scoped to the actor. */
  loadForUpdate?(tx: DbOrTx, actor: Actor, id: string): Promise<SubjectPlace | null>;
  /** The actor's roles on this row (assignee, household member, guard of the round ...). */
  rowRoles?(db: DbOrTx, actor: Actor, id: string): Promise<string[]>;
  /** Prefix of its human-readable number (e.g. `BX` for repairs). */
  numberPrefix?: string;
  /** What the sweeper calls when one of its timers fires. */
  onTimer?(tx: DbOrTx, subjectId: string, event: { limitKey: string; kind: string; at: Date }): Promise<void>;
}

const kinds = new Map<SubjectType, SubjectKind>();

/**
 * Registers a kind of work. Registering the same type twice replaces the entry (the app and a
 * CLI command in one process both run the registration).
 */
export function registerSubject(kind: SubjectKind): void {
  kinds.set(kind.type, kind);
}

/** The registered kind of a type; throws when a module forgot to register it. */
export function subjectKind(type: string): SubjectKind {
  const kind = kinds.get(type as SubjectType);
  if (!kind) throw new Error(`work subject "${type}" is not registered (src/server/modules/subjects.ts)`);
  return kind;
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
