import { z } from 'zod';
import { errorBodySchema } from '../../../../common/api';
import type { RequestContext } from '../../../auth/context';
import type { DbOrTx } from '../../../db/client';
import { communityInfo, type PassRow, type SlipRow } from '../repository';
import { presentPass, presentSlip } from '../presenter';

/** Error responses every gate route may give. */
export const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema } as const;
export const idParams = z.object({ id: z.uuid() });
export const tags = ['gate'];

/** Presents passes and slips with their communities' names and time zones. */
export async function presentAll(db: DbOrTx, ctx: RequestContext, rows: { passes?: PassRow[]; slips?: SlipRow[] }, detail = false, now = new Date()) {
  const communities = await communityInfo(db, [...(rows.passes ?? []), ...(rows.slips ?? [])].map((r) => r.communityId));
  const base = { actor: ctx.actor, locale: ctx.locale, now, detail };
  const passes = await Promise.all((rows.passes ?? []).map((r) => presentPass(db, r, { ...base, community: communities.get(r.communityId)! })));
  const slips = await Promise.all((rows.slips ?? []).map((r) => presentSlip(db, r, { ...base, community: communities.get(r.communityId)! })));
  return { passes, slips };
}
