import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { ASSET_CODE_PREFIX, type assetInputSchema, type assetRetireSchema, type assetUpdateSchema } from '../../../../common/assets';
import type { RequestContext } from '../../../auth/context';
import type { Db, DbOrTx } from '../../../db/client';
import { withUniqueFields } from '../../../db/errors';
import { inTransaction } from '../../../db/transaction';
import { AppError, fieldError, forbidden, notFound, type FieldProblem } from '../../../errors';
import { nextNumber } from '../../../work/numbering';
import { recordAudit } from '../../audit';
import { buildingsOfCommunity, visibleCommunity, type Community } from '../../registry';
import { assetPolicy, managesAssets, registerPolicy } from '../policy';
import { findAsset, takenCodes, type AssetRow } from '../repository';
import { assets } from '../tables';

type Input = z.output<typeof assetInputSchema>;
type Update = z.output<typeof assetUpdateSchema>;

/** The unique index of codes, answered as a problem of the code field when a concurrent write took it. */
export const CODE_CONSTRAINT = { assets_community_code_uq: 'code' };

/** What the audit log keeps of an asset (no personal data: the maintainer is a company). */
export const audited = (a: AssetRow) => ({
  code: a.code,
  name: a.name,
  category: a.category,
  buildingId: a.buildingId,
  place: a.place,
  brand: a.brand,
  model: a.model,
  serialNumber: a.serialNumber,
  installedOn: a.installedOn,
  warrantyUntil: a.warrantyUntil,
  maintainer: a.maintainer,
  maintainerPhone: a.maintainerPhone,
  status: a.status,
  notes: a.notes,
  retiredReason: a.retiredReason,
});

/**
 * The next free generated code of a community: SB-0001, SB-0002 … from the kernel's counter (a
 * count per community that never restarts, safe under concurrency); a number someone already
 * typed in by hand, or one in `avoid`, is skipped.
 */
export async function nextAssetCode(tx: DbOrTx, community: Community, avoid: ReadonlySet<string> = new Set()): Promise<string> {
  for (;;) {
    const code = await nextNumber(tx, { organizationId: community.organizationId, scopeId: community.id, prefix: ASSET_CODE_PREFIX, period: 'none', timeZone: community.timeZone, at: new Date() });
    if (!avoid.has(code) && !(await takenCodes(tx, community.id, [code])).size) return code;
  }
}

/** Problems of a building id: it must be one of the community's buildings (another's reads like a random id), not archived when newly chosen. */
async function buildingProblem(db: DbOrTx, communityId: string, buildingId: string | null | undefined): Promise<FieldProblem | null> {
  if (!buildingId) return null;
  const building = (await buildingsOfCommunity(db, communityId)).find((b) => b.id === buildingId);
  if (!building) return { key: 'error.notFound', params: { entity: 'entity.building' } };
  return building.archived ? { key: 'assets.buildingArchived' } : null;
}

const warrantyProblem = (installedOn: string | null | undefined, warrantyUntil: string | null | undefined): FieldProblem | null =>
  installedOn && warrantyUntil && warrantyUntil < installedOn ? { key: 'assets.warrantyBeforeInstall' } : null;

function throwProblems(problems: Record<string, FieldProblem | null>): void {
  const found = Object.entries(problems).filter((e): e is [string, FieldProblem] => e[1] !== null);
  if (found.length) throw fieldError(Object.fromEntries(found));
}

