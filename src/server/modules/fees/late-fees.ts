import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { LateFeeRule, lateFeeRuleInputSchema, LateFeeSettings, OwnerLateFee } from '../../../common/fee-late';
import type { RequestContext } from '../../auth/context';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { fieldError, notFound, type FieldProblem } from '../../errors';
import { activeAccountsOfResidents } from '../../auth/accounts';
import { every } from '../../jobs/every';
import { localDateIn } from '../../work/numbering';
import { recordAudit } from '../audit';
import { notifyUsers } from '../notifications';
import { communityById, ownersOfUnits, visibleCommunity } from '../registry';
import { appendEntries, settleAccount } from './commands/ledger-write';
import { accrueThrough, addDays, chargeBasis, type PaidEvent, type RuleLike } from './late-fee-calc';
import { feeLateFeeAccruals, feeLateFeeRules } from './late-fee-tables';
import { feeSetupPolicy } from './policy';
import { closedThrough, ledgerOf, type AccountRow, type AllocationRow, type EntryRow } from './repository';
import { feeAccounts, feeEntries, feeItems } from './tables';

/*
 * Late fees (docs/fees.md, "Late fees"): rule versions per community and item, and the daily job
 * that posts them to the ledger. The job computes each overdue charge's late fee through yesterday
 * from the ledger (what was unpaid at the end of each day) and posts what is new as a `late_fee`
 * entry dated today — at a month's end, and when the charge stops accruing (paid, capped or the
 * rule turned off) — so a charge gets at most about one entry a month. What was posted counts
 * whether or not it was waived since: a waived late fee is never posted again.
 */

type RuleRow = typeof feeLateFeeRules.$inferSelect;
type RuleInput = z.output<typeof lateFeeRuleInputSchema>;

const ruleView = (r: RuleRow): RuleLike => ({
  id: r.id,
  seq: r.seq,
  itemId: r.itemId,
  effectiveFrom: r.effectiveFrom,
  mode: r.mode,
  dailyRatePer100k: r.dailyRatePer100k,
  fixedFen: r.fixedFen,
  periodDays: r.periodDays,
  graceDays: r.graceDays,
  capPercent: r.capPercent,
  capFen: r.capFen,
});

async function rulesOf(db: DbOrTx, communityId: string): Promise<RuleRow[]> {
  return db.select().from(feeLateFeeRules).where(eq(feeLateFeeRules.communityId, communityId)).orderBy(asc(feeLateFeeRules.seq));
}

function presentRule(r: RuleRow, itemNames: ReadonlyMap<string, string>): LateFeeRule {
  return {
    id: r.id,
    communityId: r.communityId,
    itemId: r.itemId,
    itemName: r.itemId ? (itemNames.get(r.itemId) ?? null) : null,
    effectiveFrom: r.effectiveFrom,
    mode: r.mode,
    dailyRatePermille: r.dailyRatePer100k === null ? null : r.dailyRatePer100k / 100,
    fixedFen: r.fixedFen,
    periodDays: r.periodDays,
    graceDays: r.graceDays,
    capPercent: r.capPercent,
    capFen: r.capFen,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
  };
}

async function itemNamesOf(db: DbOrTx, communityId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: feeItems.id, name: feeItems.name }).from(feeItems).where(eq(feeItems.communityId, communityId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function staffCommunity(db: DbOrTx, actor: Actor, id: string) {
  const community = await visibleCommunity(db, actor, id, { active: false });
  if (!community) throw notFound('entity.community');
  feeSetupPolicy.assert(actor, 'read', { organizationId: community.organizationId, communityId: community.id });
  return community;
}

async function settingsOf(db: DbOrTx, actor: Actor, community: { id: string; organizationId: string; timeZone: string }): Promise<LateFeeSettings> {
  const today = localDateIn(community.timeZone, new Date());
  const rows = await rulesOf(db, community.id);
  const names = await itemNamesOf(db, community.id);
  const inForce = rows
    .filter((r) => r.itemId === null && r.effectiveFrom <= today)
    .reduce<RuleRow | null>((best, r) => (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.seq > best.seq) ? r : best), null);
  return {
    communityId: community.id,
    today,
    inForce: inForce ? presentRule(inForce, names) : null,
    rules: [...rows].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.seq - a.seq).map((r) => presentRule(r, names)),
    allowedActions: feeSetupPolicy.can(actor, 'manage', { organizationId: community.organizationId, communityId: community.id }) ? ['update'] : [],
  };
}

