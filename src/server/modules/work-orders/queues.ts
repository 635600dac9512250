import { and, count, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../common/roles';
import type { StatusType } from '../../../common/work-orders';
import { LOW_RATING_DAYS, type WorkQueue, type WorkQueueCounts } from '../../../common/work-queues';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { qualified } from '../../db/sql';
import type { TransitionDefinition as Transition } from '../../standards/definition';
import { communityDayStartSql } from '../registry';
import { overdueAt, workOrderScope } from './repository';
import { pinnedStandard } from '../standards';
import { systemTransitions } from '../../standards/definition';
import { workOrders } from './tables';

const DAY = 86_400_000;

/** The queues each role's home page counts, most pressing first; a person with several roles gets the union. */
const QUEUES_OF_ROLE: Partial<Record<Role, WorkQueue[]>> = {
  service_desk: ['new_today', 'awaiting_reply', 'after_completion', 'overdue'],
  dispatcher: ['unassigned', 'overdue'],
  technician: ['appointments_today', 'my_overdue', 'mine'],
  project_manager: ['overdue', 'low_rating', 'after_completion'],
  company_admin: ['overdue', 'low_rating'],
};

/** The queues of the actor's roles, each role's in its own order (none for guards and residents: their pages count their own work). */
export function queuesOf(actor: Actor): WorkQueue[] {
  const out: WorkQueue[] = [];
  for (const queue of actor.roles.flatMap((role) => QUEUES_OF_ROLE[role] ?? [])) {
    // A technician's own queues need a staff record.
    if (actor.staffId === null && (queue === 'mine' || queue === 'my_overdue' || queue === 'appointments_today')) continue;
    if (!out.includes(queue)) out.push(queue);
  }
  return out;
}

const ACTIVE: SQL = notInArray(workOrders.stateType, ['completed', 'closed', 'cancelled']);
const localDayStart = (now: Date): SQL => communityDayStartSql(qualified('work_orders', 'community_id'), now);

/**
 * Orders in a state of the given types from which one of the actor's roles may take a step the
 * standard offers to people (`extra` narrows the steps). Read from the pinned standard versions of
 * the orders in the actor's scope, so no step name is written here.
 */
async function whereRolesAct(db: DbOrTx, actor: Actor, types: StatusType[], extra: (t: Transition) => boolean = () => true): Promise<SQL> {
  const roles = new Set<Role>(actor.roles.filter((r) => r !== 'resident'));
  const versions = await db
    .selectDistinct({ id: workOrders.standardVersionId })
    .from(workOrders)
    .where(and(workOrderScope(actor), inArray(workOrders.stateType, types)));
  const parts: SQL[] = [];
  for (const { id } of versions) {
    const { definition } = await pinnedStandard(db, id);
    const system = systemTransitions(definition);
    const ofType = new Set(definition.states.filter((s) => types.includes(s.type)).map((s) => s.key));
    const states = new Set(
      definition.transitions
        .filter((t) => !system.has(t.key) && t.roles.some((r) => roles.has(r)) && extra(t))
        .flatMap((t) => t.from)
        .filter((s) => ofType.has(s)),
    );
    if (states.size) parts.push(and(eq(workOrders.standardVersionId, id), inArray(workOrders.state, [...states]))!);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

/** The filter of one queue for the actor (on top of `workOrderScope`). */
export async function queueFilter(db: DbOrTx, actor: Actor, queue: WorkQueue, now = new Date()): Promise<SQL> {
  const me = actor.staffId ? eq(workOrders.assigneeStaffId, actor.staffId) : sql`false`;
  switch (queue) {
    case 'new_today':
      return and(ACTIVE, sql`${workOrders.createdAt} >= ${localDayStart(now)}`)!;
    case 'awaiting_reply':
      return whereRolesAct(db, actor, ['waiting']);
    case 'after_completion':
      return whereRolesAct(db, actor, ['completed']);
    case 'unassigned':
      return and(
        isNull(workOrders.assigneeStaffId),
        await whereRolesAct(db, actor, ['open', 'in_progress', 'waiting'], (t) => t.records.some((r) => 'assigns' in r && r.assigns === true)),
      )!;
    case 'overdue':
      return overdueAt(now);
    case 'mine':
      return and(me, ACTIVE)!;
    case 'my_overdue':
      return and(me, overdueAt(now))!;
    case 'appointments_today': {
      const start = localDayStart(now);
      return and(me, ACTIVE, sql`${workOrders.appointmentAt} >= ${start}`, sql`${workOrders.appointmentAt} < ${start} + interval '1 day'`)!;
    }
    case 'low_rating': {
      const since = new Date(now.getTime() - LOW_RATING_DAYS * DAY).toISOString();
      return and(
        sql`(${workOrders.returnVisit}->>'at')::timestamptz >= ${since}::timestamptz`,
        sql`((${workOrders.returnVisit}->>'score')::numeric <= 2 or (${workOrders.returnVisit}->>'satisfied')::boolean = false)`,
      )!;
    }
  }
}

/** How many orders the actor's scope holds in each of their queues. */
export async function queueCounts(db: DbOrTx, actor: Actor, now = new Date()): Promise<WorkQueueCounts> {
  const queues = queuesOf(actor);
  const counts = await Promise.all(
    queues.map(async (queue) => {
      const [row] = await db
        .select({ n: count() })
        .from(workOrders)
        .where(and(workOrderScope(actor), await queueFilter(db, actor, queue, now)));
      return { queue, count: row?.n ?? 0 };
    }),
  );
  return { queues: counts };
}
