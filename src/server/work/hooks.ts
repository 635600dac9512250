import type { z } from 'zod';
import type { RequestContext } from '../auth/context';
import type { DbOrTx } from '../db/client';
import type { FieldProblem } from '../errors';
import { workEvents } from './tables';
import { and, desc, eq } from 'drizzle-orm';
import { STEP_HOOK_PARAMS, type HookRef, type ServiceStandard, type StepHookName, type TransitionDefinition } from '../standards/definition';

/**
 * Named hooks: the service behaviour a standard cannot express as data, registered here and only
 * here. A transition names a hook (`hooks: [{ name: convert_to_order, params: {...} }]`); the
 * parameters are declared with the standard format (`STEP_HOOK_PARAMS`) so a standard naming an
 * unknown hook or bad parameters is refused when it is saved. `runStep` calls `check` before the
 * engine decides (problems become 400s) and `after` once the step is written, in the same
 * transaction.
 */

/** What a subject offers hooks beyond the generic step (capabilities, not step names). */
export interface HookCapabilities {
  /** The value the item holds now for a record (e.g. the agreed appointment), if any. */
  currentValue?(record: string): unknown;
  /** Opens a linked item of another service from this one. */
  openLinked?(tx: DbOrTx, ctx: RequestContext, service: string, category: string): Promise<void>;
}

/** The step a hook runs in. */
export interface HookContext {
  tx: DbOrTx;
  ctx: RequestContext;
  standard: ServiceStandard;
  transition: TransitionDefinition;
  /** The step's values, keyed by record name (already parsed). */
  values: Readonly<Record<string, unknown>>;
  subject: HookCapabilities;
  /** The item the step is taken on (its timeline is keyed by it). */
  ref: { type: string; id: string };
}

interface HookDefinition<N extends StepHookName> {
  /** Problems with the step's values before the engine decides (400 per field). */
  check?(hctx: HookContext, params: z.infer<(typeof STEP_HOOK_PARAMS)[N]>): Record<string, FieldProblem> | Promise<Record<string, FieldProblem>>;
  /** Work done once the step is written, inside its transaction. */
  after?(hctx: HookContext, params: z.infer<(typeof STEP_HOOK_PARAMS)[N]>): Promise<void>;
}

const HOOKS: { [N in StepHookName]: HookDefinition<N> } = {
  // A changed value needs a reason: the first value does not, the same value again does not.
  reason_on_change: {
    check({ values, subject }, { record, reason }) {
      const next = values[record];
      const current = subject.currentValue?.(record);
      if (next === undefined || current === undefined || current === null) return {};
      const same = typeof next === 'string' && typeof current === 'string' && Date.parse(next) === Date.parse(current) ? true : next === current;
      const given = typeof values[reason] === 'string' && (values[reason] as string).trim() !== '';
      return same || given ? {} : { [reason]: { key: 'field.reasonForChange' } };
    },
  },
  // Whoever took `step` last on this item (from its timeline) may not take this one.
  not_same_person: {
    async check({ tx, ctx, transition, ref }, { step }) {
      const [last] = await tx
        .select({ actor: workEvents.actorUserId })
        .from(workEvents)
        .where(and(eq(workEvents.subjectType, ref.type), eq(workEvents.subjectId, ref.id), eq(workEvents.action, step)))
        .orderBy(desc(workEvents.at), desc(workEvents.seq))
        .limit(1);
      if (!last?.actor || last.actor !== ctx.actor.userId) return {};
      const field = transition.records[0]?.name ?? 'body';
      return { [field]: { key: 'field.samePerson' } };
    },
  },
  convert_to_order: {
    async after({ tx, ctx, values, subject }, { kindRecord, categoryRecord, defaultCategory }) {
      if (!subject.openLinked) throw new Error('convert_to_order: this subject cannot open linked items');
      const service = values[kindRecord];
      if (typeof service !== 'string') return;
      const category = categoryRecord && typeof values[categoryRecord] === 'string' ? (values[categoryRecord] as string) : defaultCategory;
      await subject.openLinked(tx, ctx, service, category);
    },
  },
};

function paramsOf<N extends StepHookName>(ref: HookRef & { name: N }): z.infer<(typeof STEP_HOOK_PARAMS)[N]> {
  // Parameters were validated when the standard was saved; parsing again applies their defaults.
  return STEP_HOOK_PARAMS[ref.name].parse(ref.params) as z.infer<(typeof STEP_HOOK_PARAMS)[N]>;
}

/** Runs the `check` of every hook of the step; returns their problems. */
export async function checkHooks(hctx: HookContext): Promise<Record<string, FieldProblem>> {
  const problems: Record<string, FieldProblem> = {};
  for (const ref of hctx.transition.hooks) {
    const hook = HOOKS[ref.name] as HookDefinition<typeof ref.name>;
    Object.assign(problems, (await hook.check?.(hctx, paramsOf(ref))) ?? {});
  }
  return problems;
}

/** Runs the `after` of every hook of the step, in order. */
export async function runHooksAfter(hctx: HookContext): Promise<void> {
  for (const ref of hctx.transition.hooks) {
    const hook = HOOKS[ref.name] as HookDefinition<typeof ref.name>;
    await hook.after?.(hctx, paramsOf(ref));
  }
}
