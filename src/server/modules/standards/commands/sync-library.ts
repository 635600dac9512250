import { withUniqueFields } from '../../../db/errors';
import { AppError } from '../../../errors';
import type { DbOrTx } from '../../../db/client';
import { hashDefinition, library } from '../library-cache';
import { latestInScope } from '../repository';
import { standardVersions } from '../tables';

/**
 * Records each shipped standard as a library version when it is new or changed, so work can pin
 * it like any other version. Safe to run from several processes at once (the unique index
 * decides, and the loser finds the row already there).
 */
export async function syncStandardsLibrary(db: DbOrTx): Promise<number> {
  let added = 0;
  for (const standard of library().standards.values()) {
    const hash = hashDefinition(standard);
    const latest = await latestInScope(db, standard.key, null, null);
    if (latest?.contentHash === hash) continue;
    try {
      await withUniqueFields(
        () =>
          db.insert(standardVersions).values({
            key: standard.key,
            version: (latest?.version ?? 0) + 1,
            definition: standard,
            contentHash: hash,
            authorName: 'Wuye',
            reason: 'Built-in standards library',
          }),
        { standard_versions_scope_uq: 'version' },
      );
      added++;
    } catch (err) {
      // Another process recorded the same version first.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return added;
}
