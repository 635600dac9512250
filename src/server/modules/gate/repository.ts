import { and, asc, count, desc, eq, gt, ilike, inArray, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../../db/scope';
import { servesCommunity, tenantScope } from '../../db/scope';
import type { DbOrTx } from '../../db/client';
import { forbidden, notFound } from '../../errors';
import { hasRole } from '../../auth/policy';
import { communityById, communityNames } from '../registry';
import { GATE_STAFF, gatePolicy } from './policy';
import { gatePasses, goodsSlips } from './tables';

export type { PassRow, SlipRow } from './step-kinds';
import type { PassRow, SlipRow } from './step-kinds';

/** The community facts shown with a pass or slip. */
export interface CommunityInfo {
  id: string;
  name: string;
  timeZone: string;
}

/** True when the community exists in the actor's organization and the actor serves it. */
export async function communityServed(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
  const c = await communityById(db, id);
  return !!c && servesCommunity(actor, c.organizationId, id);
}

/** Names and time zones of the given communities. */
export async function communityInfo(db: DbOrTx, ids: string[]): Promise<Map<string, CommunityInfo>> {
  return communityNames(db, ids);
}

/**
 * Who may see a row found in the caller's organization: its readers (the host household, gate
 * staff of its community). Everyone else, gate staff of another community included, gets a 404,
 * exactly what a random id gets (trust issue #12): a caller learns nothing of a pass they may
 * not read, not even which community it belongs to.
 */
function checkAccess(actor: Actor, row: PassRow | SlipRow, kind: 'pass' | 'slip'): void {
  if (!gatePolicy.can(actor, 'read', row)) throw notFound(kind === 'pass' ? 'entity.gatePass' : 'entity.goodsSlip');
}

function byIdOrToken(col: { id: typeof gatePasses.id; token: typeof gatePasses.token } | { id: typeof goodsSlips.id; token: typeof goodsSlips.token }, ref: { id?: string; token?: string }): SQL {
  return ref.id ? eq(col.id, ref.id) : eq(col.token, ref.token ?? '');
}

/** A pass of the caller's organization by id or token, checked for access. */
export async function findPass(db: DbOrTx, actor: Actor, ref: { id?: string; token?: string }): Promise<PassRow> {
  if (!actor.organizationId) throw notFound('entity.gatePass');
  const [row] = await db.select().from(gatePasses).where(and(byIdOrToken(gatePasses, ref), eq(gatePasses.organizationId, actor.organizationId)));
  if (!row) throw notFound('entity.gatePass');
  checkAccess(actor, row, 'pass');
  return row;
}

/** A slip of the caller's organization by id or token, checked for access. */
export async function findSlip(db: DbOrTx, actor: Actor, ref: { id?: string; token?: string }): Promise<SlipRow> {
  if (!actor.organizationId) throw notFound('entity.goodsSlip');
  const [row] = await db.select().from(goodsSlips).where(and(byIdOrToken(goodsSlips, ref), eq(goodsSlips.organizationId, actor.organizationId)));
  if (!row) throw notFound('entity.goodsSlip');
  checkAccess(actor, row, 'slip');
  return row;
}

/** A pass by its token, for the visitor's link without login (no tenant: the token is the key). */
export async function passByToken(db: DbOrTx, token: string): Promise<PassRow | null> {
  const [row] = await db.select().from(gatePasses).where(eq(gatePasses.token, token));
  return row ?? null;
}

/** Only gate staff and residents read gate records. */
export function assertGateReader(actor: Actor): void {
  if (!hasRole(actor, ...GATE_STAFF, 'resident')) throw forbidden();
}

/** Only gate staff look passes up at the post. */
export function assertPostStaff(actor: Actor): void {
  if (!hasRole(actor, ...GATE_STAFF) || (actor.staffId === null && !hasRole(actor, 'company_admin'))) throw forbidden();
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface PassFilter {
  communityId?: string;
  /** Passes of one unit (its 360° page). */
  unitId?: string;
  q?: string;
  stateType?: string;
  origin?: string;
  /** Passes whose window overlaps [from, to). */
  overlaps?: { from: Date; to: Date };
  page: number;
  pageSize: number;
}

/** A page of passes the actor may see, newest window first. */
export async function listPasses(db: DbOrTx, actor: Actor, f: PassFilter): Promise<{ items: PassRow[]; total: number }> {
  const where = and(
    tenantScope(actor, { organizationId: gatePasses.organizationId, communityId: gatePasses.communityId, unitId: gatePasses.unitId }),
    f.communityId ? eq(gatePasses.communityId, f.communityId) : undefined,
    f.unitId ? eq(gatePasses.unitId, f.unitId) : undefined,
    f.stateType ? eq(gatePasses.stateType, f.stateType as PassRow['stateType']) : undefined,
    f.origin ? eq(gatePasses.origin, f.origin as PassRow['origin']) : undefined,
    f.overlaps ? and(lt(gatePasses.validFrom, f.overlaps.to), gt(gatePasses.validUntil, f.overlaps.from)) : undefined,
    f.q
      ? or(
          ilike(gatePasses.visitorName, like(f.q)),
          ilike(gatePasses.visitorPhone, like(f.q)),
          ilike(gatePasses.plate, like(f.q.toUpperCase())),
          eq(gatePasses.code, f.q.toUpperCase()),
          ilike(gatePasses.unitLabel, like(f.q)),
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(gatePasses).where(where).orderBy(desc(gatePasses.validFrom), desc(gatePasses.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(gatePasses).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export interface SlipFilter {
  communityId?: string;
  /** Slips of one unit (its 360° page). */
  unitId?: string;
  q?: string;
  stateType?: string;
  page: number;
  pageSize: number;
}

/** A page of slips the actor may see, newest first. */
export async function listSlips(db: DbOrTx, actor: Actor, f: SlipFilter): Promise<{ items: SlipRow[]; total: number }> {
  const where = and(
    tenantScope(actor, { organizationId: goodsSlips.organizationId, communityId: goodsSlips.communityId, unitId: goodsSlips.unitId }),
    f.communityId ? eq(goodsSlips.communityId, f.communityId) : undefined,
    f.unitId ? eq(goodsSlips.unitId, f.unitId) : undefined,
    f.stateType ? eq(goodsSlips.stateType, f.stateType as SlipRow['stateType']) : undefined,
    f.q
      ? or(
          ilike(goodsSlips.carrierName, like(f.q)),
          ilike(goodsSlips.carrierPhone, like(f.q)),
          ilike(goodsSlips.plate, like(f.q.toUpperCase())),
          eq(goodsSlips.code, f.q.toUpperCase()),
          ilike(goodsSlips.unitLabel, like(f.q)),
          sql`${goodsSlips.items}::text ilike ${like(f.q)}`,
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(goodsSlips).where(where).orderBy(desc(goodsSlips.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(goodsSlips).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * What the guard's query names: a scanned QR code (a token), a short code, a phone number or a
 * plate. Tokens are looked up across the company so a pass for another community is refused
 * with its reason; everything else only in the communities the guard serves.
 */
export async function lookup(db: DbOrTx, actor: Actor, q: string, communityId?: string): Promise<{ passes: PassRow[]; slips: SlipRow[] }> {
  const text = q.trim();
  const token = /(WY[PS]):([A-Za-z0-9_-]{16,})/.exec(text);
  if (token) {
    if (token[1] === 'WYP') return { passes: [await findPass(db, actor, { token: token[2] })], slips: [] };
    return { passes: [], slips: [await findSlip(db, actor, { token: token[2] })] };
  }
  const upper = text.toUpperCase().replace(/\s+/g, '');
  const scope = (cols: { organizationId: AnyColumn; communityId: AnyColumn }) =>
    and(tenantScope(actor, cols), communityId ? eq(cols.communityId, communityId) : undefined);
  const passWhere = and(
    scope(gatePasses),
    or(eq(gatePasses.code, upper), eq(gatePasses.visitorPhone, text), eq(gatePasses.plate, upper), ilike(gatePasses.visitorName, like(text))),
    // By phone, plate or name only passes still in play; a code finds any pass so its refusal shows.
    or(eq(gatePasses.code, upper), inArray(gatePasses.stateType, ['open', 'in_progress'])),
  );
  const slipWhere = and(
    scope(goodsSlips),
    or(eq(goodsSlips.code, upper), eq(goodsSlips.carrierPhone, text), eq(goodsSlips.plate, upper)),
    or(eq(goodsSlips.code, upper), eq(goodsSlips.stateType, 'open')),
  );
  const [passes, slips] = await Promise.all([
    db.select().from(gatePasses).where(passWhere).orderBy(asc(gatePasses.validFrom)).limit(20),
    db.select().from(goodsSlips).where(slipWhere).orderBy(desc(goodsSlips.createdAt)).limit(20),
  ]);
  return { passes, slips };
}

/**
 * The post's board: passes expected until `until` and still unused, visitors inside, open slips,
 * and the latest entries and exits, in the communities the guard serves.
 */
export async function postBoard(db: DbOrTx, actor: Actor, now: Date, until: Date, communityId?: string) {
  const passScope = and(tenantScope(actor, gatePasses), communityId ? eq(gatePasses.communityId, communityId) : undefined);
  const slipScope = and(tenantScope(actor, goodsSlips), communityId ? eq(goodsSlips.communityId, communityId) : undefined);
  const [expected, inside, slips] = await Promise.all([
    db
      .select()
      .from(gatePasses)
      .where(and(passScope, eq(gatePasses.stateType, 'open'), lt(gatePasses.validFrom, until), gt(gatePasses.validUntil, now)))
      .orderBy(asc(gatePasses.validFrom))
      .limit(100),
    db.select().from(gatePasses).where(and(passScope, eq(gatePasses.stateType, 'in_progress'))).orderBy(desc(gatePasses.enteredAt)).limit(100),
    db.select().from(goodsSlips).where(and(slipScope, eq(goodsSlips.stateType, 'open'), gt(goodsSlips.validUntil, now))).orderBy(desc(goodsSlips.createdAt)).limit(100),
  ]);
  return { expected, inside, slips };
}

