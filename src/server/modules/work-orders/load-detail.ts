import type { DbOrTx } from '../../db/client';
import type { CalendarConfig } from '../../standards/calendar';
import type { Actor } from '../../db/scope';
import { attachmentsOf } from '../attachments';
import { effectiveCalendar, timersOf } from '../standards';
import { effectiveRoles } from './policy';
import { presentDetail } from './presenter';
import { linkedOrders, namesFor, TIMER_SUBJECT, timelineOf, type WorkOrderRow } from './repository';
import { pinnedStandard } from '../standards';

/**
 * Loads everything the order page shows and presents it for the actor (works inside a transaction).
 * `calendar`: the community's, when the caller has just read it (an intake), so it is not read again.
 */
export async function loadDetail(db: DbOrTx, actor: Actor, order: WorkOrderRow, now = new Date(), calendar?: CalendarConfig) {
  const ownerView = actor.staffId === null && !effectiveRoles(actor, order).some((r) => r !== 'resident');
  const [standard, names, timers, communityCalendar, timeline, files, linked] = await Promise.all([
    pinnedStandard(db, order.standardVersionId),
    namesFor(db, [order]),
    timersOf(db, TIMER_SUBJECT, order.id),
    calendar ?? effectiveCalendar(db, order.communityId),
    timelineOf(db, order.id, ownerView),
    attachmentsOf(db, order.id),
    linkedOrders(db, actor, order.links.map((l) => l.id)),
  ]);
  return presentDetail(
    actor,
    order,
    {
      standard,
      names: {
        community: names.communities.get(order.communityId) ?? '',
        assignee: order.assigneeStaffId ? (names.staff.get(order.assigneeStaffId) ?? null) : null,
      },
      timers,
      calendar: communityCalendar,
      timeline,
      attachments: files,
      linked,
    },
    now,
  );
}
