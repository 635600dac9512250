import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  CERTIFICATE_KIND_LABELS,
  certificateInputSchema,
  certificatePageSchema,
  certificateQuerySchema,
  certificateSchema,
  certificateUpdateSchema,
  myTrainingSchema,
  preJobHold,
  preJobHoldText,
  preJobStatusSchema,
} from '../../../../common/training';
import { contextOf, requireActor } from '../../../auth/plugin';
import { notFound } from '../../../errors';
import { writeWorkbook, type CellValue } from '../../../files/workbook';
import { ERRORS, idParams } from '../../../http/route-kit';
import { assertExportSize, datedName, sendXlsx } from '../../../http/xlsx';
import { localDateToday } from '../../../work/staff-eligibility';
import { activeStaffMember, checkReferences, type StaffMember } from '../../registry';
import { createCertificate, findCertificate, updateCertificate } from '../commands/certificates';
import { readsTraining } from '../policy';
import { presentCertificates, presentSessions } from '../presenter';
import { listCertificates, ownTraining } from '../repository';

const tags = ['training'];
const EXPORT_MAX = 20_000;
const HEADERS = ['员工', '证书', '证书编号', '发证日期', '有效期至', '状态', '剩余天数'];
const STATE = { valid: '有效', expiring: '即将到期', expired: '已过期' } as const;

function preJobStatus(member: StaffMember, today: string): z.infer<typeof preJobStatusSchema> {
  const hold = preJobHold(member, today);
  return {
    staffId: member.id,
    held: hold !== null,
    startedOn: member.trainingStartedOn ?? hold?.startedOn ?? null,
    earliestCompletion: hold?.earliestCompletion ?? null,
    completedOn: member.trainingCompletedOn,
    reason: hold ? preJobHoldText(hold) : null,
  };
}

/** Certificates with expiry, the pre-job training status and the staff member's own record. */
export async function certificateRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/training/certificates', {
    schema: {
      tags,
      summary: 'Staff certificates',
      description: `Current certificates of staff serving the caller's communities, the soonest to expire first; filters by community, staff member, kind and state (expiring: within 30 days). format=xlsx downloads the filtered list (at most ${EXPORT_MAX} rows).`,
      querystring: certificateQuerySchema,
      response: { 200: certificatePageSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { page, pageSize, format, ...q } = request.query;
    const today = localDateToday();
    if (format === 'xlsx') {
      const rows: CellValue[][] = [];
      if (readsTraining(actor)) {
        const { rows: all, total } = await listCertificates(db, actor, q, today, { limit: EXPORT_MAX + 1, offset: 0 });
        assertExportSize(total, EXPORT_MAX);
        for (const c of await presentCertificates(db, all, today)) rows.push([c.staffName, CERTIFICATE_KIND_LABELS[c.kind]['zh-CN'], c.number, c.issuedOn, c.expiresOn, STATE[c.state], c.daysLeft]);
      }
      return sendXlsx(reply, await writeWorkbook([{ name: '员工证书', headers: HEADERS, rows, widths: [12, 18, 22, 12, 12, 10, 10] }]), datedName('staff-certificates'));
    }
    if (!readsTraining(actor)) return { items: [], total: 0, page, pageSize };
    const { rows, total } = await listCertificates(db, actor, q, today, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: await presentCertificates(db, rows, today), total, page, pageSize };
  });

  r.post('/api/v1/training/certificates', {
    schema: { tags, summary: 'Record a certificate', description: 'Managers; the holder must be a staff member the caller may see.', body: certificateInputSchema, response: { 201: certificateSchema, ...ERRORS } },
  }, async (request, reply) => {
    const row = await createCertificate(db, contextOf(request), request.body);
    const [c] = await presentCertificates(db, [row], localDateToday());
    return reply.status(201).send(c!);
  });

  r.get('/api/v1/training/certificates/:id', {
    schema: { tags, summary: 'A certificate (withdrawn ones too)', params: idParams, response: { 200: certificateSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const row = readsTraining(ctx.actor) ? await findCertificate(db, ctx, request.params.id) : null;
    if (!row) throw notFound('entity.staffCertificate');
    const [c] = await presentCertificates(db, [row], localDateToday());
    return c!;
  });

  r.patch('/api/v1/training/certificates/:id', {
    schema: { tags, summary: 'Renew or withdraw a certificate', params: idParams, body: certificateUpdateSchema, response: { 200: certificateSchema, ...ERRORS } },
  }, async (request) => {
    const row = await updateCertificate(db, contextOf(request), request.params.id, request.body);
    const [c] = await presentCertificates(db, [row], localDateToday());
    return c!;
  });

  r.get('/api/v1/training/staff/:id/pre-job', {
    schema: { tags, summary: 'Pre-job training status', description: 'Whether the staff member is held from solo work by pre-job training, and until when.', params: idParams, response: { 200: preJobStatusSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const hidden = await checkReferences(db, actor, [{ field: 'id', kind: 'staff', id: request.params.id }], { active: true });
    const member = actor.organizationId && !Object.keys(hidden).length ? await activeStaffMember(db, actor.organizationId, request.params.id) : null;
    if (!member || !readsTraining(actor)) throw notFound('entity.staff');
    return preJobStatus(member, localDateToday());
  });

  r.get('/api/v1/training/me', {
    schema: { tags, summary: 'My training record', description: 'The caller’s own pre-job status, sessions and certificates (staff accounts; others get an empty record).', response: { 200: myTrainingSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const member = actor.staffId && actor.organizationId ? await activeStaffMember(db, actor.organizationId, actor.staffId) : null;
    if (!member) return { preJob: null, sessions: [], certificates: [] };
    const today = localDateToday();
    const own = await ownTraining(db, member.organizationId, member.id);
    return { preJob: preJobStatus(member, today), sessions: await presentSessions(db, own.sessions), certificates: await presentCertificates(db, own.certificates, today) };
  });
}
