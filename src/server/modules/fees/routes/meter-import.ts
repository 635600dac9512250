import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { meterImportResultSchema } from '../../../../common/fee-bank';
import { contextOf } from '../../../auth/plugin';
import { AppError } from '../../../errors';
import { readSheet, writeWorkbook } from '../../../files/workbook';
import { ERRORS } from '../../../http/route-kit';
import { readUpload } from '../../../http/upload';
import { sendXlsx } from '../../../http/xlsx';
import { t } from '../../../i18n/messages';
import { importReadings, READING_COLUMNS } from '../commands/readings-import';
import { fromMilli, meterContext, meterScope, previousOf } from '../meters';
import { meterPolicy } from '../ops-policy';
import { feeMeterReadings, feeMeters } from '../ops-tables';
import { meterCommunity } from './meters';

const tags = ['fee meters'];
const C = READING_COLUMNS;

/** Meter readings from Excel: the walking sheet as a template, and its import (dry run and commit). */
export async function feeMeterImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/fee-meter-readings/import-template', {
    schema: {
      tags,
      summary: 'Download the readings template of a community',
      description: `An xlsx walking sheet: every active meter in building/floor/unit order with its previous reading (${C.serialNo}, ${C.building}, ${C.unit}, ${C.item}, ${C.previous}, ${C.previousOn}); fill in ${C.reading} and, if not today, ${C.readOn}. Service desk, technician, project manager, company admin.`,
      querystring: z.object({ communityId: z.uuid(), itemId: z.uuid().optional() }),
      response: ERRORS,
    },
  }, async (request, reply) => {
    const { actor } = contextOf(request);
    const q = request.query;
    const community = await meterCommunity(db, actor, q.communityId);
    meterPolicy.assert(actor, 'enter', { organizationId: community.organizationId, communityId: community.id });
    const c = await meterContext(db, community.id);
    const meters = (await db.select().from(feeMeters).where(and(eq(feeMeters.communityId, community.id), meterScope(actor), eq(feeMeters.status, 'active'), q.itemId ? eq(feeMeters.itemId, q.itemId) : undefined)))
      .filter((m) => c.units.has(m.unitId))
      .sort((a, b) => c.units.get(a.unitId)!.order - c.units.get(b.unitId)!.order || a.serialNo.localeCompare(b.serialNo));
    const accepted = meters.length
      ? await db.select().from(feeMeterReadings).where(and(inArray(feeMeterReadings.meterId, meters.map((m) => m.id)), eq(feeMeterReadings.status, 'accepted'))).orderBy(desc(feeMeterReadings.readOn), desc(feeMeterReadings.seq))
      : [];
    const rows = meters.map((m) => {
      const prev = previousOf(m, accepted.filter((x) => x.meterId === m.id));
      const label = c.units.get(m.unitId)!.label;
      const cut = label.lastIndexOf(' ');
      return [m.serialNo, label.slice(0, cut), label.slice(cut + 1), c.items.get(m.itemId)?.name ?? '', fromMilli(prev.milli), prev.on, null, null];
    });
    const data = await writeWorkbook([
      { name: '抄表', headers: [C.serialNo, C.building, C.unit, C.item, C.previous, C.previousOn, C.reading, C.readOn], rows, widths: [14, 10, 10, 12, 12, 14, 12, 14] },
      {
        name: '填写说明',
        headers: ['列', '必填', '说明'],
        rows: [
          [C.serialNo, '是', '本项目在用的表号，勿改'],
          [C.reading, '是', '不小于 0 的数字，最多三位小数；留空的行不导入'],
          [C.readOn, '否', '例如 2026-11-30，留空为今天；不能早于上次抄表日期'],
          [C.previous, '否', '仅供参考；低于上次读数或用量远高于平时的读数将待审核，不计费'],
        ],
        widths: [14, 8, 60],
      },
    ]);
    return sendXlsx(reply, data, `抄表导入模板-${community.name}.xlsx`);
  });

  r.post('/api/v1/fee-meter-readings/import', {
    schema: {
      tags,
      summary: 'Import meter readings from Excel',
      description:
        `multipart/form-data with one \`file\` (the template's xlsx, or csv; at most 20 MB). Columns ${C.serialNo} and ${C.reading} (${C.readOn} optional, default today); rows without a reading are skipped. ` +
        'Every reading is judged as on the walk: billed, or held for review when lower than the last or far above the usual use. `mode=dry-run` only previews; `mode=commit` writes every row in one transaction, or nothing when any row has a problem. ' +
        'Problems name the Excel row and column. Service desk, technician, project manager, company admin.',
      querystring: z.object({ communityId: z.uuid(), mode: z.enum(['dry-run', 'commit']).default('dry-run') }),
      consumes: ['multipart/form-data'],
      response: { 200: meterImportResultSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const community = await meterCommunity(db, ctx.actor, request.query.communityId);
    meterPolicy.assert(ctx.actor, 'enter', { organizationId: community.organizationId, communityId: community.id });
    const upload = await readUpload(request);
    if (!upload) throw new AppError('BAD_REQUEST', 'error.fileRequired');
    const sheet = await readSheet(upload.data);
    const out = await importReadings(db, ctx, community, sheet, upload.file.filename, request.query.mode === 'commit');
    return {
      ok: out.problems.length === 0,
      mode: request.query.mode,
      rows: out.rows,
      accepted: out.rows.filter((x) => x.status === 'accepted').length,
      held: out.rows.filter((x) => x.status === 'held').length,
      created: out.created,
      errors: out.problems.map((p) => ({ row: p.row, column: p.column, message: 'text' in p.problem ? p.problem.text[request.locale] : t(request.locale, p.problem.key, p.problem.params) })),
    };
  });
}
