import { and, count, eq, or, sql, type SQL } from 'drizzle-orm';
import { PRE_JOB_TRAINING_DAYS } from '../../../../common/registry';
import type { DbOrTx } from '../../../db/client';
import { tenantScope, type Actor } from '../../../db/scope';
import type { StaffQuery } from '../schemas';
import { staff } from '../tables';
import { archivedFilter, contains, orderBy, phoneTerms, startsWith, type Window } from './query-helpers';

/**
 * Staff the actor may see: company admins their whole organization, other staff the colleagues
 * who serve one of their communities. Residents see no staff records (tenantScope gives them none
 * for a table without unit or community columns).
 */
export function staffScope(actor: Actor): SQL {
  const organization = tenantScope(actor, { organizationId: staff.organizationId });
  if (actor.communityIds === 'all') return organization;
  if (!actor.communityIds.length) return sql`false`;
  const served = sql.join(
    actor.communityIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return and(organization, sql`${staff.communityIds} && array[${served}]::uuid[]`)!;
}

const clearedSql = sql`(${staff.trainingCompletedOn} is not null and ${staff.trainingStartedOn} is not null and ${staff.trainingCompletedOn} >= ${staff.trainingStartedOn} + ${PRE_JOB_TRAINING_DAYS}::int)`;

function filters(actor: Actor, q: Omit<StaffQuery, 'page' | 'pageSize'>): SQL | undefined {
  const where: (SQL | undefined)[] = [staffScope(actor), archivedFilter(staff.archivedAt, q.archived)];
  if (q.communityId) where.push(sql`${q.communityId}::uuid = any(${staff.communityIds})`);
  if (q.position) where.push(eq(staff.position, q.position));
  if (q.skill) where.push(sql`${q.skill} = any(${staff.skills})`);
  if (q.onDuty !== undefined) where.push(eq(staff.onDuty, q.onDuty));
  if (q.cleared !== undefined) where.push(q.cleared ? clearedSql : sql`not ${clearedSql}`);
  if (q.q) {
    const phone = phoneTerms(q.q);
    const match: SQL[] = [contains(staff.name, q.q)];
    if (phone.full) match.push(eq(staff.phone, phone.full));
    if (phone.last4) match.push(sql`right(${staff.phone}, 4) = ${phone.last4}`);
    if (phone.prefix) match.push(startsWith(staff.phone, phone.prefix));
    where.push(or(...match));
  }
  return and(...where);
}

/** One window of the staff visible to the actor. */
export async function listStaff(db: DbOrTx, actor: Actor, q: Omit<StaffQuery, 'page' | 'pageSize'>, w: Window) {
  const where = filters(actor, q);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(staff)
      .where(where)
      .orderBy(...orderBy(q.sort, { name: staff.name, hireDate: staff.hireDate, createdAt: staff.createdAt }, staff.id))
      .limit(w.limit)
      .offset(w.offset),
    db.select({ n: count() }).from(staff).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** One staff member visible to the actor, archived or not. */
export async function findStaff(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select().from(staff).where(and(eq(staff.id, id), staffScope(actor)));
  return row ?? null;
}
