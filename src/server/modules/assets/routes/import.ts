import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { importQuerySchema, importResultSchema } from '../../../../common/registry-api';
import { contextOf, requireActor } from '../../../auth/plugin';
import { AppError, forbidden, notFound } from '../../../errors';
import { readSheet } from '../../../files/workbook';
import { ERRORS } from '../../../http/route-kit';
import { readUpload } from '../../../http/upload';
import { sendXlsx } from '../../../http/xlsx';
import { t } from '../../../i18n/messages';
import { visibleCommunity } from '../../registry';
import { assetTemplate, importAssets } from '../commands/import-assets';
import { managesAssets, registerPolicy } from '../policy';

const tags = ['assets'];

/** Excel import of a community's register: template download, dry run, all-or-nothing commit. */
export async function assetImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/assets/import-template', {
    schema: {
      tags,
      summary: 'Download the register’s import template',
      description: 'An xlsx file with the columns 编号, 名称, 类别, 楼栋, 位置, 品牌, 型号, 出厂编号, 安装日期, 保修截止, 维保单位, 维保电话, 状态, 备注 and a sheet explaining each. Company admin or project manager.',
      response: ERRORS,
    },
  }, async (request, reply) => {
    if (!managesAssets(requireActor(request))) throw forbidden();
    return sendXlsx(reply, await assetTemplate(), '设施设备导入模板.xlsx');
  });

  r.post('/api/v1/assets/import', {
    schema: {
      tags,
      summary: 'Import assets from an xlsx or csv file',
      description:
        'multipart/form-data with one `file` (xlsx, or csv in UTF-8 or GB18030; at most 20 MB). 名称 and 类别 are required; 类别 and 状态 take the Chinese or English names or the codes; 楼栋 must be a building of the community; ' +
        'a blank 编号 is numbered SB-0001 … `mode=dry-run` only validates; `mode=commit` validates again and writes all rows in one transaction, or nothing when any row has a problem. Problems name the Excel row (header = row 1) and column. ' +
        'Company admin or the project manager of the community.',
      querystring: importQuerySchema,
      consumes: ['multipart/form-data'],
      response: { 200: importResultSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const { communityId, mode } = request.query;
    const community = await visibleCommunity(db, ctx.actor, communityId, { active: true });
    if (!community) throw notFound('entity.community');
    registerPolicy.assert(ctx.actor, 'import', { organizationId: community.organizationId, communityId: community.id });
    const upload = await readUpload(request);
    if (!upload) throw new AppError('BAD_REQUEST', 'error.fileRequired');
    const sheet = await readSheet(upload.data);
    const outcome = await importAssets(db, ctx, community, sheet, mode, upload.file.filename);
    return {
      ok: outcome.ok,
      mode,
      rows: outcome.rows,
      created: outcome.created,
      errors: outcome.problems.map((p) => ({ row: p.row, column: p.column, message: t(request.locale, p.problem.key, p.problem.params) })),
    };
  });
}
