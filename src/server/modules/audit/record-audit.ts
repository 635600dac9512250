import type { DbOrTx } from '../../db/client';
import type { RequestContext } from '../../auth/context';
import { isSystemActor } from '../../auth/context';
import { auditLog, type AuditSummary } from './tables';

// Never copied into the audit log.
const SECRET_KEYS = new Set(['passwordHash', 'password', 'csrfToken', 'token']);

export interface AuditEntry {
  organizationId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Reduces a before/after pair to the fields that changed (all fields for create/delete),
 * without secrets, so the log stays small and safe to show to admins.
 */
export function summarizeChange(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): AuditSummary {
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !SECRET_KEYS.has(k)).map(([k, v]) => [k, normalize(v)]));
  if (!before) return after ? { after: clean(after) } : {};
  if (!after) return { before: clean(before) };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (SECRET_KEYS.has(key) || key === 'updatedAt') continue;
    const bv = normalize(before[key]);
    const av = normalize(after[key]);
    if (JSON.stringify(bv) !== JSON.stringify(av)) {
      b[key] = bv;
      a[key] = av;
    }
  }
  return { before: b, after: a };
}

function normalize(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : (v ?? null);
}

/** Appends one audit record inside the caller's transaction. */
export async function recordAudit(tx: DbOrTx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const system = isSystemActor(ctx.actor);
  await tx.insert(auditLog).values({
    organizationId: entry.organizationId,
    actorUserId: system ? null : ctx.actor.userId,
    actorName: ctx.actor.displayName,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    summary: summarizeChange(entry.before, entry.after),
    ip: ctx.ip,
  });
}
