import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ACTION_BODY_SCHEMAS, WORK_ORDER_ACTIONS, workOrderDetailSchema } from '../../../../common/work-orders';
import { contextOf } from '../../../auth/plugin';
import { deliverQueued } from '../../outbound';
import { takeAction } from '../commands/take-action';
import { loadDetail } from '../load-detail';
import { ERRORS, idParams, tags } from './shared';

const SUMMARIES: Record<(typeof WORK_ORDER_ACTIONS)[number], string> = {
  dispatch: 'Repairs: dispatch to a technician',
  accept: 'Repairs: the technician accepts',
  schedule: 'Repairs: book or change the visit (a change needs a reason and tells the owner)',
  arrive: 'Repairs: check in on site with photos before the work',
  quote: 'Repairs: quote paid work from the price list (the owner is asked to consent)',
  start: 'Repairs: start free work with the diagnosis',
  consent: "Repairs: the owner's answer to the quote (who, when and channel are recorded)",
  complete: 'Repairs: finish with photos after the work and materials used',
  confirm: "Repairs: the owner's acceptance with signature, or rejection that reopens and counts",
  'return-visit': 'Repairs and complaints: return visit (score 1–5; complaints: satisfied, else reopened)',
  cancel: 'Cancel or withdraw with a reason',
  reply: 'Complaints: first reply',
  resolve: 'Complaints: investigation result and resolution',
  close: 'Complaints: close after a satisfied return visit',
  answer: 'Inquiries: answer (closes the inquiry)',
  refer: 'Inquiries: refer to a department with a handover note',
  convert: 'Inquiries: convert into a linked repair or complaint',
};

/**
 * `POST /api/v1/work-orders/{id}/actions/{action}`, one documented route per action so each body
 * has its own schema. The pinned standard decides: 409 INVALID_TRANSITION when the action does
 * not leave the current state, 403 when the caller's roles on this order may not take it, 400 per
 * field for missing records. Nothing changes on a refusal.
 */
export async function actionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;
  for (const action of WORK_ORDER_ACTIONS) {
    r.post(
      `/api/v1/work-orders/:id/actions/${action}`,
      {
        schema: {
          tags,
          summary: SUMMARIES[action],
          params: idParams,
          body: ACTION_BODY_SCHEMAS[action],
          response: { 200: workOrderDetailSchema, ...ERRORS },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const order = await takeAction(db, ctx, request.params.id, action, request.body as Record<string, unknown>);
        await deliverQueued(app);
        return loadDetail(db, ctx.actor, order);
      },
    );
  }
}
