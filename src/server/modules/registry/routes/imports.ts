import { readUpload } from '../../../http/upload';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ImportKind } from '../../../../common/registry';
import { contextOf, requireActor } from '../../../auth/plugin';
import type { Actor } from '../../../db/scope';
import { AppError, notFound } from '../../../errors';
import { t } from '../../../i18n/messages';
import { importSheet } from '../commands/import-sheet';
import { templateWorkbook } from '../import/export-sheets';
import { readSheet } from '../../../files/workbook';
import { buildingsPolicy, residentsPolicy, unitsPolicy } from '../policy';
import { findCommunity } from '../repository/communities';
import { importKindParamsSchema, importQuerySchema, importResultSchema } from '../schemas';
import { ERRORS, sendXlsx } from './shared';

const tags = ['registry: import'];
const TEMPLATE_NAMES: Record<ImportKind, string> = { buildings: '楼栋导入模板.xlsx', units: '房屋导入模板.xlsx', residents: '住户导入模板.xlsx' };

function assertMayImport(actor: Actor, kind: ImportKind): void {
  if (kind === 'residents') residentsPolicy.assert(actor, 'import', undefined);
  else (kind === 'buildings' ? buildingsPolicy : unitsPolicy).assert(actor, 'import', undefined);
}

/** Import of buildings, units and residents from xlsx or csv: template download, dry run and commit. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get(
    '/api/v1/imports/:kind/template',
    {
      schema: {
        tags,
        summary: 'Download an import template',
        description:
          'An xlsx file with the Chinese column headers (e.g. units: 楼栋, 楼层, 房号, 面积(㎡), 用途, 状态) and a sheet explaining each column.',
        params: importKindParamsSchema,
        response: ERRORS,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      assertMayImport(actor, request.params.kind);
      return sendXlsx(reply, await templateWorkbook(request.params.kind), TEMPLATE_NAMES[request.params.kind]);
    },
  );

  r.post(
    '/api/v1/imports/:kind',
    {
      schema: {
        tags,
        summary: 'Import rows from an xlsx or csv file',
        description:
          'multipart/form-data with one `file` (xlsx, or csv in UTF-8 or GB18030; at most 20 MB). Enumerations accept Chinese labels ' +
          '(住宅/商铺/车位/储藏室, 已入住/空置/装修中, 业主/家庭成员/租户) or codes. `mode=dry-run` only validates; `mode=commit` validates again ' +
          'and writes all rows in one transaction, or nothing when any row has a problem. Problems name the Excel row (header = row 1) and column.',
        params: importKindParamsSchema,
        querystring: importQuerySchema,
        consumes: ['multipart/form-data'],
        response: { 200: importResultSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { kind } = request.params;
      const { communityId, mode } = request.query;
      assertMayImport(ctx.actor, kind);
      const community = await findCommunity(db, ctx.actor, communityId);
      if (!community || community.community.archivedAt) throw notFound('entity.community');
      const upload = await readUpload(request);
      if (!upload) throw new AppError('BAD_REQUEST', 'error.fileRequired');
      const { file, data } = upload;
      const sheet = await readSheet(data);
      const outcome = await importSheet(db, ctx, kind, community.community, sheet, mode, file.filename);
      return {
        ok: outcome.ok,
        mode,
        rows: outcome.rows,
        created: outcome.created,
        errors: outcome.problems.map((p) => ({ row: p.row, column: p.column, message: t(request.locale, p.problem.key, p.problem.params) })),
      };
    },
  );
}