/** The late-fee rules of a community (the desk and managers read them). */
export async function readLateFeeSettings(db: Db, actor: Actor, communityId: string): Promise<LateFeeSettings> {
  return settingsOf(db, actor, await staffCommunity(db, actor, communityId));
}

/**
 * Adds a rule version (managers; audited). It applies from its date, today or later: charges that
 * fell due before keep their basis. Unless `off`, a rule needs its rate or amount, a grace period
 * and at least one cap.
 */
export async function addLateFeeRule(db: Db, ctx: RequestContext, communityId: string, input: RuleInput): Promise<LateFeeSettings> {
  return inTransaction(db, async (tx) => {
    const community = await staffCommunity(tx, ctx.actor, communityId);
    feeSetupPolicy.assert(ctx.actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    const today = localDateIn(community.timeZone, new Date());
    const problems: Record<string, FieldProblem> = {};
    if (input.effectiveFrom < today) problems.effectiveFrom = { key: 'field.lateFeeFromToday', params: { today } };
    if (input.itemId) {
      const [item] = await tx.select({ id: feeItems.id }).from(feeItems).where(and(eq(feeItems.id, input.itemId), eq(feeItems.communityId, community.id)));
      if (!item) problems.itemId = { key: 'error.notFound', params: { entity: 'entity.feeItem' } };
    }
    const on = input.mode !== 'off';
    if (input.mode === 'daily_rate') {
      if (input.dailyRatePermille === undefined) problems.dailyRatePermille = { key: 'field.lateFeeRateRequired' };
      else if (Math.abs(input.dailyRatePermille * 100 - Math.round(input.dailyRatePermille * 100)) > 1e-9) problems.dailyRatePermille = { key: 'field.lateFeeRateDecimals' };
    }
    if (input.mode === 'fixed') {
      if (input.fixedFen === undefined) problems.fixedFen = { key: 'field.lateFeeFixedRequired' };
      if (input.periodDays === undefined) problems.periodDays = { key: 'field.lateFeePeriodRequired' };
    }
    if (on && input.graceDays === undefined) problems.graceDays = { key: 'field.lateFeeGraceRequired' };
    if (on && input.capPercent === undefined && input.capFen === undefined) problems.capPercent = { key: 'field.lateFeeCapRequired' };
    if (Object.keys(problems).length) throw fieldError(problems);
    const [row] = await tx
      .insert(feeLateFeeRules)
      .values({
        organizationId: community.organizationId,
        communityId: community.id,
        itemId: input.itemId,
        effectiveFrom: input.effectiveFrom,
        mode: input.mode,
        dailyRatePer100k: input.mode === 'daily_rate' ? Math.round(input.dailyRatePermille! * 100) : null,
        fixedFen: input.mode === 'fixed' ? input.fixedFen! : null,
        periodDays: input.mode === 'fixed' ? input.periodDays! : null,
        graceDays: on ? input.graceDays! : null,
        capPercent: on ? (input.capPercent ?? null) : null,
        capFen: on ? (input.capFen ?? null) : null,
        createdBy: ctx.actor.userId,
        createdByName: ctx.actor.displayName,
      })
      .returning();
    const names = await itemNamesOf(tx, community.id);
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_late_fee_rule', entityId: row!.id, action: 'create', after: { ...presentRule(row!, names), createdAt: undefined } });
    return settingsOf(tx, ctx.actor, community);
  });
}

/** Local day of an instant in a zone. */
const dayIn = (timeZone: string, at: Date) => localDateIn(timeZone, at);

/** What was paid (or released) of each debit, by local day. */
function paidByDebit(allocations: readonly AllocationRow[], timeZone: string): Map<string, PaidEvent[]> {
  const out = new Map<string, PaidEvent[]>();
  for (const a of allocations) {
    const list = out.get(a.debitId) ?? [];
    list.push({ on: dayIn(timeZone, a.createdAt), amountFen: a.amountFen });
    out.set(a.debitId, list);
  }
  return out;
}

/** The community an accrual runs in: its zone for days, its name for the owners' notice. */
interface Place {
  timeZone: string;
  name: string;
}

const isMonthEnd = (day: string) => addDays(day, 1).slice(8) === '01';

/**
 * Posts the late fees of one account due through yesterday (the caller holds the account's lock),
 * or with `write` false only counts what it would post. Returns how many late-fee entries.
 */
async function accrueAccount(tx: DbOrTx, account: AccountRow, rules: readonly RuleLike[], place: Place, today: string, write = true): Promise<number> {
  const { timeZone } = place;
  const through = addDays(today, -1);
  const { entries, allocations } = await ledgerOf(tx, account.id);
  const paid = paidByDebit(allocations, timeZone);
  const charges = entries.filter((e) => e.kind === 'charge' && e.amountFen > 0);
  if (!charges.length) return 0;
  const posted = await tx
    .select({ chargeId: feeLateFeeAccruals.chargeId, total: sql<string>`sum(${feeLateFeeAccruals.amountFen})`, last: sql<string>`max(${feeLateFeeAccruals.throughDay})` })
    .from(feeLateFeeAccruals)
    .where(eq(feeLateFeeAccruals.accountId, account.id))
    .groupBy(feeLateFeeAccruals.chargeId);
  const postedBy = new Map(posted.map((p) => [p.chargeId, { total: Number(p.total), last: p.last }]));
  let n = 0;
  let postedFen = 0;
  for (const charge of charges) {
    const found = chargeBasis(rules, { itemId: charge.itemId, amountFen: charge.amountFen, dueOn: charge.dueOn, billedOn: dayIn(timeZone, charge.createdAt) });
    if (!found || found.basis.startsOn > through) continue;
    const events = paid.get(charge.id) ?? [];
    const accrual = accrueThrough(found.basis, found.stopsOn, charge.amountFen, events, through);
    const before = postedBy.get(charge.id) ?? { total: 0, last: null };
    const fresh = accrual.totalFen - before.total;
    if (fresh <= 0 || !accrual.lastDay) continue;
    // Post at a month's end, or once the charge stops accruing (paid, capped, rule off).
    const unpaid = charge.amountFen - events.filter((e) => e.on <= through).reduce((s, e) => s + e.amountFen, 0);
    const ended = unpaid <= 0 || accrual.capped || accrual.lastDay < through;
    if (!isMonthEnd(through) && !ended) continue;
    if (!write) {
      n += 1;
      continue;
    }
    const entryId = randomUUID();
    const fromDay = before.last ? addDays(before.last, 1) : found.basis.startsOn;
    const [claimed] = await tx
      .insert(feeLateFeeAccruals)
      .values({
        organizationId: account.organizationId,
        communityId: account.communityId,
        accountId: account.id,
        chargeId: charge.id,
        entryId,
        accruedOn: today,
        fromDay: fromDay > accrual.lastDay ? accrual.lastDay : fromDay,
        throughDay: accrual.lastDay,
        amountFen: fresh,
        totalFen: accrual.totalFen,
        basis: found.basis,
      })
      .onConflictDoNothing()
      .returning({ id: feeLateFeeAccruals.id });
    if (!claimed) continue;
    await appendEntries(tx, account, [{ id: entryId, kind: 'late_fee', amountFen: fresh, entryDate: today, dueOn: today, memo: null, createdBy: null }]);
    n += 1;
    postedFen += fresh;
  }
  if (n && write) {
    await settleAccount(tx, account);
    await tellOwners(tx, account, place.name, postedFen, today);
  }
  return n;
}

/** A notice in the owners' portal inbox that late fees were posted to their bill (once per account and day). */
async function tellOwners(tx: DbOrTx, account: AccountRow, community: string, amountFen: number, today: string): Promise<void> {
  if (!account.unitId) return;
  const owners = await ownersOfUnits(tx, [account.unitId]);
  const users = await activeAccountsOfResidents(tx, owners.map((o) => o.residentId));
  if (!users.length) return;
  await notifyUsers(tx, users, {
    organizationId: account.organizationId,
    communityId: account.communityId,
    kind: 'fee_late_fee',
    messageKey: 'notify.feeLateFee',
    params: { community, unit: account.label, amount: (amountFen / 100).toFixed(2) },
    entityType: 'fee_account',
    entityId: account.id,
    dedupeKey: `fee-late-fee:${account.id}:${today}`,
  });
}

/**
 * Posts the late fees of one community due today (in its time zone). Idempotent: the same day
 * again posts nothing. Skipped while today lies in a closed period.
 */
export async function accrueLateFees(db: Db, communityId: string, now = new Date(), doneOn?: Map<string, string>): Promise<number> {
  const community = await communityById(db, communityId);
  const timeZone = community?.timeZone ?? 'Asia/Shanghai';
  const place: Place = { timeZone, name: community?.name ?? '' };
  const today = dayIn(timeZone, now);
  // What accrued through yesterday cannot change later the same day: one full run a day is enough.
  if (doneOn?.get(communityId) === today) return 0;
  const rows = await rulesOf(db, communityId);
  if (!rows.some((r) => r.mode !== 'off')) return 0;
  const closed = await closedThrough(db, communityId);
  if (closed && today <= closed) return 0;
  const rules = rows.map(ruleView);
  // Accounts with a charge that could have started accruing by yesterday.
  const candidates = await db
    .selectDistinct({ id: feeEntries.accountId })
    .from(feeEntries)
    .where(and(eq(feeEntries.communityId, communityId), eq(feeEntries.kind, 'charge'), sql`${feeEntries.dueOn} < ${addDays(today, -1)}`));
  let n = 0;
  for (const { id } of candidates) {
    // A look without a lock first: most accounts have nothing to post on most days.
    const [unlocked] = await db.select().from(feeAccounts).where(eq(feeAccounts.id, id));
    if (!unlocked || !(await accrueAccount(db, unlocked, rules, place, today, false))) continue;
    n += await inTransaction(db, async (tx) => {
      const [account] = await tx.select().from(feeAccounts).where(eq(feeAccounts.id, id)).for('update');
      return account ? accrueAccount(tx, account, rules, place, today) : 0;
    });
  }
  doneOn?.set(communityId, today);
  return n;
}

/** Posts the late fees of every community that has a late-fee rule. */
export async function runLateFees(db: Db, now = new Date(), doneOn?: Map<string, string>): Promise<number> {
  const communities = await db.selectDistinct({ id: feeLateFeeRules.communityId }).from(feeLateFeeRules);
  let n = 0;
  for (const c of communities) n += await accrueLateFees(db, c.id, now, doneOn);
  return n;
}

/**
 * Hourly, so a new day is picked up soon after midnight in each community's zone; a community
 * already run through today is skipped (its accruals through yesterday cannot change).
 */
export function startLateFeeJob(db: Db, log: FastifyBaseLogger, seconds = 3600): () => Promise<void> {
  const doneOn = new Map<string, string>();
  return every(seconds, async () => {
    try {
      const n = await runLateFees(db, new Date(), doneOn);
      if (n) log.info({ posted: n }, 'late fees posted');
    } catch (err) {
      log.error({ err }, 'late fees failed');
    }
  });
}

/** Every late fee of an account with its basis and the charge it belongs to (for the owner's bills). */
export async function lateFeesOfAccount(
  db: DbOrTx,
  account: AccountRow,
  entries: readonly EntryRow[],
  open: ReadonlyMap<string, number>,
  itemNames: ReadonlyMap<string, string>,
): Promise<OwnerLateFee[]> {
  const rows = await db.select().from(feeLateFeeAccruals).where(eq(feeLateFeeAccruals.accountId, account.id)).orderBy(desc(feeLateFeeAccruals.accruedOn));
  if (!rows.length) return [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reversed = new Set(entries.filter((e) => e.reversesId).map((e) => e.reversesId!));
  const out: OwnerLateFee[] = [];
  for (const r of rows) {
    const entry = byId.get(r.entryId);
    const charge = byId.get(r.chargeId);
    if (!entry || !charge) continue;
    out.push({
      entryId: entry.id,
      entryDate: entry.entryDate,
      amountFen: entry.amountFen,
      openFen: open.get(entry.id) ?? 0,
      waived: reversed.has(entry.id),
      fromDay: r.fromDay,
      throughDay: r.throughDay,
      charge: { entryId: charge.id, itemName: charge.itemId ? (itemNames.get(charge.itemId) ?? null) : null, periodStart: charge.periodStart, periodEnd: charge.periodEnd, dueOn: charge.dueOn, amountFen: charge.amountFen },
      basis: r.basis,
    });
  }
  return out;
}
