import type { DbOrTx } from '../../db/client';
import type { ServiceStandard } from '../../standards/definition';
import { standardVersionById } from './repository';

/** The standard version a piece of work pinned when it was opened. */
export interface PinnedStandard {
  versionId: string;
  key: string;
  version: number;
  definition: ServiceStandard;
}

// Versions never change once saved, so a process-wide cache is always right.
const cache = new Map<string, PinnedStandard>();

/** The standard version a piece of work pinned when it was opened (work order, pass, round, inspection ...). */
export async function pinnedStandard(db: DbOrTx, versionId: string): Promise<PinnedStandard> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const row = await standardVersionById(db, versionId);
  if (!row) throw new Error(`standard version ${versionId} not found`);
  // Legacy versions come back upgraded from the repository (see `upgradeLegacyRecord`).
  const pinned = { versionId, key: row.key, version: row.version, definition: row.definition };
  cache.set(versionId, pinned);
  return pinned;
}
