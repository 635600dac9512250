import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Disclosure, DisclosurePeriod, disclosureInputSchema } from '../../../common/fee-owner';
import type { RequestContext } from '../../auth/context';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { fieldError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { communityNames, visibleCommunity } from '../registry';
import { ledgerFigures } from './figures';
import { feeDisclosurePolicy } from './owner-policy';
import { communityToday } from './repository';
import { feeDisclosures } from './owner-tables';

/*
 * Public disclosure of a community's fees (Civil Code arts. 282 and 943; docs/fees.md): per month,
 * quarter or year, the fee income derived from the ledger, the spending by category and the
 * shared parts' income and costs the manager enters, and the collection rate. Publishing writes a
 * version once; the row is never changed (a trigger refuses it) and a correction is the next
 * version, with its reason.
 */

type DisclosureRow = typeof feeDisclosures.$inferSelect;

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day of a period written `2026-03`, `2026-Q2` or `2026`; null when the text does not match the kind. */
export function periodRange(kind: DisclosurePeriod, period: string): { start: string; end: string } | null {
  const y = Number(period.slice(0, 4));
  if (kind === 'year') return /^\d{4}$/.test(period) ? { start: `${y}-01-01`, end: `${y}-12-31` } : null;
  if (kind === 'quarter') {
    const m = /^\d{4}-Q([1-4])$/.exec(period);
    if (!m) return null;
    const first = (Number(m[1]) - 1) * 3 + 1;
    return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (!m) return null;
  const month = Number(m[1]);
  return { start: `${y}-${pad(month)}-01`, end: `${y}-${pad(month)}-${lastDay(y, month)}` };
}

/** `2026-Q2` from a stored row. */
export function periodLabel(kind: DisclosurePeriod, start: string): string {
  if (kind === 'year') return start.slice(0, 4);
  if (kind === 'quarter') return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
  return start.slice(0, 7);
}

async function readable(db: DbOrTx, actor: Actor, communityId: string, field = 'communityId') {
  const community = await visibleCommunity(db, actor, communityId, { active: false });
  if (!community) throw fieldError({ [field]: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  feeDisclosurePolicy.assert(actor, 'read', { organizationId: community.organizationId, communityId: community.id });
  return community;
}

/** The period's dates, or a field error on `period`. */
function rangeOrError(kind: DisclosurePeriod, period: string) {
  const range = periodRange(kind, period);
  if (!range) throw fieldError({ period: { key: 'field.disclosurePeriod' } });
  return range;
}

/** What a version published now would show from the ledger (nothing is written). */
export async function previewDisclosure(db: Db, actor: Actor, q: { communityId: string; periodKind: DisclosurePeriod; period: string }) {
  const community = await readable(db, actor, q.communityId);
  feeDisclosurePolicy.assert(actor, 'publish', { organizationId: community.organizationId, communityId: community.id });
  const range = rangeOrError(q.periodKind, q.period);
  const versions = await lastVersion(db, community.id, q.periodKind, range.start);
  return { periodStart: range.start, periodEnd: range.end, figures: await ledgerFigures(db, community.id, range.start, range.end), publishedVersions: versions };
}

async function lastVersion(db: DbOrTx, communityId: string, kind: DisclosurePeriod, start: string): Promise<number> {
  const [row] = await db
    .select({ v: max(feeDisclosures.version) })
    .from(feeDisclosures)
    .where(and(eq(feeDisclosures.communityId, communityId), eq(feeDisclosures.periodKind, kind), eq(feeDisclosures.periodStart, start)));
  return row?.v ?? 0;
}

/**
 * Publishes the next version of a period's disclosure: the ledger figures as of now and the
 * manager's lines, dated today in the community's zone. A period that has ended only (a report of
 * a month still running would change under the owners' eyes); a second version needs its reason.
 */
export async function publishDisclosure(db: Db, ctx: RequestContext, input: z.output<typeof disclosureInputSchema>): Promise<DisclosureRow> {
  return inTransaction(db, async (tx) => {
    const community = await readable(tx, ctx.actor, input.communityId);
    feeDisclosurePolicy.assert(ctx.actor, 'publish', { organizationId: community.organizationId, communityId: community.id });
    const range = rangeOrError(input.periodKind, input.period);
    const today = await communityToday(tx, community.id);
    if (range.end >= today) throw fieldError({ period: { key: 'field.disclosureNotEnded', params: { date: range.end } } });
    // One publisher of a period at a time: the version number is read and written under the lock.
    await tx.execute(lockOf(community.id, input.periodKind, range.start));
    const previous = await lastVersion(tx, community.id, input.periodKind, range.start);
    const reason = input.correctionReason?.trim() || null;
    if (previous > 0 && !reason) throw fieldError({ correctionReason: { key: 'field.correctionReasonRequired', params: { version: previous } } });
    if (previous === 0 && reason) throw fieldError({ correctionReason: { key: 'field.correctionReasonFirst' } });
    const sum = (kind: string) => input.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0);
    const bad = input.lines.findIndex((l) => (l.kind === 'spending') !== SPENDING.has(l.category));
    if (bad >= 0) throw fieldError({ [`lines.${bad}.category`]: { key: 'field.disclosureCategory' } });
    const [row] = await tx
      .insert(feeDisclosures)
      .values({
        organizationId: community.organizationId,
        communityId: community.id,
        periodKind: input.periodKind,
        periodStart: range.start,
        periodEnd: range.end,
        version: previous + 1,
        figures: await ledgerFigures(tx, community.id, range.start, range.end),
        lines: input.lines,
        spendingFen: sum('spending'),
        sharedIncomeFen: sum('shared_income'),
        sharedCostFen: sum('shared_cost'),
        note: input.note,
        correctionReason: reason,
        publishedOn: today,
        publishedBy: ctx.actor.userId,
        publishedByName: ctx.actor.displayName,
      })
      .returning();
    await recordAudit(tx, ctx, {
      organizationId: community.organizationId,
      entityType: 'fee_disclosure',
      entityId: row!.id,
      action: 'publish',
      after: { period: input.period, periodKind: input.periodKind, version: row!.version, ...(reason ? { correctionReason: reason } : {}) },
    });
    return row!;
  });
}

const SPENDING = new Set<string>(['staff', 'cleaning', 'greening', 'security', 'maintenance', 'utilities', 'insurance', 'admin', 'other']);
const lockOf = (communityId: string, kind: string, start: string) => sqlLock(`fee-disclosure:${communityId}:${kind}:${start}`);
const sqlLock = (key: string) => sql`select pg_advisory_xact_lock(hashtext(${key}))`;

/** Published versions of a community, newest period first (every version, each marked latest or not). */
export async function listDisclosures(db: Db, actor: Actor, q: { communityId: string; periodKind?: DisclosurePeriod }): Promise<Disclosure[]> {
  const community = await readable(db, actor, q.communityId);
  const rows = await db
    .select()
    .from(feeDisclosures)
    .where(and(eq(feeDisclosures.communityId, community.id), q.periodKind ? eq(feeDisclosures.periodKind, q.periodKind) : undefined))
    .orderBy(desc(feeDisclosures.periodStart), asc(feeDisclosures.periodKind), desc(feeDisclosures.version));
  return presentDisclosures(db, rows);
}

/** One version, if the actor may read its community (404 otherwise). */
export async function disclosureById(db: Db, actor: Actor, id: string): Promise<Disclosure> {
  const [row] = await db.select().from(feeDisclosures).where(eq(feeDisclosures.id, id));
  const community = row ? await visibleCommunity(db, actor, row.communityId, { active: false }) : null;
  if (!row || !community || !feeDisclosurePolicy.can(actor, 'read', row)) throw notFound('entity.feeDisclosure');
  const newer = await lastVersion(db, row.communityId, row.periodKind, row.periodStart);
  return (await presentDisclosures(db, [row], newer))[0]!;
}

async function presentDisclosures(db: DbOrTx, rows: DisclosureRow[], latestOfOne?: number): Promise<Disclosure[]> {
  const names = await communityNames(db, [...new Set(rows.map((r) => r.communityId))]);
  const latest = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.periodKind}|${r.periodStart}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, r.version));
  }
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    communityName: names.get(r.communityId)?.name ?? '',
    periodKind: r.periodKind,
    period: periodLabel(r.periodKind, r.periodStart),
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    version: r.version,
    latest: r.version === (latestOfOne ?? latest.get(`${r.periodKind}|${r.periodStart}`)),
    figures: r.figures,
    lines: r.lines,
    spendingFen: r.spendingFen,
    sharedIncomeFen: r.sharedIncomeFen,
    sharedCostFen: r.sharedCostFen,
    sharedNetFen: r.sharedIncomeFen - r.sharedCostFen,
    note: r.note,
    correctionReason: r.correctionReason,
    publishedOn: r.publishedOn,
    publishedByName: r.publishedByName,
  }));
}