/** A community the caller may add assets to: one they see (else 400 at `communityId`, like a random id), and manage (else 403). */
export async function managedCommunity(db: DbOrTx, ctx: RequestContext, communityId: string, action: 'create' | 'import'): Promise<Community> {
  const community = await visibleCommunity(db, ctx.actor, communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  registerPolicy.assert(ctx.actor, action, { organizationId: community.organizationId, communityId: community.id });
  return community;
}

/** Adds an asset to a community's register (code generated when not given), audited. */
export async function createAsset(db: Db, ctx: RequestContext, input: Input): Promise<AssetRow> {
  const community = await managedCommunity(db, ctx, input.communityId, 'create');
  return inTransaction(db, async (tx) => {
    const code = input.code ?? null;
    throwProblems({
      buildingId: await buildingProblem(tx, community.id, input.buildingId),
      warrantyUntil: warrantyProblem(input.installedOn, input.warrantyUntil),
      code: code && (await takenCodes(tx, community.id, [code])).size ? { key: 'field.taken' } : null,
    });
    const [row] = await withUniqueFields(
      async () =>
        tx
          .insert(assets)
          .values({
            organizationId: community.organizationId,
            communityId: community.id,
            code: code ?? (await nextAssetCode(tx, community)),
            name: input.name,
            category: input.category,
            buildingId: input.buildingId ?? null,
            place: input.place ?? null,
            brand: input.brand ?? null,
            model: input.model ?? null,
            serialNumber: input.serialNumber ?? null,
            installedOn: input.installedOn ?? null,
            warrantyUntil: input.warrantyUntil ?? null,
            maintainer: input.maintainer ?? null,
            maintainerPhone: input.maintainerPhone ?? null,
            status: input.status,
            notes: input.notes ?? null,
          })
          .returning(),
      CODE_CONSTRAINT,
    );
    await recordAudit(tx, ctx, { organizationId: community.organizationId, entityType: 'asset', entityId: row!.id, action: 'create', after: audited(row!) });
    return row!;
  });
}

/** Locks an asset the caller may change: 404 when they may not read it, 409 once retired, 403 for readers. */
async function lockForChange(tx: DbOrTx, ctx: RequestContext, id: string, action: 'edit' | 'retire'): Promise<AssetRow> {
  const before = await findAsset(tx, ctx.actor, id, { forUpdate: true });
  if (!before) throw notFound('entity.asset');
  if (!assetPolicy.can(ctx.actor, action, before)) {
    if (before.status === 'retired' && managesAssets(ctx.actor)) throw new AppError('CONFLICT', 'assets.retired');
    throw forbidden();
  }
  return before;
}

/** Changes an asset's fields (its community stays), audited with before and after. */
export async function updateAsset(db: Db, ctx: RequestContext, id: string, input: Update): Promise<AssetRow> {
  return inTransaction(db, async (tx) => {
    const before = await lockForChange(tx, ctx, id, 'edit');
    const merged = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as AssetRow;
    throwProblems({
      buildingId: merged.buildingId !== before.buildingId ? await buildingProblem(tx, before.communityId, merged.buildingId) : null,
      warrantyUntil: warrantyProblem(merged.installedOn, merged.warrantyUntil),
      code: merged.code !== before.code && (await takenCodes(tx, before.communityId, [merged.code])).size ? { key: 'field.taken' } : null,
    });
    const [row] = await withUniqueFields(
      () =>
        tx
          .update(assets)
          .set({ ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), updatedAt: new Date() })
          .where(and(eq(assets.id, id), eq(assets.organizationId, before.organizationId)))
          .returning(),
      CODE_CONSTRAINT,
    );
    await recordAudit(tx, ctx, { organizationId: before.organizationId, entityType: 'asset', entityId: id, action: 'update', before: audited(before), after: audited(row!) });
    return row!;
  });
}

/** Retires an asset (报废): it stays on record, read-only, out of the default list. */
export async function retireAsset(db: Db, ctx: RequestContext, id: string, input: z.output<typeof assetRetireSchema>): Promise<AssetRow> {
  return inTransaction(db, async (tx) => {
    const before = await lockForChange(tx, ctx, id, 'retire');
    const now = new Date();
    const [row] = await tx
      .update(assets)
      .set({ status: 'retired', retiredAt: now, retiredReason: input.reason, updatedAt: now })
      .where(eq(assets.id, id))
      .returning();
    await recordAudit(tx, ctx, { organizationId: before.organizationId, entityType: 'asset', entityId: id, action: 'retire', before: audited(before), after: audited(row!) });
    return row!;
  });
}
