import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { saveTemplateInputSchema, templateSummarySchema, templateVersionSchema } from '../../../../common/quality/api';
import { contextOf, requireActor } from '../../../auth/plugin';
import { inTransaction } from '../../../db/transaction';
import { forbidden, notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { visibleCommunity } from '../../registry';
import { saveTemplateVersion } from '../commands/save-template-version';
import { inspectionLibrary } from '../library';
import { mayEditCompanyTemplates, qualityPolicy } from '../policy';
import { effectiveTemplate, templateScopeOf, templateVersionFor, templateVersions, type TemplateVersionRow } from '../repository';
import { inspectionTemplateVersions } from '../tables';
import { and, eq, or, isNull } from 'drizzle-orm';

const tags = ['quality'];
const keyParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/) });

const presentVersion = (r: TemplateVersionRow) => ({
  id: r.id,
  key: r.key,
  version: r.version,
  scope: templateScopeOf(r),
  communityId: r.communityId,
  authorName: r.authorName,
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
  definition: r.definition as unknown as Record<string, unknown>,
});

/** Inspection templates: the ones a community runs, their versions, and saving a company or community version. */
export async function templateRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/quality/templates', {
    schema: {
      tags,
      summary: 'Inspection templates of a community',
      description: 'The shipped library’s templates and the company’s own, each in the version new inspections of the community run under (community, else company, else library).',
      querystring: z.object({ communityId: z.uuid() }),
      response: { 200: z.object({ items: z.array(templateSummarySchema) }), ...ERRORS },
    },
  }, async (request) => {
    const actor = requireActor(request);
    const community = await visibleCommunity(db, actor, request.query.communityId, { active: true });
    if (!community || !qualityPolicy.can(actor, 'read', { organizationId: community.organizationId, communityId: community.id })) throw notFound('entity.community');
    const own = await db
      .selectDistinct({ key: inspectionTemplateVersions.key })
      .from(inspectionTemplateVersions)
      .where(and(eq(inspectionTemplateVersions.organizationId, community.organizationId), or(isNull(inspectionTemplateVersions.communityId), eq(inspectionTemplateVersions.communityId, community.id))));
    const keys = [...new Set([...inspectionLibrary().templates.keys(), ...own.map((o) => o.key)])].sort();
    const items = [];
    for (const key of keys) {
      const v = await inTransaction(db, (tx) => effectiveTemplate(tx, key, community.organizationId, community.id));
      if (!v) continue;
      const d = v.definition;
      items.push({ key, name: d.name, post: d.post, categories: d.categories.length, items: d.categories.reduce((n, c) => n + c.items.length, 0), versionId: v.id, version: v.version, scope: templateScopeOf(v) });
    }
    return { items };
  });

  r.get('/api/v1/quality/templates/:key/versions', {
    schema: { tags, summary: 'Versions of an inspection template', description: 'Library, company and community versions the caller may see, newest first.', params: keyParams, response: { 200: z.object({ items: z.array(templateVersionSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (!actor.organizationId) return { items: [] };
    return { items: (await templateVersions(db, request.params.key, actor.organizationId, actor.communityIds)).map(presentVersion) };
  });

  r.get('/api/v1/quality/template-versions/:id', {
    schema: { tags, summary: 'One version of an inspection template', params: idParams, response: { 200: templateVersionSchema, ...ERRORS } },
  }, async (request) => {
    const row = await templateVersionFor(db, requireActor(request), request.params.id);
    if (!row) throw notFound('entity.inspectionTemplate');
    return presentVersion(row);
  });

  r.post('/api/v1/quality/templates/:key/versions', {
    schema: {
      tags,
      summary: 'Save a version of an inspection template',
      description:
        'A company version (company admins) or, with `communityId`, a community version (its project manager). The definition is checked ' +
        'as a whole: unknown answer types, bad bounds, a pass range outside min/max, duplicate keys, unknown category keys, points ≤ 0 on a ' +
        'scored item … each a 400 at `definition.<path>`. Category keys are replaced by the library’s categories, so the version is self-contained. ' +
        '409 when nothing changed.',
      params: keyParams,
      body: saveTemplateInputSchema,
      response: { 201: templateVersionSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const { communityId, reason, definition } = request.body;
    const organizationId = ctx.actor.organizationId;
    if (!organizationId) throw forbidden();
    const row = await inTransaction(db, async (tx) => {
      if (communityId) {
        const community = await visibleCommunity(tx, ctx.actor, communityId, { active: true });
        if (!community) throw notFound('entity.community');
        if (!qualityPolicy.can(ctx.actor, 'configure', { organizationId: community.organizationId, communityId: community.id })) throw forbidden();
      } else if (!mayEditCompanyTemplates(ctx.actor)) throw forbidden();
      return saveTemplateVersion(tx, ctx, { organizationId, communityId: communityId ?? null, key: request.params.key, reason, definition });
    });
    return reply.status(201).send(presentVersion(row));
  });
}
