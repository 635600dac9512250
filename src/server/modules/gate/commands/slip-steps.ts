import { eq } from 'drizzle-orm';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { fieldError } from '../../../errors';
import { checkAttachments, linkToSubject } from '../../../work/attachment-links';
import { personOf, takeStep } from '../gate-work';
import { goodsSlips, GOODS_SLIP_SUBJECT } from '../tables';
import { pinnedStandard } from '../../work-orders';
import { expiredStates, slipVerdict } from '../verdict';
import { gateRefusal } from './pass-steps';

type SlipRow = typeof goodsSlips.$inferSelect;

const FIELDS = { goods_checked: 'goodsChecked', guard_signature: 'signatureId', reason: 'reason' };

/**
 * Releases the goods of a slip (once: a used, expired or cancelled slip is refused with its
 * reason) with the guard's check and signature, or cancels the slip. The signature attachment
 * must be the caller's own upload, not yet used elsewhere; it is archived with the slip.
 */
export async function slipStep(
  tx: DbOrTx,
  ctx: RequestContext,
  slip: SlipRow,
  action: 'release' | 'cancel',
  timeZone: string,
  body: { goodsChecked?: boolean; signatureId?: string; reason?: string },
  now = new Date(),
): Promise<SlipRow> {
  if (action === 'release') {
    const standard = (await pinnedStandard(tx, slip.standardVersionId)).definition;
    const verdict = slipVerdict({ ...slip, releasedAt: slip.release ? new Date(slip.release.at) : null }, now, expiredStates(standard));
    if (!verdict.ok && verdict.reason) throw gateRefusal('slip', verdict.reason, verdict.params, timeZone);
  }
  if (body.signatureId) {
    const problems = await checkAttachments(tx, ctx.actor, { ids: [body.signatureId], field: 'signatureId', kinds: ['signature'], single: true, ownUploadOnly: true });
    if (Object.keys(problems).length) throw fieldError(problems);
  }
  let updated: SlipRow | undefined;
  const input = {
    fields: { reason: body.reason },
    consents: body.goodsChecked === true ? ['goods_checked'] : [],
    signatures: body.signatureId ? ['guard_signature'] : [],
  };
  await takeStep(tx, ctx, GOODS_SLIP_SUBJECT, slip, action, input, {
    now,
    fieldOf: FIELDS,
    data: body.signatureId ? { signatureId: body.signatureId } : {},
    write: async (patch) => {
      const release = action === 'release' ? { at: now.toISOString(), by: personOf(ctx)!, signatureId: body.signatureId! } : slip.release;
      [updated] = await tx.update(goodsSlips).set({ ...patch, release }).where(eq(goodsSlips.id, slip.id)).returning();
    },
  });
  if (action === 'release' && body.signatureId) {
    // Linked to the slip: whoever may read the slip may see the signature (printed slip).
    await linkToSubject(tx, { type: GOODS_SLIP_SUBJECT, id: slip.id, organizationId: slip.organizationId }, [body.signatureId], 'guard_signature', now);
  }
  return updated!;
}
