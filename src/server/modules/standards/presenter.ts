import type { z } from 'zod';
import type { Actor } from '../../db/scope';
import { effectiveTimeLimits, SERVICE_LEVELS } from '../../standards/definition';
import { standardsPolicy } from './policy';
import type { StandardVersionRow } from './repository';
import type { standardVersionSchema, versionSummarySchema } from './schemas';

/** Version row -> summary (no definition). */
export function presentVersionSummary(row: StandardVersionRow): z.infer<typeof versionSummarySchema> {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    scope: row.scope,
    communityId: row.communityId,
    authorName: row.authorName,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Version row -> full version with the limits per level and the caller's actions. */
export function presentVersion(
  row: StandardVersionRow,
  actor: Actor,
  target: { organizationId: string; communityId: string | null },
): z.infer<typeof standardVersionSchema> {
  return {
    ...presentVersionSummary(row),
    definition: row.definition,
    limitsByLevel: SERVICE_LEVELS.map((level) => ({
      level,
      limits: effectiveTimeLimits(row.definition, level).map((l) => ({
        key: l.key,
        name: l.name,
        duration: l.duration,
        calendar: l.calendar,
        warnAtShare: l.warnAtShare,
        ...(l.appliesWhen ? { appliesWhen: l.appliesWhen } : {}),
      })),
    })),
    allowedActions: standardsPolicy.allowedActions(actor, target),
  };
}

/** Paths at which two JSON values differ (arrays of keyed items are matched by key). */
export function diffDefinitions(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown }[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const keyed = (v: unknown): v is { key: string }[] =>
    Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof (x as { key?: unknown }).key === 'string');
  if (keyed(a) && keyed(b)) {
    const keys = [...new Set([...a.map((x) => x.key), ...b.map((x) => x.key)])];
    return keys.flatMap((k) =>
      diffDefinitions(a.find((x) => x.key === k), b.find((x) => x.key === k), path ? `${path}[${k}]` : `[${k}]`),
    );
  }
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffDefinitions(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path, a: a ?? null, b: b ?? null }];
}
