import { eq } from 'drizzle-orm';
import type { Incident } from '../../../common/incidents';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import type { IncidentRow } from './commands/incidents';
import { incidentPolicy } from './policy';
import { emergencyPlans } from './tables';

/** An incident with its plan's steps and which of them were ticked off, by whom. */
export async function presentIncident(db: DbOrTx, actor: Actor, row: IncidentRow): Promise<Incident> {
  const [plan] = row.planId ? await db.select().from(emergencyPlans).where(eq(emergencyPlans.id, row.planId)) : [];
  return {
    id: row.id,
    communityId: row.communityId,
    type: row.type,
    place: row.place,
    occurredAt: row.occurredAt.toISOString(),
    description: row.description,
    people: row.people,
    actionsTaken: row.actionsTaken,
    outcome: row.outcome,
    status: row.status,
    reportedByName: row.reportedByName,
    closedAt: row.closedAt?.toISOString() ?? null,
    plan: plan
      ? {
          id: plan.id,
          title: plan.title,
          steps: plan.steps.map((text, i) => {
            const check = row.stepChecks.find((c) => c.index === i + 1);
            return { text, doneAt: check?.at ?? null, doneBy: check?.by ?? null };
          }),
        }
      : null,
    allowedActions: row.status === 'open' && incidentPolicy.can(actor, 'log', row) ? ['update'] : [],
  };
}
