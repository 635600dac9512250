import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownerQualitySchema, qualitySettingsInputSchema, qualitySettingsSchema } from '../../../../common/quality/owner-view';
import { contextOf } from '../../../auth/plugin';
import { ERRORS, idParams } from '../../../http/route-kit';
import { ownerQuality, readQualitySettings, saveQualitySettings } from '../owner-view';

const tags = ['quality'];

/** The owners' view of quality: the per-community setting, and what the portal shows owners. */
export async function ownerViewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/communities/:id/quality-settings', {
    schema: { tags, summary: 'Quality settings of a community', description: 'Whether its monthly quality score and the rectifications done are published to owners (off by default). Staff of the community.', params: idParams, response: { 200: qualitySettingsSchema, ...ERRORS } },
  }, async (request) => readQualitySettings(db, contextOf(request).actor, request.params.id));

  r.put('/api/v1/communities/:id/quality-settings', {
    schema: { tags, summary: 'Set the quality settings of a community', description: 'Company admin or project manager of the community; audited.', params: idParams, body: qualitySettingsInputSchema, response: { 200: qualitySettingsSchema, ...ERRORS } },
  }, async (request) => saveQualitySettings(db, contextOf(request), request.params.id, request.body));

  r.get('/api/v1/portal/quality', {
    schema: {
      tags,
      summary: 'A community’s published quality',
      description:
        'For its owners in the portal (and its staff): the mean inspection score of each of the last 12 months and the rectifications closed after a passed re-inspection, without staff names. ' +
        '`published: false` and nothing else while the community does not publish; 404 for a community the caller does not live in.',
      querystring: z.object({ communityId: z.uuid() }),
      response: { 200: ownerQualitySchema, ...ERRORS },
    },
  }, async (request) => ownerQuality(db, contextOf(request).actor, request.query.communityId));
}
