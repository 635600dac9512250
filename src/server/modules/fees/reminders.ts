import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { activeAccountsOfResidents } from '../../auth/accounts';
import type { Db, DbOrTx } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { t } from '../../i18n/messages';
import { every } from '../../jobs/every';
import { notifyUsers } from '../notifications';
import { queueOutbound } from '../outbound';
import { communityNames, ownersOfUnits } from '../registry';
import { daysBetween, isDebit, summarize } from './ledger';
import { feeCommunitySettings, feeReminders } from './owner-tables';
import { allocationView, communityToday, ledgerView } from './repository';
import { feeAccounts, feeAllocations, feeEntries } from './tables';

/*
 * Arrears reminders, lawfully (docs/fees.md, "Arrears: no coercion"): once a day, for each
 * community that turned them on, every unit account whose oldest unpaid charge is overdue by the
 * configured days gets a reminder — a notice in the owners' portal inbox and, if the community
 * chose it, a text message through the outbox — unless it was reminded within the cadence or
 * has reached the yearly cap. A reminder is one row per account and day (unique), so the job run
 * twice on a day, or by two processes, reminds once. Nothing here restricts any service.
 */

const DAY_MS = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Reminds the accounts of one community that are due a reminder today. Returns how many were reminded. */
export async function remindCommunity(db: Db, communityId: string, now = new Date()): Promise<number> {
  const [settings] = await db.select().from(feeCommunitySettings).where(eq(feeCommunitySettings.communityId, communityId));
  if (!settings?.remindersEnabled) return 0;
  const today = await communityToday(db, communityId, now);
  const accounts = await db.select().from(feeAccounts).where(and(eq(feeAccounts.communityId, communityId), eq(feeAccounts.kind, 'unit')));
  // Accounts reminded within the cadence need no look at their ledger today.
  const recent = await db
    .select({ accountId: feeReminders.accountId })
    .from(feeReminders)
    .where(and(eq(feeReminders.communityId, communityId), gt(feeReminders.remindOn, shift(today, -settings.reminderEveryDays))));
  const skip = new Set(recent.map((r) => r.accountId));
  let reminded = 0;
  for (const account of accounts.filter((a) => !skip.has(a.id))) {
    const done = await inTransaction(db, async (tx) => {
      // Serialize with payments on the account, so a reminder never names an amount just paid.
      await tx.select({ id: feeAccounts.id }).from(feeAccounts).where(eq(feeAccounts.id, account.id)).for('update');
      const entries = await tx.select().from(feeEntries).where(eq(feeEntries.accountId, account.id)).orderBy(asc(feeEntries.seq));
      const allocations = await tx.select().from(feeAllocations).where(eq(feeAllocations.accountId, account.id));
      const s = summarize(entries.map(ledgerView), allocations.map(allocationView), today);
      if (s.arrearsFen <= 0) return false;
      const oldestDue = entries.filter((e) => isDebit(e) && (s.open.get(e.id) ?? 0) > 0 && e.dueOn <= today).reduce((m, e) => (e.dueOn < m ? e.dueOn : m), today);
      const overdueDays = daysBetween(oldestDue, today);
      if (overdueDays < settings.reminderAfterDays) return false;
      const [last] = await tx.select({ on: max(feeReminders.remindOn) }).from(feeReminders).where(eq(feeReminders.accountId, account.id));
      if (last?.on && daysBetween(last.on, today) < settings.reminderEveryDays) return false;
      const [year] = await tx.select({ n: count() }).from(feeReminders).where(and(eq(feeReminders.accountId, account.id), gt(feeReminders.remindOn, shift(today, -365))));
      if ((year?.n ?? 0) >= settings.reminderMaxPerYear) return false;
      const owners = account.unitId ? await ownersOfUnits(tx, [account.unitId]) : [];
      const channels = ['portal', ...(settings.reminderSms && owners.some((o) => o.phone) ? ['sms'] : [])];
      const [row] = await tx
        .insert(feeReminders)
        .values({ organizationId: account.organizationId, communityId, accountId: account.id, remindOn: today, arrearsFen: s.arrearsFen, overdueDays, channels })
        .onConflictDoNothing()
        .returning({ id: feeReminders.id });
      if (!row) return false;
      const community = (await communityNames(tx, [communityId])).get(communityId)?.name ?? '';
      const params = { community, unit: account.label, amount: (s.arrearsFen / 100).toFixed(2) };
      const residentIds = owners.map((o) => o.residentId);
      await notifyUsers(tx, await activeAccountsOfResidents(tx, residentIds), {
        organizationId: account.organizationId,
        communityId,
        kind: 'fee_arrears',
        messageKey: 'notify.feeArrears',
        params,
        entityType: 'fee_account',
        entityId: account.id,
        dedupeKey: `fee-reminder:${account.id}:${today}`,
      });
      if (channels.includes('sms'))
        for (const phone of new Set(owners.map((o) => o.phone).filter((p): p is string => !!p)))
          await queueOutbound(tx, {
            organizationId: account.organizationId,
            communityId,
            channel: 'sms',
            to: phone,
            subject: t('zh-CN', 'sms.feeArrearsSubject', params),
            body: t('zh-CN', 'sms.feeArrears', params),
            entityType: 'fee_account',
            entityId: account.id,
          });
      return true;
    });
    if (done) reminded += 1;
  }
  return reminded;
}

/** Runs the reminders of every community that turned them on. */
export async function runFeeReminders(db: DbOrTx & Db, now = new Date()): Promise<number> {
  const communities = await db.select({ id: feeCommunitySettings.communityId }).from(feeCommunitySettings).where(eq(feeCommunitySettings.remindersEnabled, true));
  let n = 0;
  for (const c of communities) n += await remindCommunity(db, c.id, now);
  return n;
}

/** Hourly is enough: a reminder is at most one per account and day, in the community's zone. */
export function startFeeReminderJob(db: Db, log: FastifyBaseLogger, seconds = 3600): () => Promise<void> {
  return every(seconds, async () => {
    try {
      const n = await runFeeReminders(db);
      if (n) log.info({ reminded: n }, 'fee arrears reminders sent');
    } catch (err) {
      log.error({ err }, 'fee arrears reminders failed');
    }
  });
}
