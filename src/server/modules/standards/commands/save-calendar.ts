import { and, eq, isNull } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { Tx } from '../../../db/client';
import { fieldError } from '../../../errors';
import { recordAudit } from '../../audit';
import { businessCalendars } from '../tables';
import type { z } from 'zod';
import type { calendarSettingsSchema } from '../schemas';

export type CalendarSettings = z.infer<typeof calendarSettingsSchema>;

/**
 * Saves the holidays, make-up days and hours of a company (community null) or of one community.
 * A community's weekly opening hours are its desk hours in the registry, so they are refused here.
 */
export async function saveCalendarSettings(
  tx: Tx,
  ctx: RequestContext,
  organizationId: string,
  communityId: string | null,
  settings: CalendarSettings,
) {
  if (communityId && settings.weeklyHours) throw fieldError({ weeklyHours: { key: 'field.weeklyHoursOnCommunity' } });
  // A company calendar without a single opening hour would stop every clock that runs on it.
  if (settings.weeklyHours && !Object.values(settings.weeklyHours).some((day) => day && day.length > 0)) {
    throw fieldError({ weeklyHours: { key: 'field.weeklyHoursEmpty' } });
  }
  const scope = and(
    eq(businessCalendars.organizationId, organizationId),
    communityId ? eq(businessCalendars.communityId, communityId) : isNull(businessCalendars.communityId),
  );
  const [before] = await tx.select().from(businessCalendars).where(scope);
  const values = { config: settings, updatedBy: ctx.actor.userId, updatedAt: new Date() };
  if (before) await tx.update(businessCalendars).set(values).where(eq(businessCalendars.id, before.id));
  else await tx.insert(businessCalendars).values({ organizationId, communityId, ...values });
  await recordAudit(tx, ctx, {
    organizationId,
    entityType: 'business_calendar',
    entityId: communityId ?? organizationId,
    action: before ? 'update' : 'create',
    before: before ? { config: before.config } : null,
    after: { config: settings },
  });
}
