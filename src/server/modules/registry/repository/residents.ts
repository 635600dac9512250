import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import type { ResidentQuery } from '../schemas';
import { buildings, communities, residents, residentUnits, units } from '../tables';
import { archivedFilter, contains, orderBy, phoneTerms, startsWith, type Window } from './query-helpers';

const isResidentActor = (actor: Actor) => actor.roles.includes('resident') && actor.staffId === null;

/** Bindings the actor may see: staff those of their communities, residents those of their own units. */
const bindingScope = (actor: Actor): SQL =>
  tenantScope(actor, { organizationId: residentUnits.organizationId, communityId: residentUnits.communityId, unitId: residentUnits.unitId });

/** `exists` a binding of the resident row that is visible to the actor and matches `extra`. */
function hasBinding(actor: Actor, extra?: SQL): SQL {
  const current = isResidentActor(actor) ? and(isNull(residentUnits.moveOutOn), eq(residentUnits.approved, true)) : undefined;
  return sql`exists (select 1 from ${residentUnits} where ${and(
    eq(residentUnits.residentId, residents.id),
    bindingScope(actor),
    current,
    extra,
  )})`;
}

/**
 * Residents the actor may see. Residents have no community of their own, so the scope goes
 * through their unit bindings: company admins see the whole organization (also people without
 * a unit yet), other staff those bound to their communities, residents their own household
 * (the people bound to their units).
 */
export function residentScope(actor: Actor): SQL {
  const organization = tenantScope(actor, { organizationId: residents.organizationId });
  if (actor.communityIds === 'all' && !isResidentActor(actor)) return organization;
  return hasBinding(actor);
}

function filters(actor: Actor, q: Omit<ResidentQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: (SQL | undefined)[] = [residentScope(actor), archivedFilter(residents.archivedAt, q.archived)];
  const binding: SQL[] = [];
  if (q.communityId) binding.push(eq(residentUnits.communityId, q.communityId));
  if (q.unitId) binding.push(eq(residentUnits.unitId, q.unitId));
  if (q.relation) binding.push(eq(residentUnits.relation, q.relation));
  if (q.buildingId) {
    binding.push(sql`${residentUnits.unitId} in (select ${units.id} from ${units} where ${eq(units.buildingId, q.buildingId)})`);
  }
  if (binding.length) where.push(hasBinding(actor, and(isNull(residentUnits.moveOutOn), ...binding)));
  if (q.q) {
    const phone = phoneTerms(q.q);
    const match: SQL[] = [contains(residents.name, q.q)];
    if (phone.full) match.push(eq(residents.phone, phone.full));
    if (phone.last4) match.push(sql`right(${residents.phone}, 4) = ${phone.last4}`);
    if (phone.prefix) match.push(startsWith(residents.phone, phone.prefix));
    match.push(
      hasBinding(
        actor,
        and(
          isNull(residentUnits.moveOutOn),
          sql`${residentUnits.unitId} in (select ${units.id} from ${units} where ${and(
            eq(units.organizationId, residentUnits.organizationId),
            startsWith(units.number, q.q),
          )})`,
        ),
      ),
    );
    where.push(or(...match));
  }
  return and(...where);
}

/** One window of the residents visible to the actor. */
export async function listResidents(db: DbOrTx, actor: Actor, q: Omit<ResidentQuery, 'page' | 'pageSize'>, w: Window) {
  const where = filters(actor, q);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(residents)
      .where(where)
      .orderBy(...orderBy(q.sort, { name: residents.name, createdAt: residents.createdAt }, residents.id))
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(residents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One resident visible to the actor, archived or not. */
export async function findResident(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select().from(residents).where(and(eq(residents.id, id), residentScope(actor)));
  return row ?? null;
}

/** Bindings (current and past) of the given residents that the actor may see, with unit labels. */
export async function bindingsOf(db: DbOrTx, actor: Actor, residentIds: string[]) {
  if (!residentIds.length) return [];
  return db
    .select({
      id: residentUnits.id,
      residentId: residentUnits.residentId,
      unitId: residentUnits.unitId,
      communityId: residentUnits.communityId,
      relation: residentUnits.relation,
      moveInOn: residentUnits.moveInOn,
      moveOutOn: residentUnits.moveOutOn,
      number: units.number,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      communityName: communities.name,
    })
    .from(residentUnits)
    .innerJoin(units, eq(units.id, residentUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(communities, eq(communities.id, residentUnits.communityId))
    .where(and(inArray(residentUnits.residentId, residentIds), bindingScope(actor)))
    .orderBy(asc(sql`${residentUnits.moveOutOn} is not null`), desc(residentUnits.moveOutOn), asc(residentUnits.createdAt));
}
export type BindingRow = Awaited<ReturnType<typeof bindingsOf>>[number];
