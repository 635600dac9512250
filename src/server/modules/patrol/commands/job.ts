import { and, asc, eq, isNull, lt, lte, notInArray, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbOrTx } from '../../../db/client';
import { every } from '../../../jobs/every';
import { communityById } from '../../registry';
import { checkpointsOf, ROUND_SUBJECT, visitsOf, type RoundRow } from '../repository';
import type { RecurrenceRule } from '../../../../common/work/plans';
import { generateInstances } from '../../../work/plans';
import { addDays, localDateOf, patrolTimes } from '../schedule';
import { patrolPlans, patrolRounds, patrolRoutes, patrolVisits } from '../tables';
import { takeBreachStep } from '../../../work/breach';
import { subjectKind } from '../../../work/subjects';
import { roundForStep, type RoundStepRow } from '../round-step';
import { createRound, markMissed } from './lifecycle';
import { inTransaction } from '../../../db/transaction';

type PlanRow = typeof patrolPlans.$inferSelect;

/** A round is closed at its deadline plus this grace, so the SLA sweeper reports the breach first. */
export const EXPIRE_GRACE_MS = 60_000;

// Patrol plans carry no start date of their own: they run every day, and the generator never walks
// before today, so any date in the past serves as the rule's start.
const PATROL_RULE_START = '2000-01-01';

/**
 * Makes the plan's rounds from the day after the last generated date (or today) through
 * tomorrow, local time of the community, through the work kernel's plan generator; rounds
 * already over are skipped. Idempotent: rounds are unique per plan and start.
 */
export async function generateForPlan(tx: DbOrTx, plan: PlanRow, now: Date): Promise<number> {
  const community = await communityById(tx, plan.communityId);
  const [route] = await tx.select().from(patrolRoutes).where(and(eq(patrolRoutes.id, plan.routeId), isNull(patrolRoutes.archivedAt)));
  const zone = community!.timeZone;
  const checkpoints = route ? await checkpointsOf(tx, route.id) : [];
  let made = 0;
  let through = addDays(localDateOf(zone, now), 1);
  if (route && checkpoints.length && community!.archivedAt === null) {
    const span = Math.max(...checkpoints.map((c) => (c.offsetMinutes + 2 * c.toleranceMinutes) * 60_000));
    const rule: RecurrenceRule = { startDate: PATROL_RULE_START, repeat: { every: 'day', interval: 1 }, times: patrolTimes(plan) };
    const result = await generateInstances(
      tx,
      { id: plan.id, rule, timeZone: zone, generatedThrough: plan.generatedThrough },
      now,
      (inner, o) => createRound(inner, { community: community!, route, checkpoints, planId: plan.id, startsAt: o.at, roles: ['project_manager'], now }),
      { horizonDays: 1, skip: (o) => o.at.getTime() + span <= now.getTime() },
    );
    made = result.made.length;
    through = result.generatedThrough;
  }
  await tx.update(patrolPlans).set({ generatedThrough: through }).where(eq(patrolPlans.id, plan.id));
  return made;
}

/**
 * Generates the rounds of every active plan through tomorrow. Plans are claimed with FOR UPDATE
 * SKIP LOCKED and rounds are unique per plan and start, so two server processes never make a
 * round twice.
 */
export async function generateRounds(db: Db, now = new Date(), batch = 50): Promise<number> {
  const utcTomorrow = addDays(now.toISOString().slice(0, 10), 1);
  let made = 0;
  for (;;) {
    const claimed = await inTransaction(db, async (tx) => {
      const plans = await tx
        .select()
        .from(patrolPlans)
        .where(and(eq(patrolPlans.active, true), or(isNull(patrolPlans.generatedThrough), lt(patrolPlans.generatedThrough, utcTomorrow))))
        .orderBy(asc(patrolPlans.id))
        .limit(batch)
        .for('update', { skipLocked: true });
      for (const plan of plans) made += await generateForPlan(tx, plan, now);
      return plans.length;
    });
    if (claimed < batch) return made;
  }
}

/**
 * Marks checkpoints whose window closed without a check-in as missed (reported once each), and
 * closes rounds past their deadline through the step the standard names for the breach of its
 * limit (`onBreach`; the sweeper normally takes it at the breach, this catches up after a grace). Each round is locked
 * before its visits, as check-ins do, and rounds another process holds are skipped.
 */
export async function detectMissed(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectDistinct({ roundId: patrolVisits.roundId })
    .from(patrolVisits)
    .where(and(eq(patrolVisits.status, 'pending'), lte(patrolVisits.closesAt, now)))
    .limit(500);
  const expiring = await db
    .select({ id: patrolRounds.id })
    .from(patrolRounds)
    .where(and(notInArray(patrolRounds.stateType, ['closed', 'cancelled']), lte(patrolRounds.dueAt, new Date(now.getTime() - EXPIRE_GRACE_MS))))
    .limit(500);
  const ids = [...new Set([...due.map((d) => d.roundId), ...expiring.map((r) => r.id)])];
  let marked = 0;
  for (const id of ids) {
    marked += await inTransaction(db, async (tx) => {
      const [round] = await tx
        .select()
        .from(patrolRounds)
        .where(and(eq(patrolRounds.id, id), notInArray(patrolRounds.stateType, ['closed', 'cancelled'])))
        .for('update', { skipLocked: true });
      if (!round) return 0;
      return closeOverdue(tx, round, now, { passed: round.dueAt.getTime() + EXPIRE_GRACE_MS <= now.getTime() });
    });
  }
  return marked;
}

/**
 * Marks the round's checkpoints whose window closed missed (the job's `missed` entry); once the
 * deadline has passed (`deadline`), takes the step the standard's limit names for its breach
 * (`onBreach`, e.g. expire) through the kernel's one breach path, as the system, which leaves
 * whatever is still pending missed. Returns how many checkpoints were marked.
 */
export async function closeOverdue(tx: DbOrTx, round: RoundRow, now: Date, deadline: { passed: boolean }): Promise<number> {
  const overdue = (await visitsOf(tx, [round.id])).filter((v) => v.status === 'pending' && v.closesAt <= now);
  const n = await markMissed(tx, round, overdue, null, now);
  if (!deadline.passed) return n;
  const closed = (await takeBreachStep(tx, subjectKind(ROUND_SUBJECT), round.id, undefined, now)) as RoundStepRow | null;
  return n + (closed?.missedNow?.length ?? 0);
}

/**
 * The hook the kernel runs before it takes a round's breach step (`beforeBreach` of the patrol
 * kind): checkpoints whose window closed are marked missed first (the job's `missed` entry, one
 * report each), and the round is read again as the step sees it.
 */
export async function markOverdueMissed(tx: DbOrTx, round: RoundStepRow, now: Date): Promise<RoundStepRow> {
  const overdue = (await visitsOf(tx, [round.id])).filter((v) => v.status === 'pending' && v.closesAt <= now);
  const n = await markMissed(tx, round, overdue, null, now);
  return n ? roundForStep(tx, { ...round, missedCount: round.missedCount + n }) : round;
}

/** Runs round generation and missed-checkpoint detection every `seconds`. */
export function startPatrolJobs(db: Db, log: FastifyBaseLogger, seconds: number): () => Promise<void> {
  return every(seconds, async () => {
    try {
      const made = await generateRounds(db);
      const missed = await detectMissed(db);
      if (made || missed) log.info({ made, missed }, 'patrol job');
    } catch (err) {
      log.error({ err }, 'patrol job failed');
    }
  });
}

