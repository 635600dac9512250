import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workOrderListQuerySchema, type WorkOrderListQuery } from '../../../../common/work-orders';
import { hasRole } from '../../../auth/policy';
import { requireActor } from '../../../auth/plugin';
import { forbidden } from '../../../errors';
import { writeWorkbook, type CellValue } from '../../../files/workbook';
import { datedName, sendXlsx } from '../../../http/xlsx';
import { presentSummary } from '../presenter';
import { decodeCursor, listWorkOrders, namesFor } from '../repository';
import { pinnedStandard } from '../../standards';
import { ERRORS, tags } from './shared';
import { readDb } from '../../../db/read-routing';

/** Most orders one export holds; narrow the filters for more. */
export const WORK_ORDER_EXPORT_MAX = 50_000;
const WINDOW = 500;

const HEADERS = ['单号', '类型', '状态', '项目', '房号', '类别', '紧急程度', '有偿', '报事人', '联系电话', '维修人员', '预约时间', '最近到期', '时限', '受理时间'];
const KIND = { repair: '报修', complaint: '投诉', inquiry: '咨询' } as const;
const PHASE = { ok: '正常', warning: '即将到期', breached: '已超时' } as const;

/** Local time in the company's default zone, as staff read it in the console. */
const local = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : null;

/** `GET /api/v1/work-orders/export`: the filtered list as xlsx, phones masked. */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/work-orders/export',
    {
      schema: {
        tags,
        summary: 'Export work orders to Excel',
        description: `The list with the same filters and sort as GET /api/v1/work-orders, as xlsx (Chinese headers, phones masked), at most ${WORK_ORDER_EXPORT_MAX} rows.`,
        querystring: workOrderListQuerySchema.omit({ page: true, pageSize: true, cursor: true }),
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!actor.staffId && !hasRole(actor, 'company_admin', 'platform_admin')) throw forbidden();
      const now = new Date();
      // An export reads a replica when there is one (db/read-routing.ts).
      const db = readDb(app, request);
      const rows: CellValue[][] = [];
      // Windows follow the keyset cursor (no deep OFFSET, no count per window).
      let cursor: string | null = null;
      for (let page = 1; (page - 1) * WINDOW < WORK_ORDER_EXPORT_MAX; page++) {
        const query: WorkOrderListQuery = { ...request.query, page: 1, pageSize: WINDOW };
        const window: Awaited<ReturnType<typeof listWorkOrders>> = await listWorkOrders(db, actor, query, now, {
          count: false,
          cursor: cursor === null ? null : decodeCursor(cursor, query.sort),
        });
        const orders = window.rows;
        cursor = window.nextCursor;
        const names = await namesFor(db, orders);
        for (const order of orders) {
          const standard = (await pinnedStandard(db, order.standardVersionId)).definition;
          const s = presentSummary(
            actor,
            order,
            standard,
            { community: names.communities.get(order.communityId) ?? '', assignee: order.assigneeStaffId ? (names.staff.get(order.assigneeStaffId) ?? null) : null },
            now,
          );
          rows.push([
            s.number,
            KIND[s.kind],
            s.statusName['zh-CN'],
            s.community.name,
            s.unit?.label ?? null,
            s.categoryName?.['zh-CN'] ?? s.category,
            s.urgency === 'emergency' ? '紧急' : s.urgency === 'routine' ? '日常' : null,
            s.paid ? '是' : '否',
            s.reporter?.name ?? null,
            s.reporter?.phone ?? null,
            s.assignee?.name ?? null,
            local(s.appointmentAt),
            local(s.nextDueAt),
            s.slaPhase ? PHASE[s.slaPhase] : null,
            local(s.createdAt),
          ]);
        }
        if (orders.length < WINDOW) break;
      }
      const data = await writeWorkbook([{ name: '工单', headers: HEADERS, rows }]);
      return sendXlsx(reply, data, datedName('work-orders'));
    },
  );
}
