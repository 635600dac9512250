import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../common/api';
import { dataSettingsPatchSchema, dataSettingsSchema, erasureResultSchema, type DataSettings } from '../../../common/privacy';
import { contextOf, requireActor } from '../../auth/plugin';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import { forbidden } from '../../errors';
import { storageUsed } from '../attachments';
import { organizationDataSettings, residentToErase, updateOrganizationDataSettings, type OrganizationDataSettings } from '../registry';
import { eraseResident } from './commands/erase-resident';
import { dataSettingsPolicy } from './policy';

const ERRORS = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const GB = 1024 ** 3;

/** Personal data under PIPL: the company's retention and quota settings, and erasing a resident. */
export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const present = async (d: DbOrTx, actor: Actor, organizationId: string, s: OrganizationDataSettings): Promise<DataSettings> => ({
    visitorRetentionDays: s.visitorRetentionDays,
    storageQuotaGb: s.storageQuotaBytes === null ? null : Number((s.storageQuotaBytes / GB).toFixed(3)),
    effectiveQuotaBytes: s.storageQuotaBytes ?? app.config.storageQuotaBytes,
    storageUsedBytes: await storageUsed(d, organizationId),
    allowedActions: dataSettingsPolicy.can(actor, 'update', { organizationId }) ? ['update'] : [],
  });
  const organizationOf = (actor: Actor): string => {
    if (!actor.organizationId) throw forbidden();
    return actor.organizationId;
  };

  r.get(
    '/api/v1/organization/data-settings',
    {
      schema: {
        tags: ['privacy'],
        summary: "The company's personal-data settings",
        description:
          'Visitor retention: days after a visitor pass or goods-release slip ended (validity end, or exit when later) before a job ' +
          'erases the visitor, carrier and vehicle data on it (default 180). Upload quota: bytes the company may store (server default 5 GB). ' +
          'Company admins and project managers.',
        response: { 200: dataSettingsSchema, ...ERRORS },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const organizationId = organizationOf(actor);
      dataSettingsPolicy.assert(actor, 'read', { organizationId });
      return present(db, actor, organizationId, (await organizationDataSettings(db, organizationId))!);
    },
  );

  r.patch(
    '/api/v1/organization/data-settings',
    {
      schema: {
        tags: ['privacy'],
        summary: "Change the company's retention period or upload quota",
        description:
          'Company admins. Only the fields sent change. `visitorRetentionDays` 30–3650; `storageQuotaGb` a positive number, or null ' +
          'for the server default (WUYE_STORAGE_QUOTA_GB). Audited.',
        body: dataSettingsPatchSchema,
        response: { 200: dataSettingsSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const organizationId = organizationOf(ctx.actor);
      dataSettingsPolicy.assert(ctx.actor, 'update', { organizationId });
      const { visitorRetentionDays, storageQuotaGb } = request.body;
      return inTransaction(db, async (tx) => {
        const saved = await updateOrganizationDataSettings(tx, ctx, organizationId, {
          visitorRetentionDays,
          storageQuotaBytes: storageQuotaGb === undefined ? undefined : storageQuotaGb === null ? null : Math.round(storageQuotaGb * GB),
        });
        return present(tx, ctx.actor, organizationId, saved);
      });
    },
  );

  r.post(
    '/api/v1/residents/:id/erase',
    {
      schema: {
        tags: ['privacy'],
        summary: "Erase a resident's personal data",
        description:
          'Company admins; cannot be undone. The name becomes 已注销住户 / Erased resident (in the caller\'s language), phone, ID number and ' +
          'plates are cleared and the record archived; the portal sign-in, the account and every session are removed; the reporter copy on ' +
          'work orders, the host name on passes and the messages sent to the phone are anonymised. Work orders, passes, their numbers, ' +
          'times and timelines stay. Audited. 409 when already erased.',
        params: z.object({ id: z.uuid() }),
        response: { 200: erasureResultSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return inTransaction(db, async (tx) => {
        const resident = await residentToErase(tx, ctx.actor, request.params.id);
        return eraseResident(tx, ctx, resident);
      });
    },
  );
}
