import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { AppError } from '../../../errors';
import { takeStep } from '../gate-work';
import { gatePasses, GATE_PASS_SUBJECT } from '../tables';
import { pinnedStandard } from '../../work-orders';
import { expiredStates, formatLocal, passVerdict, refusalKey } from '../verdict';

type PassRow = typeof gatePasses.$inferSelect;

const FIELDS = { reason: 'reason' };

/** A refusal at the gate as an error in both languages (409 CONFLICT with the reason). */
export function gateRefusal(kind: 'pass' | 'slip', reason: Parameters<typeof refusalKey>[1], params: Record<string, Date | string>, timeZone: string): AppError {
  const rendered = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, v instanceof Date ? { 'zh-CN': formatLocal(v, timeZone, 'zh-CN'), 'en-US': formatLocal(v, timeZone, 'en-US') } : v]),
  );
  return new AppError('CONFLICT', refusalKey(kind, reason), rendered);
}

/**
 * Records an entry (after checking the pass is valid now) or an exit, or cancels a pass, through
 * the visitor standard.
 */
export async function enterOrExit(
  tx: DbOrTx,
  ctx: RequestContext,
  pass: PassRow,
  action: 'enter' | 'exit' | 'cancel',
  timeZone: string,
  now = new Date(),
  body: { reason?: string } = {},
): Promise<PassRow> {
  if (action === 'enter') {
    const standard = (await pinnedStandard(tx, pass.standardVersionId)).definition;
    const verdict = passVerdict(pass, now, expiredStates(standard));
    if (!verdict.ok && verdict.reason) throw gateRefusal('pass', verdict.reason, verdict.params, timeZone);
  }
  let updated: PassRow | undefined;
  await takeStep(tx, ctx, GATE_PASS_SUBJECT, pass, action, { fields: { reason: body.reason } }, {
    now,
    fieldOf: FIELDS,
    data: { visitorName: pass.visitorName },
    write: async (patch) => {
      const times = action === 'enter' ? { enteredAt: now } : action === 'exit' ? { exitedAt: now } : {};
      [updated] = await tx.update(gatePasses).set({ ...patch, ...times }).where(eq(gatePasses.id, pass.id)).returning();
    },
  });
  return updated!;
}
