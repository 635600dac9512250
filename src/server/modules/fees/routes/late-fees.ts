import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { lateFeeRuleInputSchema, lateFeeSettingsSchema } from '../../../../common/fee-late';
import { contextOf } from '../../../auth/plugin';
import { ERRORS, idParams } from '../../../http/route-kit';
import { addLateFeeRule, readLateFeeSettings } from '../late-fees';

const tags = ['fees'];

/** Late-fee rules of a community (docs/fees.md, "Late fees"). */
export async function feeLateFeeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/communities/:id/fee-late-fee-rules', {
    schema: {
      tags,
      summary: 'Late-fee rules of a community',
      description: 'Off by default. The community’s rule in force today and every version (the community’s and its items’), newest first. Company admin, project manager and service desk.',
      params: idParams,
      response: { 200: lateFeeSettingsSchema, ...ERRORS },
    },
  }, async (request) => readLateFeeSettings(db, contextOf(request).actor, request.params.id));

  r.post('/api/v1/communities/:id/fee-late-fee-rules', {
    schema: {
      tags,
      summary: 'Add a late-fee rule version',
      description:
        'For the community (`itemId` null) or one fee item, from `effectiveFrom` (today or later) on. A charge keeps the rule in force the day it became payable (never a later one); a later `off` stops charges accruing from its date. ' +
        'Unless `off`: a daily rate (‰ of the unpaid principal per day) or a fixed amount per full period, a grace period and at least one cap per charge. A daily job posts late fees to the ledger; a manager waives one by reversing its entry with a reason. Company admin or project manager; audited.',
      params: idParams,
      body: lateFeeRuleInputSchema,
      response: { 201: lateFeeSettingsSchema, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await addLateFeeRule(db, contextOf(request), request.params.id, request.body)));
}
