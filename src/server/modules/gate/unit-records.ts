import { and, desc, eq } from 'drizzle-orm';
import type { Decoration, GatePass, GoodsSlip } from '../../../common/gate';
import { hasRole } from '../../auth/policy';
import type { RequestContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { tenantScope } from '../../db/scope';
import { GATE_STAFF } from './policy';
import { presentDecoration } from './presenter';
import { listPasses, listSlips } from './repository';
import { presentAll } from './routes/shared';
import { decorations } from './tables';

/** A unit's gate records as the caller may see them, with their counts. */
export interface UnitGateRecords {
  passes: GatePass[];
  passTotal: number;
  slips: GoodsSlip[];
  slipTotal: number;
  decorations: Decoration[];
}

/**
 * The visitor passes, release slips and decorations of a unit for its 360° page, through the
 * gate's own scope and presentation (phones masked unless the caller may see them), newest first,
 * at most `limit` of each. Null for staff who do not work the gate (a dispatcher): not shown.
 */
export async function gateRecordsOfUnit(db: DbOrTx, ctx: RequestContext, unitId: string, limit = 20): Promise<UnitGateRecords | null> {
  if (!hasRole(ctx.actor, ...GATE_STAFF)) return null;
  const [passes, slips] = await Promise.all([
    listPasses(db, ctx.actor, { unitId, page: 1, pageSize: limit }),
    listSlips(db, ctx.actor, { unitId, page: 1, pageSize: limit }),
  ]);
  const where = and(
    tenantScope(ctx.actor, { organizationId: decorations.organizationId, communityId: decorations.communityId, unitId: decorations.unitId }),
    eq(decorations.unitId, unitId),
  );
  const decorationRows = await db.select().from(decorations).where(where).orderBy(desc(decorations.endsOn)).limit(limit);
  const presented = await presentAll(db, ctx, { passes: passes.items, slips: slips.items });
  return {
    passes: presented.passes,
    passTotal: passes.total,
    slips: presented.slips,
    slipTotal: slips.total,
    decorations: await Promise.all(decorationRows.map((row) => presentDecoration(db, ctx.actor, row))),
  };
}
