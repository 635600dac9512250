import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../../common/api';
import { contextOf } from '../../../auth/plugin';
import { inTransaction } from '../../../db/transaction';
import { AppError } from '../../../errors';
import { sendXlsx } from '../../../http/xlsx';
import { recordAudit } from '../../audit';
import { gateRecordsOfResident } from '../../gate';
import { messagesTo } from '../../outbound';
import { residentProfile } from '../../registry';
import { ordersReportedBy } from '../../work-orders';
import { portalPolicy } from '../policy';
import { unitsOfResident } from '../repository';

const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Rows of one sheet from plain objects: the keys of the first row are the header. */
function addSheet(wb: ExcelJS.Workbook, name: string, rows: Array<Record<string, unknown>>): void {
  const sheet = wb.addWorksheet(name);
  if (!rows.length) return;
  const keys = Object.keys(rows[0]!);
  sheet.addRow(keys);
  for (const row of rows) sheet.addRow(keys.map((k) => (typeof row[k] === 'object' && row[k] !== null ? JSON.stringify(row[k]) : row[k])));
}

/** A resident's download of their own data (PIPL art. 45: the right to access and copy). */
export async function myDataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get(
    '/api/v1/portal/me/data',
    {
      schema: {
        tags: ['portal'],
        summary: 'Download my own data',
        description:
          "The signed-in resident's own data in this company: profile (in full: it is their own), units, the work orders they " +
          'reported with the timeline texts residents see, the visitor passes they registered, the release slips they issued and ' +
          'the messages sent to their phone. `format=json` (default) or `xlsx` (one sheet per part). Every download is audited.',
        querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
        response: { 200: z.any(), ...ERRORS },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      portalPolicy.assert(ctx.actor, 'usePortal', undefined);
      const residentId = ctx.actor.residentId;
      const profile = residentId ? await residentProfile(db, residentId) : null;
      if (!residentId || !profile || profile.organizationId !== ctx.actor.organizationId) throw new AppError('NOT_FOUND', 'error.notFound', { entity: 'entity.resident' });
      const organizationId = profile.organizationId;
      const [units, orders, gate, messages] = await Promise.all([
        unitsOfResident(db, residentId),
        ordersReportedBy(db, organizationId, residentId),
        gateRecordsOfResident(db, organizationId, residentId),
        messagesTo(db, organizationId, profile.phone),
      ]);
      const { organizationId: _org, ...person } = profile;
      const data = {
        exportedAt: new Date().toISOString(),
        profile: person,
        units: units.map((u) => ({ community: u.communityName, unit: u.label, relation: u.relation, state: u.state })),
        workOrders: orders,
        passes: gate.passes,
        slips: gate.slips,
        messages,
      };
      await inTransaction(db, (tx) =>
        // Recorded against the person's own account, like their sign-ins: an act on their own data.
        recordAudit(tx, ctx, { organizationId, entityType: 'user', entityId: ctx.actor.userId, action: 'export_own_data', after: { residentId, format: request.query.format } }),
      );
      const stamp = data.exportedAt.slice(0, 10);
      if (request.query.format === 'xlsx') {
        const wb = new ExcelJS.Workbook();
        addSheet(wb, 'profile', [{ ...person, plates: person.plates.join(', ') }]);
        addSheet(wb, 'units', data.units);
        addSheet(wb, 'work-orders', orders.map(({ timeline: _t, ...o }) => o));
        addSheet(wb, 'timeline', orders.flatMap((o) => o.timeline.map((e) => ({ order: o.number, ...e }))));
        addSheet(wb, 'passes', gate.passes);
        addSheet(wb, 'slips', gate.slips);
        addSheet(wb, 'messages', messages);
        return sendXlsx(reply, Buffer.from(await wb.xlsx.writeBuffer()), `my-data-${stamp}.xlsx`);
      }
      return reply
        .header('content-disposition', `attachment; filename="my-data-${stamp}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );
}
