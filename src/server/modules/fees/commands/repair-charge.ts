import { and, eq, isNull } from 'drizzle-orm';
import { isSystemActor, type RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { recordAudit } from '../../audit';
import { activeUnitPlace } from '../../registry';
import { communityToday, type EntryRow } from '../repository';
import { feeAccounts, feeEntries, feeItems } from '../tables';
import { appendEntries, assertOpenDate, settleAccount } from './ledger-write';

/** A paid repair's agreed price, handed to the ledger by the work-orders module when the work is done. */
export interface RepairCharge {
  organizationId: string;
  communityId: string;
  unitId: string;
  workOrderId: string;
  /** The work order's number, kept in the charge's memo so the desk can name it. */
  number: string;
  amountFen: number;
}

/**
 * Posts a paid repair's charge on the unit's account, inside the caller's transaction (the step
 * that finished the work): a `charge` of the agreed quote, dated and due today, on the
 * community's fee item for paid repairs (`purpose: paid_repair`; without one, a charge without
 * an item). A work order is charged once (unique `work_order_id` among charges): finishing the
 * work again after the owner sent it back posts nothing. Prepaid credit settles it at once.
 * Returns the charge, or null when nothing was posted.
 */
export async function chargeRepair(tx: DbOrTx, ctx: RequestContext, charge: RepairCharge): Promise<EntryRow | null> {
  if (charge.amountFen <= 0) return null;
  const place = await activeUnitPlace(tx, charge.organizationId, charge.unitId);
  if (!place || place.communityId !== charge.communityId) return null;
  await tx
    .insert(feeAccounts)
    .values({ organizationId: place.organizationId, communityId: place.communityId, kind: 'unit', unitId: charge.unitId, label: `${place.building} ${place.number}` })
    .onConflictDoNothing();
  // The account's lock serializes this with the desk's payments on the same home.
  const [account] = await tx.select().from(feeAccounts).where(and(eq(feeAccounts.kind, 'unit'), eq(feeAccounts.unitId, charge.unitId))).for('update');
  if (!account) return null;
  const [already] = await tx.select({ id: feeEntries.id }).from(feeEntries).where(and(eq(feeEntries.workOrderId, charge.workOrderId), eq(feeEntries.kind, 'charge')));
  if (already) return null;
  const [item] = await tx
    .select({ id: feeItems.id })
    .from(feeItems)
    .where(and(eq(feeItems.communityId, charge.communityId), eq(feeItems.purpose, 'paid_repair'), isNull(feeItems.archivedAt)));
  const today = await communityToday(tx, charge.communityId);
  await assertOpenDate(tx, charge.communityId, today);
  const [entry] = await appendEntries(tx, account, [
    {
      kind: 'charge',
      amountFen: charge.amountFen,
      entryDate: today,
      dueOn: today,
      itemId: item?.id ?? null,
      workOrderId: charge.workOrderId,
      memo: charge.number,
      createdBy: isSystemActor(ctx.actor) ? null : ctx.actor.userId,
    },
  ]);
  await settleAccount(tx, account);
  await recordAudit(tx, ctx, {
    organizationId: account.organizationId,
    entityType: 'fee_entry',
    entityId: entry!.id,
    action: 'post_charge',
    after: { account: account.label, amountFen: entry!.amountFen, entryDate: today, itemId: entry!.itemId, workOrder: charge.number },
  });
  return entry!;
}
