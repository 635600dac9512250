import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ASSET_CATEGORY_LABELS,
  ASSET_COLUMNS as C,
  ASSET_EXPORT_MAX,
  ASSET_STATUS_LABELS,
  assetInputSchema,
  assetPageSchema,
  assetQuerySchema,
  assetRetireSchema,
  assetSchema,
  assetUpdateSchema,
} from '../../../../common/assets';
import { contextOf, requireActor } from '../../../auth/plugin';
import { servesCommunity } from '../../../db/scope';
import { notFound } from '../../../errors';
import { writeWorkbook, type CellValue } from '../../../files/workbook';
import { ERRORS, idParams } from '../../../http/route-kit';
import { assertExportSize, datedName, sendXlsx } from '../../../http/xlsx';
import { createAsset, retireAsset, updateAsset } from '../commands/save-asset';
import { managesAssets } from '../policy';
import { presentAsset, presentAssets } from '../presenter';
import { findAsset, listAssets } from '../repository';

const tags = ['assets'];
const EXPORT_HEADERS = ['项目', C.code, C.name, C.category, C.building, C.place, C.brand, C.model, C.serialNumber, C.installedOn, C.warrantyUntil, C.maintainer, C.maintainerPhone, C.status, C.notes];

/** The register: list and export, add, read, change, retire. */
export async function assetRegisterRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/assets', {
    schema: {
      tags,
      summary: 'Facilities and equipment',
      description:
        'The register of the communities the caller serves, by community and code: search by part of the code, name or place; filters by community, category, status (without it, every asset not retired) and building. ' +
        `format=xlsx downloads the filtered list (at most ${ASSET_EXPORT_MAX} rows; the same columns as the import template, with 项目 in front). Staff of the community; others get an empty list.`,
      querystring: assetQuerySchema,
      response: { 200: assetPageSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { page, pageSize, format, ...q } = request.query;
    if (format === 'xlsx') {
      const { rows: all, total } = await listAssets(db, actor, q, { limit: ASSET_EXPORT_MAX + 1, offset: 0 });
      assertExportSize(total, ASSET_EXPORT_MAX);
      const rows: CellValue[][] = (await presentAssets(db, actor, all)).map((a) => [
        a.communityName,
        a.code,
        a.name,
        ASSET_CATEGORY_LABELS[a.category]['zh-CN'],
        a.buildingName,
        a.place,
        a.brand,
        a.model,
        a.serialNumber,
        a.installedOn,
        a.warrantyUntil,
        a.maintainer,
        a.maintainerPhone,
        ASSET_STATUS_LABELS[a.status]['zh-CN'],
        a.notes,
      ]);
      const widths = [14, 12, 22, 12, 8, 20, 12, 14, 16, 12, 12, 18, 16, 8, 30];
      return sendXlsx(reply, await writeWorkbook([{ name: '设施设备', headers: EXPORT_HEADERS, rows, widths }]), datedName('assets'));
    }
    const { rows, total } = await listAssets(db, actor, q, { limit: pageSize, offset: (page - 1) * pageSize });
    const manages = managesAssets(actor) && actor.organizationId !== null && (!q.communityId || servesCommunity(actor, actor.organizationId, q.communityId));
    return { items: await presentAssets(db, actor, rows), total, page, pageSize, allowedActions: manages ? (['create', 'import'] as const).slice() : [] };
  });

  r.post('/api/v1/assets', {
    schema: { tags, summary: 'Add an asset', description: 'Company admin or the project manager of the community. Without a code the next free SB-0001-style code of the community is given.', body: assetInputSchema, response: { 201: assetSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const row = await createAsset(db, ctx, request.body);
    return reply.status(201).send(await presentAsset(db, ctx.actor, row));
  });

  r.get('/api/v1/assets/:id', {
    schema: { tags, summary: 'An asset', description: 'Retired ones too. What a printed label’s QR code opens (the console page /facilities/{id}). Staff of the community.', params: idParams, response: { 200: assetSchema, ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    const row = await findAsset(db, actor, request.params.id);
    if (!row) throw notFound('entity.asset');
    return presentAsset(db, actor, row);
  });

  r.patch('/api/v1/assets/:id', {
    schema: { tags, summary: 'Change an asset', description: 'Fields not sent keep their value; null clears an optional one. Company admin or the project manager; a retired asset answers 409.', params: idParams, body: assetUpdateSchema, response: { 200: assetSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    return presentAsset(db, ctx.actor, await updateAsset(db, ctx, request.params.id, request.body));
  });

  r.post('/api/v1/assets/:id/retire', {
    schema: { tags, summary: 'Retire an asset (报废)', description: 'It stays on record, read-only, and leaves the default list. Company admin or the project manager.', params: idParams, body: assetRetireSchema, response: { 200: assetSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    return presentAsset(db, ctx.actor, await retireAsset(db, ctx, request.params.id, request.body));
  });
}
