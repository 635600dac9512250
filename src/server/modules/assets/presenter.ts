import type { Asset } from '../../../common/assets';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { buildingsOfCommunity, communityNames } from '../registry';
import { assetPolicy } from './policy';
import type { AssetRow } from './repository';

/** Assets as the API shows them, with community and building names and what the caller may do (one lookup per community). */
export async function presentAssets(db: DbOrTx, actor: Actor, rows: readonly AssetRow[]): Promise<Asset[]> {
  const communityIds = [...new Set(rows.map((r) => r.communityId))];
  const names = await communityNames(db, communityIds);
  const buildings = new Map<string, string>();
  for (const id of communityIds) for (const b of await buildingsOfCommunity(db, id)) buildings.set(b.id, b.name);
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    communityName: names.get(r.communityId)?.name ?? '',
    code: r.code,
    name: r.name,
    category: r.category,
    buildingId: r.buildingId,
    buildingName: r.buildingId ? (buildings.get(r.buildingId) ?? null) : null,
    place: r.place,
    brand: r.brand,
    model: r.model,
    serialNumber: r.serialNumber,
    installedOn: r.installedOn,
    warrantyUntil: r.warrantyUntil,
    maintainer: r.maintainer,
    maintainerPhone: r.maintainerPhone,
    status: r.status,
    notes: r.notes,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    retiredReason: r.retiredReason,
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: (['edit', 'retire'] as const).filter((a) => assetPolicy.can(actor, a, r)),
  }));
}

/** One asset as the API shows it. */
export async function presentAsset(db: DbOrTx, actor: Actor, row: AssetRow): Promise<Asset> {
  return (await presentAssets(db, actor, [row]))[0]!;
}
