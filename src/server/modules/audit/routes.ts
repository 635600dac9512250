import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../../common/api';
import { AUDIT_ENTITY_LABELS, AUDIT_EXPORT_MAX, AUDIT_FIELD_LABELS, auditActionName, auditLabel, auditValueText, type AuditEntry } from '../../../common/audit';
import { requireActor } from '../../auth/plugin';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { notFound } from '../../errors';
import { writeWorkbook, type CellValue } from '../../files/workbook';
import { assertExportSize, datedName, localDateTime, sendXlsx } from '../../http/xlsx';
import { auditEntityKind, auditEntityNames } from './entities';
import { auditPolicy } from './policy';
import { presentAuditEntry } from './presenter';
import { auditActors, auditRows, auditWhere, countAudit, listAudit } from './repository';
import { auditActorsSchema, auditFilterSchema, auditPageSchema, auditQuerySchema, type AuditFilter } from './schemas';
import { readDb } from '../../db/read-routing';

const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const tags = ['audit'];
const WINDOW = 500;

/** A community filter must name a community of the caller's company (404 like a random id otherwise). */
async function checkCommunity(db: DbOrTx, actor: Actor, q: AuditFilter): Promise<void> {
  if (!q.communityId || !actor.organizationId) return;
  const found = await auditEntityKind('community')?.names(db, actor.organizationId, 'community', [q.communityId]);
  if (!found?.has(q.communityId)) throw notFound('entity.community');
}

/** A page of records with their entities named, one lookup per entity type. */
async function present(db: DbOrTx, rows: Awaited<ReturnType<typeof auditRows>>): Promise<AuditEntry[]> {
  const names = await auditEntityNames(db, rows);
  return rows.map((row) => presentAuditEntry(row, names));
}

/** The changes of a record in one cell, as the screen shows them: `名称: 旧 → 新`. */
function changesText(entry: AuditEntry): string {
  const before = entry.summary.before ?? {};
  const after = entry.summary.after ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((field) => {
      const label = auditLabel(AUDIT_FIELD_LABELS, 'zh-CN', field);
      if (field in before && field in after) return `${label}: ${auditValueText(before[field])} → ${auditValueText(after[field])}`;
      return `${label}: ${auditValueText(field in after ? after[field] : before[field])}`;
    })
    .join('\n');
}

/** The audit trail, for admins: the list, the people in it, and its Excel export. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'List audit records',
        description:
          'Every write of the product, newest first. Company admins see their organization. Each record names its entity by ' +
          'number or name (`entity`) and, for a step of a standard, the step (`actionName`). `communityId` keeps the records ' +
          'about that community and what belongs to it (404 for a community of another company).',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const actor = requireActor(request);
      auditPolicy.assert(actor, 'read', undefined);
      await checkCommunity(db, actor, request.query);
      const { rows, total } = await listAudit(db, actor, request.query);
      return { items: await present(db, rows), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  r.get(
    '/api/v1/audit/actors',
    {
      schema: {
        tags,
        summary: 'People in the audit log',
        description: 'Accounts that acted in the caller’s audit log, most recent first (at most 500), for the person filter.',
        response: { 200: auditActorsSchema, ...ERRORS },
      },
    },
    async (request) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const actor = requireActor(request);
      auditPolicy.assert(actor, 'read', undefined);
      return { items: await auditActors(db, actor) };
    },
  );

  r.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags,
        summary: 'Export audit records to Excel',
        description: `The records of the same filters as GET /api/v1/audit as xlsx, with the columns of the screen (Chinese). At most ${AUDIT_EXPORT_MAX} records: past that, 400 EXPORT_TOO_LARGE with the count.`,
        querystring: auditFilterSchema,
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const db = readDb(app, request); // may read a replica (db/read-routing.ts)
      const actor = requireActor(request);
      auditPolicy.assert(actor, 'read', undefined);
      await checkCommunity(db, actor, request.query);
      const where = auditWhere(actor, request.query);
      assertExportSize(await countAudit(db, where), AUDIT_EXPORT_MAX);
      const rows: CellValue[][] = [];
      for (let offset = 0; offset < AUDIT_EXPORT_MAX; offset += WINDOW) {
        const page = await auditRows(db, where, WINDOW, offset);
        for (const e of await present(db, page)) {
          rows.push([
            localDateTime(e.at),
            e.actor?.id ? e.actor.displayName : '系统',
            auditLabel(AUDIT_ENTITY_LABELS, 'zh-CN', e.entityType),
            e.entity?.label ?? e.entityId,
            auditActionName(e, 'zh-CN'),
            changesText(e),
          ]);
        }
        if (page.length < WINDOW) break;
      }
      const data = await writeWorkbook([{ name: '操作日志', headers: ['时间', '操作人', '对象类型', '对象', '操作', '变更内容'], rows, widths: [18, 14, 14, 24, 16, 80] }]);
      return sendXlsx(reply, data, datedName('audit-log'));
    },
  );
}
