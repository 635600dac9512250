import type { ImportKind } from '../../../../common/registry';
import type { Db } from '../../../db/client';
import type { RequestContext } from '../../../auth/context';
import { withUniqueFields } from '../../../db/errors';
import { recordAudit } from '../../audit';
import type { ImportPlan, PlanContext } from '../import/plan';
import { planBuildings } from '../import/plan-buildings';
import { planResidents } from '../import/plan-residents';
import { planUnits } from '../import/plan-units';
import type { ImportProblem } from '../import/row-reader';
import type { Sheet } from '../../../files/workbook';
import type { communities } from '../tables';
import { inTransaction } from '../../../db/transaction';

const PLANNERS: Record<ImportKind, (ctx: PlanContext, sheet: Sheet) => Promise<ImportPlan>> = {
  buildings: planBuildings,
  units: planUnits,
  residents: planResidents,
};
const ENTITY = { buildings: 'building', units: 'unit', residents: 'resident' } as const;

export interface ImportOutcome {
  ok: boolean;
  rows: number;
  created: number;
  problems: ImportProblem[];
}

/**
 * Validates an uploaded sheet and, in commit mode, writes it: the validation runs again inside
 * the transaction (the data may have changed since the dry run), nothing is written when any
 * row has a problem, rows go in with bulk inserts, and one audit record summarizes the import.
 */
export async function importSheet(
  db: Db,
  ctx: RequestContext,
  kind: ImportKind,
  community: typeof communities.$inferSelect,
  sheet: Sheet,
  mode: 'dry-run' | 'commit',
  fileName: string,
): Promise<ImportOutcome> {
  // Problems read left to right within a row, as the user scans the sheet.
  const position = (column: string) => sheet.headers.indexOf(column);
  const plan = async (d: PlanContext['db']) => {
    const p = await PLANNERS[kind]({ db: d, actor: ctx.actor, community }, sheet);
    p.problems.sort((a, b) => a.row - b.row || position(a.column) - position(b.column));
    return p;
  };
  if (mode === 'dry-run') {
    const p = await plan(db);
    return { ok: p.problems.length === 0, rows: p.rows, created: 0, problems: p.problems };
  }
  return inTransaction(db, async (tx) => {
    const p = await plan(tx);
    if (p.problems.length) return { ok: false, rows: p.rows, created: 0, problems: p.problems };
    // A concurrent write that takes a number or phone between validation and insert rolls it all back.
    const created = await withUniqueFields(() => p.write(tx), {
      units_building_number_uq: 'number',
      buildings_community_name_uq: 'name',
      residents_org_phone_uq: 'phone',
    });
    await recordAudit(tx, ctx, {
      organizationId: community.organizationId,
      entityType: ENTITY[kind],
      entityId: null,
      action: 'import',
      after: { communityId: community.id, rows: p.rows, created, fileName },
    });
    return { ok: true, rows: p.rows, created, problems: [] };
  });
}
