import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { GATE_EXPORT_MAX, passListQuerySchema, slipListQuerySchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import type { Actor } from '../../../db/scope';
import { hasRole } from '../../../auth/policy';
import { forbidden, notFound } from '../../../errors';
import { writeWorkbook, type CellValue } from '../../../files/workbook';
import { assertExportSize, datedName, localDateTime, sendXlsx } from '../../../http/xlsx';
import { pinnedStandard } from '../../standards';
import { communityInfo, communityServed, listPasses, listSlips } from '../repository';
import { GATE_STAFF } from '../policy';
import { dayWindow } from './passes';
import { ERRORS, tags } from './shared';
import { readDb } from '../../../db/read-routing';

const WINDOW = 500;
// The column texts of the visitor and release logs in the console (src/web/pages/gate/gate-messages.ts).
const PASS_HEADERS = ['访客', '人数', '到访房屋', '来源', '有效时段', '入园', '离开', '状态', '通行码'];
const SLIP_HEADERS = ['房屋', '放行物品', '搬运人', '开具时间', '开具人', '放行时间', '放行人', '状态', '放行码'];
const ORIGIN = { pre_registered: '住户预约', walk_in: '临时访客', decoration: '装修施工' } as const;

/** Exports are for the company's gate staff and desk, not for residents. */
function assertGateStaff(actor: Actor): void {
  if (!hasRole(actor, ...GATE_STAFF)) throw forbidden();
}

/** A community filter must be one the caller serves (404 like a random id otherwise). */
async function checkCommunity(db: DbOrTx, actor: Actor, communityId: string | undefined): Promise<void> {
  if (communityId && !(await communityServed(db, actor, communityId))) throw notFound('entity.community');
}

/** The state's name in the standard the item runs under. */
async function stateName(db: DbOrTx, standardVersionId: string, state: string): Promise<string> {
  const { definition } = await pinnedStandard(db, standardVersionId);
  return definition.states.find((s) => s.key === state)?.name['zh-CN'] ?? state;
}

/** `GET /api/v1/gate/passes/export` and `/slips/export`: the visitor and release logs as xlsx, with the screen's filters. */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/gate/passes/export',
    {
      schema: {
        tags,
        summary: 'Export the visitor log to Excel',
        description: `The passes of the same filters as GET /api/v1/gate/passes, with the columns of the screen (Chinese; no phone numbers). At most ${GATE_EXPORT_MAX} records: past that, 400 EXPORT_TOO_LARGE with the count.`,
        querystring: passListQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const { actor } = contextOf(request);
      assertGateStaff(actor);
      const { date, ...filter } = request.query;
      await checkCommunity(db, actor, filter.communityId);
      const overlaps = await dayWindow(db, date, filter.communityId);
      assertExportSize((await listPasses(db, actor, { ...filter, overlaps, page: 1, pageSize: 1 })).total, GATE_EXPORT_MAX);
      const rows: CellValue[][] = [];
      for (let page = 1; (page - 1) * WINDOW < GATE_EXPORT_MAX; page++) {
        const { items } = await listPasses(db, actor, { ...filter, overlaps, page, pageSize: WINDOW });
        const places = await communityInfo(db, items.map((p) => p.communityId));
        for (const p of items) {
          const place = places.get(p.communityId);
          const tz = place?.timeZone;
          rows.push([
            p.visitorName,
            p.partySize,
            `${place?.name ?? ''} ${p.unitLabel}`,
            ORIGIN[p.origin],
            `${localDateTime(p.validFrom, tz)} – ${localDateTime(p.validUntil, tz)}`,
            localDateTime(p.enteredAt, tz),
            localDateTime(p.exitedAt, tz),
            await stateName(db, p.standardVersionId, p.state),
            p.code,
          ]);
        }
        if (items.length < WINDOW) break;
      }
      const data = await writeWorkbook([{ name: '访客记录', headers: PASS_HEADERS, rows, widths: [14, 6, 24, 10, 36, 18, 18, 10, 10] }]);
      return sendXlsx(reply, data, datedName('visitor-log'));
    },
  );

  r.get(
    '/api/v1/gate/slips/export',
    {
      schema: {
        tags,
        summary: 'Export the goods-release log to Excel',
        description: `The slips of the same filters as GET /api/v1/gate/slips, with the columns of the screen (Chinese; no phone numbers). At most ${GATE_EXPORT_MAX} records: past that, 400 EXPORT_TOO_LARGE with the count.`,
        querystring: slipListQuerySchema.omit({ page: true, pageSize: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const { actor } = contextOf(request);
      assertGateStaff(actor);
      await checkCommunity(db, actor, request.query.communityId);
      assertExportSize((await listSlips(db, actor, { ...request.query, page: 1, pageSize: 1 })).total, GATE_EXPORT_MAX);
      const rows: CellValue[][] = [];
      for (let page = 1; (page - 1) * WINDOW < GATE_EXPORT_MAX; page++) {
        const { items } = await listSlips(db, actor, { ...request.query, page, pageSize: WINDOW });
        const places = await communityInfo(db, items.map((s) => s.communityId));
        for (const s of items) {
          const place = places.get(s.communityId);
          const tz = place?.timeZone;
          rows.push([
            `${place?.name ?? ''} ${s.unitLabel}`,
            s.items.map((i) => `${i.name}×${i.quantity}`).join('、'),
            s.carrierName,
            localDateTime(s.createdAt, tz),
            s.createdBy.name,
            s.release ? localDateTime(s.release.at, tz) : null,
            s.release?.by.name ?? null,
            await stateName(db, s.standardVersionId, s.state),
            s.code,
          ]);
        }
        if (items.length < WINDOW) break;
      }
      const data = await writeWorkbook([{ name: '放行记录', headers: SLIP_HEADERS, rows, widths: [24, 36, 12, 18, 10, 18, 10, 10, 10] }]);
      return sendXlsx(reply, data, datedName('goods-release-log'));
    },
  );
}
