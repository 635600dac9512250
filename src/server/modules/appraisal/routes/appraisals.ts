import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appraisalEvidenceSchema, appraisalMonthSchema, monthQuerySchema, myMonthQuerySchema, positionSchema, weightsInputSchema, weightsSchema } from '../../../../common/appraisal/api';
import { POSITION_VALUES, ENUM_LABELS } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { forbidden, notFound } from '../../../errors';
import { writeWorkbook, type CellValue } from '../../../files/workbook';
import { ERRORS } from '../../../http/route-kit';
import { datedName, sendXlsx } from '../../../http/xlsx';
import { activeStaffMember, communityById, visibleCommunity } from '../../registry';
import { setWeights } from '../commands/weights';
import { appraiseMonth } from '../month';
import { appraisalPolicy, weightsPolicy } from '../policy';
import { weightsFor, weightsOf } from '../repository';

const tags = ['appraisal'];
const PART_HEADERS = ['姓名', '岗位', '品质检查', '时限达成', '业主评价', '投诉', '检查次数', '时限达成/超时', '评价次数', '投诉次数', '奖惩分', '奖惩金额（元）', '加权得分', '最终得分'];

/** The community the caller reads appraisals of (404 outside their reach, 403 for a role that may not). */
async function readableCommunity(db: DbOrTx, actor: Actor, communityId: string) {
  const community = await visibleCommunity(db, actor, communityId, { active: false });
  if (!community) throw notFound('entity.community');
  if (!appraisalPolicy.can(actor, 'read', { organizationId: community.organizationId, communityId: community.id })) throw forbidden();
  return community;
}

/** Weights per position, the monthly appraisal of a community (list, drill-down, export) and one's own. */
export async function appraisalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/appraisal/weights', {
    schema: { tags, summary: 'Appraisal weights per position', description: 'Every position, with the company’s weights or the defaults (`isDefault`). Managers and company admins.', response: { 200: z.object({ items: z.array(weightsSchema), canEdit: z.boolean() }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const organizationId = actor.organizationId;
    if (!organizationId || !weightsPolicy.can(actor, 'read', { organizationId })) return { items: [], canEdit: false };
    const all = await weightsOf(db, organizationId);
    return { items: POSITION_VALUES.map((position) => ({ position, ...weightsFor(all, position) })), canEdit: weightsPolicy.can(actor, 'set', { organizationId }) };
  });

  r.put('/api/v1/appraisal/weights/:position', {
    schema: {
      tags,
      summary: 'Set a position’s weights',
      description: 'The four weights are whole numbers 0–100 that add up to 100 (400 on each of them otherwise); `complaintDeduction` is the points a complaint costs. Company admins.',
      params: z.object({ position: positionSchema }),
      body: weightsInputSchema,
      response: { 200: weightsSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    await setWeights(db, ctx, request.params.position, request.body);
    return { position: request.params.position, ...weightsFor(await weightsOf(db, ctx.actor.organizationId!), request.params.position) };
  });

  r.get('/api/v1/appraisal/months', {
    schema: {
      tags,
      summary: 'Monthly appraisal of a community’s staff',
      description: 'Every staff member serving the community with the four parts (null: no data, which leaves the denominator), their counts, the weights of their position, approved rewards and penalties, the weighted total and the final score. Project manager, quality inspector, company admin.',
      querystring: monthQuerySchema,
      response: { 200: appraisalMonthSchema, ...ERRORS },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const community = await readableCommunity(db, actor, request.query.communityId);
    const { rows } = await appraiseMonth(db, { organizationId: community.organizationId, communityIds: [community.id], month: request.query.month, timeZone: community.timeZone });
    return { month: request.query.month, communityId: community.id, items: rows };
  });

  r.get('/api/v1/appraisal/months/export', {
    schema: { tags, summary: 'Monthly appraisal as xlsx', description: 'The same list as a spreadsheet, with the screen’s columns.', querystring: monthQuerySchema, response: { ...ERRORS } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const community = await readableCommunity(db, actor, request.query.communityId);
    const { rows } = await appraiseMonth(db, { organizationId: community.organizationId, communityIds: [community.id], month: request.query.month, timeZone: community.timeZone });
    const cells: CellValue[][] = rows.map((x) => [
      x.name,
      ENUM_LABELS.position[x.position][0],
      x.parts.inspection,
      x.parts.sla,
      x.parts.rating,
      x.parts.complaints,
      x.counts.inspections,
      `${x.counts.limitsMet}/${x.counts.limitsLate}`,
      x.counts.ratings,
      x.counts.complaints,
      x.incentivePoints,
      x.incentiveAmountFen / 100,
      x.total,
      x.final,
    ]);
    return sendXlsx(reply, await writeWorkbook([{ name: `${request.query.month} 考核`, headers: PART_HEADERS, rows: cells }]), datedName(`appraisal-${request.query.month}`));
  });

  r.get('/api/v1/appraisal/months/staff/:staffId', {
    schema: {
      tags,
      summary: 'One staff member’s month with its evidence',
      description: 'The row and everything behind it: inspections, time limits of their work orders, owners’ ratings, complaints naming them, approved rewards and penalties. A staff member who does not serve the community is 404.',
      params: z.object({ staffId: z.uuid() }),
      querystring: monthQuerySchema,
      response: { 200: appraisalEvidenceSchema, ...ERRORS },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const community = await readableCommunity(db, actor, request.query.communityId);
    const { rows, evidence } = await appraiseMonth(db, { organizationId: community.organizationId, communityIds: [community.id], month: request.query.month, timeZone: community.timeZone, staffId: request.params.staffId });
    const row = rows[0];
    if (!row) throw notFound('entity.staff');
    return { row, ...evidence.get(row.staffId)! };
  });

  r.get('/api/v1/appraisal/me', {
    schema: {
      tags,
      summary: 'My appraisal',
      description: 'The signed-in staff member’s month over the communities they serve, with its evidence. Anyone with a staff record; others get 404.',
      querystring: myMonthQuerySchema,
      response: { 200: appraisalEvidenceSchema, ...ERRORS },
    },
  }, async (request) => {
    const actor = requireActor(request);
    if (!actor.staffId || !actor.organizationId) throw notFound('entity.staff');
    const member = await activeStaffMember(db, actor.organizationId, actor.staffId);
    if (!member) throw notFound('entity.staff');
    const first = member.communityIds[0] ? await communityById(db, member.communityIds[0]) : null;
    const { rows, evidence } = await appraiseMonth(db, { organizationId: actor.organizationId, communityIds: member.communityIds, month: request.query.month, timeZone: first?.timeZone ?? 'Asia/Shanghai', staffId: member.id });
    const row = rows[0];
    if (!row) throw notFound('entity.staff');
    return { row, ...evidence.get(row.staffId)! };
  });
}
