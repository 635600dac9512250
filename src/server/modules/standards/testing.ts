import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import { openWork } from '../../standards/engine';
import type { buildOrganization } from '../../test/factories';
import { effectiveCalendar, effectiveStandard } from './repository';
import { applyTimerActions } from './timer-store';

// Test support: SLA timers of a stand-in work item, started through the real engine.
const HOUR = 3_600_000;

/** Opens an emergency repair `hoursAgo` in the past for the organization, through the engine. */
export async function openEmergencyRepair(database: Database, org: Awaited<ReturnType<typeof buildOrganization>>, hoursAgo: number) {
  const standard = (await effectiveStandard(database.db, 'repair', org.org.id, org.community.id))!.definition;
  const opened = openWork({ standard, level: '2', roles: ['service_desk'], facts: { urgency: 'emergency', paid: false } });
  if (!opened.ok) throw new Error(JSON.stringify(opened.problems));
  const subject = { type: 'test', id: randomUUID(), organizationId: org.org.id, communityId: org.community.id, label: 'BX-TEST' };
  const calendar = await effectiveCalendar(database.db, org.community.id);
  await database.db.transaction((tx) =>
    applyTimerActions(tx, subject, standard, opened.timers, calendar, new Date(Date.now() - hoursAgo * HOUR)),
  );
  return subject;
}

