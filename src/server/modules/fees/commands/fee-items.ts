import { and, eq, isNull, max, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { feeItemInputSchema, feeItemVersionInputSchema, Pricing } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import type { Db, Tx } from '../../../db/client';
import { withUniqueFields } from '../../../db/errors';
import { inTransaction } from '../../../db/transaction';
import { fieldError, notFound, type FieldProblem } from '../../../errors';
import { recordAudit } from '../../audit';
import { visibleCommunity } from '../../registry';
import { feeSetupPolicy } from '../policy';
import { communityToday, visibleItem, type ItemRow } from '../repository';
import { feeEntries, feeItems, feeItemVersions } from '../tables';

type ItemInput = z.output<typeof feeItemInputSchema>;

/** Problems of a pricing for an item of this kind and cycle, keyed by field path. */
export function pricingProblems(kind: ItemRow['kind'], cycle: ItemRow['cycle'] | undefined, pricing: Pricing, prefix = 'pricing'): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (pricing.kind !== kind) problems[`${prefix}.kind`] = { key: 'field.pricingKind' };
  if (cycle !== undefined) {
    if ((kind === 'area' || kind === 'fixed') && !cycle) problems.cycle = { key: 'field.cycleRequired' };
    if ((kind === 'metered' || kind === 'one_off') && cycle) problems.cycle = { key: 'field.cycleNotAllowed' };
  }
  if (pricing.kind === 'metered') {
    const bounds = pricing.tiers.map((t) => t.upTo);
    const ascending = bounds.every((b, i) => (i === bounds.length - 1 ? true : b !== null && (i === 0 || b > (bounds[i - 1] as number))));
    const lastOk = bounds.length < 2 || bounds[bounds.length - 1] === null || (bounds[bounds.length - 1] as number) > (bounds[bounds.length - 2] as number);
    if (!ascending || !lastOk) problems[`${prefix}.tiers`] = { key: 'field.tiersOrder' };
  }
  return problems;
}

/** Creates a fee item with its first price version. Managers of the community. */
export async function createFeeItem(db: Db, ctx: RequestContext, input: ItemInput): Promise<ItemRow> {
  return inTransaction(db, async (tx) => {
    const community = await visibleCommunity(tx, ctx.actor, input.communityId, { active: true });
    if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
    feeSetupPolicy.assert(ctx.actor, 'manage', { organizationId: community.organizationId, communityId: community.id });
    const kind = input.pricing.kind;
    const problems = pricingProblems(kind, input.cycle, input.pricing);
    if (input.purpose && kind !== 'one_off') problems.purpose = { key: 'field.purposeOneOff' };
    if (input.purpose && kind === 'one_off') {
      const [holder] = await tx
        .select({ name: feeItems.name })
        .from(feeItems)
        .where(and(eq(feeItems.communityId, community.id), eq(feeItems.purpose, input.purpose), isNull(feeItems.archivedAt)));
      if (holder) problems.purpose = { key: 'field.purposeTaken', params: { name: holder.name } };
    }
    if (Object.keys(problems).length) throw fieldError(problems);
    const [item] = await withUniqueFields(
      () => tx.insert(feeItems).values({ organizationId: community.organizationId, communityId: community.id, name: input.name, kind, cycle: input.cycle, rounding: input.rounding, purpose: input.purpose ?? null }).returning(),
      { fee_items_community_name_uq: 'name', fee_items_community_purpose_uq: 'purpose' },
    );
    await tx.insert(feeItemVersions).values({ organizationId: community.organizationId, itemId: item!.id, effectiveFrom: input.effectiveFrom, pricing: input.pricing, createdBy: ctx.actor.userId });
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'fee_item', entityId: item!.id, action: 'create', after: { name: item!.name, kind, cycle: input.cycle, rounding: input.rounding, purpose: input.purpose, effectiveFrom: input.effectiveFrom, pricing: input.pricing } });
    return item!;
  });
}

/**
 * A new price from a date on. Never retroactive: the date is today or later in the community's
 * calendar, and after the last day any live charge of the item already covers.
 */
export async function addFeeItemVersion(db: Db, ctx: RequestContext, itemId: string, input: z.output<typeof feeItemVersionInputSchema>): Promise<ItemRow> {
  return inTransaction(db, async (tx: Tx) => {
    const item = await visibleItem(tx, ctx.actor, itemId);
    if (!item || item.archivedAt) throw notFound('entity.feeItem');
    feeSetupPolicy.assert(ctx.actor, 'manage', item);
    // One price change at a time per item.
    await tx.select({ id: feeItems.id }).from(feeItems).where(eq(feeItems.id, item.id)).for('update');
    const problems = pricingProblems(item.kind, undefined, input.pricing);
    const today = await communityToday(tx, item.communityId);
    if (input.effectiveFrom < today) problems.effectiveFrom = { key: 'field.versionPast', params: { today } };
    const [billed] = await tx
      .select({ through: max(feeEntries.periodEnd) })
      .from(feeEntries)
      .where(and(eq(feeEntries.itemId, item.id), eq(feeEntries.kind, 'charge'), isNull(feeEntries.reversesId), sql`not exists (select 1 from fee_entries r where r.reverses_id = ${feeEntries.id})`));
    if (!problems.effectiveFrom && billed?.through && input.effectiveFrom <= billed.through) problems.effectiveFrom = { key: 'field.versionBilled', params: { date: billed.through } };
    if (Object.keys(problems).length) throw fieldError(problems);
    await withUniqueFields(
      () => tx.insert(feeItemVersions).values({ organizationId: item.organizationId, itemId: item.id, effectiveFrom: input.effectiveFrom, pricing: input.pricing, createdBy: ctx.actor.userId }),
      { fee_item_versions_item_from_uq: 'effectiveFrom' },
    );
    await tx.update(feeItems).set({ updatedAt: new Date() }).where(eq(feeItems.id, item.id));
    await recordAudit(tx, ctx, { organizationId: item.organizationId, entityType: 'fee_item', entityId: item.id, action: 'new_price', after: { effectiveFrom: input.effectiveFrom, pricing: input.pricing } });
    return item;
  });
}
