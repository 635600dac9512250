import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ArrearsLetter, FeeReminder, ReminderSettings, reminderSettingsInputSchema } from '../../../common/fee-owner';
import type { RequestContext } from '../../auth/context';
import type { Db } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { fieldError, notFound } from '../../errors';
import { recordAudit } from '../audit';
import { communityNames, visibleCommunity } from '../registry';
import { isDebit, summarize } from './ledger';
import { feePayInfoPolicy, feeReportPolicy } from './owner-policy';
import { feeCommunitySettings, feeReminders } from './owner-tables';
import { feeAccountPolicy } from './policy';
import { allocationView, communityToday, itemsOf, ledgerOf, ledgerView, visibleAccount } from './repository';
import { feeAccounts } from './tables';

// Reminder settings of a community, the reminders sent, and the printable arrears letter.

const DEFAULTS = { remindersEnabled: false, reminderAfterDays: 30, reminderEveryDays: 30, reminderMaxPerYear: 4, reminderSms: false };

async function staffCommunity(db: Db, actor: Actor, id: string, field?: string) {
  const community = await visibleCommunity(db, actor, id, { active: false });
  if (!community) throw field ? fieldError({ [field]: { key: 'error.notFound', params: { entity: 'entity.community' } } }) : notFound('entity.community');
  feeReportPolicy.assert(actor, 'read', { organizationId: community.organizationId, communityId: community.id });
  return community;
}

function present(actor: Actor, community: { id: string; organizationId: string }, row: Partial<typeof DEFAULTS> | undefined): ReminderSettings {
  const r = { ...DEFAULTS, ...row };
  return {
    communityId: community.id,
    remindersEnabled: r.remindersEnabled,
    reminderAfterDays: r.reminderAfterDays,
    reminderEveryDays: r.reminderEveryDays,
    reminderMaxPerYear: r.reminderMaxPerYear,
    reminderSms: r.reminderSms,
    allowedActions: feePayInfoPolicy.can(actor, 'update', { organizationId: community.organizationId, communityId: community.id }) ? ['update'] : [],
  };
}

export async function readReminderSettings(db: Db, actor: Actor, communityId: string): Promise<ReminderSettings> {
  const community = await staffCommunity(db, actor, communityId);
  const [row] = await db.select().from(feeCommunitySettings).where(eq(feeCommunitySettings.communityId, community.id));
  return present(actor, community, row);
}

export async function saveReminderSettings(db: Db, ctx: RequestContext, communityId: string, input: z.output<typeof reminderSettingsInputSchema>): Promise<ReminderSettings> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, communityId, { active: false });
    if (!community) throw notFound('entity.community');
    feePayInfoPolicy.assert(ctx.actor, 'update', { organizationId: community.organizationId, communityId: community.id });
    const [before] = await tx.select().from(feeCommunitySettings).where(eq(feeCommunitySettings.communityId, community.id));
    const values = { ...input, updatedBy: ctx.actor.userId, updatedAt: new Date() };
    const [row] = await tx
      .insert(feeCommunitySettings)
      .values({ communityId: community.id, organizationId: community.organizationId, ...values })
      .onConflictDoUpdate({ target: feeCommunitySettings.communityId, set: values })
      .returning();
    const shape = (r: Partial<typeof DEFAULTS> | undefined) => {
      const v = { ...DEFAULTS, ...r };
      return { remindersEnabled: v.remindersEnabled, reminderAfterDays: v.reminderAfterDays, reminderEveryDays: v.reminderEveryDays, reminderMaxPerYear: v.reminderMaxPerYear, reminderSms: v.reminderSms };
    };
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_reminder_settings', entityId: community.id, action: 'update', before: shape(before), after: shape(row) });
    return present(ctx.actor, community, row);
  });
}

/** Reminders sent in a community, newest first (at most 200). */
export async function listReminders(db: Db, actor: Actor, communityId: string): Promise<FeeReminder[]> {
  const community = await staffCommunity(db, actor, communityId, 'communityId');
  const rows = await db
    .select({ r: feeReminders, label: feeAccounts.label, unitId: feeAccounts.unitId })
    .from(feeReminders)
    .innerJoin(feeAccounts, eq(feeAccounts.id, feeReminders.accountId))
    .where(and(eq(feeReminders.communityId, community.id)))
    .orderBy(desc(feeReminders.remindOn), desc(feeReminders.createdAt))
    .limit(200);
  return rows.map(({ r, label, unitId }) => ({ id: r.id, accountId: r.accountId, unitId, label, remindOn: r.remindOn, arrearsFen: r.arrearsFen, overdueDays: r.overdueDays, channels: r.channels }));
}

/** What a printed arrears letter of an account says: its overdue charges today and how to pay. */
export async function arrearsLetter(db: Db, actor: Actor, accountId: string): Promise<ArrearsLetter> {
  const account = await visibleAccount(db, actor, accountId);
  if (!account || !feeAccountPolicy.can(actor, 'pay', account)) throw notFound('entity.feeAccount');
  const today = await communityToday(db, account.communityId);
  const ledger = await ledgerOf(db, account.id);
  const s = summarize(ledger.entries.map(ledgerView), ledger.allocations.map(allocationView), today);
  const items = new Map((await itemsOf(db, account.communityId)).map((i) => [i.item.id, i.item.name]));
  const [settings] = await db.select().from(feeCommunitySettings).where(eq(feeCommunitySettings.communityId, account.communityId));
  return {
    accountId: account.id,
    communityName: (await communityNames(db, [account.communityId])).get(account.communityId)?.name ?? '',
    label: account.label,
    date: today,
    arrearsFen: s.arrearsFen,
    lines: ledger.entries
      .filter((e) => isDebit(e) && e.dueOn <= today && (s.open.get(e.id) ?? 0) > 0)
      .map((e) => ({ itemName: e.itemId ? (items.get(e.itemId) ?? null) : null, kind: e.kind, periodStart: e.periodStart, periodEnd: e.periodEnd, dueOn: e.dueOn, openFen: s.open.get(e.id) ?? 0 })),
    payInfo: { bankName: settings?.bankName ?? '', accountName: settings?.accountName ?? '', accountNo: settings?.accountNo ?? '', referenceHint: settings?.referenceHint ?? '', payNote: settings?.payNote ?? '' },
  };
}
