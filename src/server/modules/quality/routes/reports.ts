import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { drillPageSchema, drillQuerySchema, QUALITY_EXPORT_MAX, qualityReportSchema, reportQuerySchema } from '../../../../common/quality/reports';
import { requireActor } from '../../../auth/plugin';
import { writeWorkbook } from '../../../files/workbook';
import { ERRORS } from '../../../http/route-kit';
import { assertExportSize, localDateTime, sendXlsx } from '../../../http/xlsx';
import { communityNames, staffNames } from '../../registry';
import { drillInspections, qualityReport } from '../reports';
import { readDb } from '../../../db/read-routing';

const tags = ['quality'];
const ROLES_TEXT = 'Quality inspector, project manager or company admin; only the communities the caller serves (404 for another).';

/** Score reports: the figures, the inspections behind a figure, and both as Excel. */
export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/quality/report', {
    schema: {
      tags,
      summary: 'Inspection score report',
      description:
        'Mean scores and missed inspections between two local dates (at most 366 days): in total, per week or month (per community and all ' +
        'together), per community, category, post and staff member inspected, a categories × communities matrix and the ten items failed ' +
        'most often. Means are over submitted inspections that have a score; scores stand as re-inspections left them. ' + ROLES_TEXT,
      querystring: reportQuerySchema,
      response: { 200: qualityReportSchema, ...ERRORS },
    },
  }, async (request) => qualityReport(readDb(app, request), requireActor(request), request.query));

  r.get('/api/v1/quality/report/inspections', {
    schema: {
      tags,
      summary: 'Inspections behind a figure of the report',
      description: 'The same scope and dates as GET /api/v1/quality/report, narrowed to a trend point, a post, a staff member, a category or a failed item; lowest score first. ' + ROLES_TEXT,
      querystring: drillQuerySchema,
      response: { 200: drillPageSchema, ...ERRORS },
    },
  }, async (request) => drillInspections(readDb(app, request), requireActor(request), request.query));

  r.get('/api/v1/quality/report/export', {
    schema: {
      tags,
      summary: 'Export the score report to Excel',
      description:
        'The report of the same filters as GET /api/v1/quality/report/inspections as xlsx (Chinese): the inspections behind it, then one sheet ' +
        `per breakdown. At most ${QUALITY_EXPORT_MAX} inspections: past that, 400 EXPORT_TOO_LARGE with the count.`,
      querystring: drillQuerySchema.extend({ period: reportQuerySchema.shape.period.optional(), trendPoint: drillQuerySchema.shape.period }),
      response: ERRORS,
    },
  }, async (request, reply) => {
    const db = readDb(app, request); // may read a replica (db/read-routing.ts)
    const actor = requireActor(request);
    const q = request.query;
    const period = q.period ?? 'month';
    const drillQuery = { ...q, period: q.trendPoint, periodType: q.trendPoint ? period : undefined };
    const first = await drillInspections(db, actor, { ...drillQuery, page: 1, pageSize: 1 });
    assertExportSize(first.total, QUALITY_EXPORT_MAX);
    const [report, list] = await Promise.all([qualityReport(db, actor, { communityId: q.communityId, from: q.from, to: q.to, period }), drillInspections(db, actor, drillQuery, QUALITY_EXPORT_MAX)]);
    const names = await communityNames(db, [...new Set([...list.items.map((i) => i.communityId), ...report.communities.map((c) => c.communityId)])]);
    const people = await staffNames(db, list.items.flatMap((i) => (i.inspectedStaffId ? [i.inspectedStaffId] : [])));
    const communityName = (id: string) => names.get(id)?.name ?? '';
    const categoryName = new Map(report.categories.map((c) => [c.key, c.name['zh-CN']]));
    const data = await writeWorkbook([
      {
        name: '检查记录',
        headers: ['编号', '项目', '岗位/区域', '检查表', '开始时间', '状态', '得分', '不合格项', '检查人', '被检查人'],
        rows: list.items.map((i) => [i.number, communityName(i.communityId), i.place, i.templateName['zh-CN'], localDateTime(i.startsAt, names.get(i.communityId)?.timeZone), i.stateName['zh-CN'], i.score, i.failedCount, i.inspectorName, i.inspectedStaffId ? (people.get(i.inspectedStaffId) ?? '') : null]),
        widths: [18, 16, 14, 18, 18, 10, 8, 10, 12, 12],
      },
      {
        name: period === 'week' ? '按周' : '按月',
        headers: [period === 'week' ? '周（起始日）' : '月份', '项目', '平均分', '已检查', '漏检'],
        rows: report.trend.map((t) => [period === 'week' ? t.period : t.period.slice(0, 7), t.communityId ? communityName(t.communityId) : '全部', t.average, t.submitted, t.missed]),
        widths: [14, 18, 10, 10, 10],
      },
      { name: '各项目', headers: ['项目', '平均分', '已检查', '漏检'], rows: report.communities.map((c) => [c.name, c.average, c.submitted, c.missed]), widths: [18, 10, 10, 10] },
      {
        name: '分类×项目',
        headers: ['分类', '项目', '平均分', '检查次数'],
        rows: report.matrix.map((m) => [categoryName.get(m.categoryKey) ?? m.categoryKey, communityName(m.communityId), m.average, m.scored]),
        widths: [18, 18, 10, 10],
      },
      { name: '各岗位', headers: ['项目', '岗位/区域', '平均分', '已检查', '漏检'], rows: report.posts.map((p) => [communityName(p.communityId), p.place, p.average, p.submitted, p.missed]), widths: [18, 16, 10, 10, 10] },
      { name: '各员工', headers: ['员工', '平均分', '被检查次数'], rows: report.staff.map((s) => [s.name, s.average, s.submitted]), widths: [14, 10, 12] },
      { name: '问题最多的检查项', headers: ['分类', '检查项', '不合格次数'], rows: report.worstItems.map((w) => [categoryName.get(w.categoryKey) ?? w.categoryKey, w.text['zh-CN'], w.failures]), widths: [18, 40, 12] },
    ]);
    return sendXlsx(reply, data, `quality-report-${q.from}-${q.to}.xlsx`);
  });
}
