import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../common/api';
import { contextOf, requireActor } from '../../auth/plugin';
import type { Db } from '../../db/client';
import type { Actor } from '../../db/scope';
import { fieldError, notFound } from '../../errors';
import type { ServiceLevel, ServiceStandardInput } from '../../standards/definition';
import { visibleCommunity } from '../registry';
import { saveCalendarSettings } from './commands/save-calendar';
import { saveStandardVersion } from './commands/save-standard-version';
import { library } from './library-cache';
import { standardsPolicy, type StandardTarget } from './policy';
import { diffDefinitions, presentVersion, presentVersionSummary } from './presenter';
import { effectiveCalendar, effectiveCompanyCalendar, effectiveStandard, listVersions, standardVersionById } from './repository';
import {
  calendarResponseSchema,
  calendarSettingsSchema,
  compareQuerySchema,
  compareSchema,
  saveCalendarBodySchema,
  saveTimeLimitsBodySchema,
  saveVersionBodySchema,
  scopeQuerySchema,
  standardKeyParams,
  standardsIndexSchema,
  standardVersionSchema,
  versionSummarySchema,
} from './schemas';
import { businessCalendars } from './tables';
import { inTransaction } from '../../db/transaction';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['standards'];

/** Resolves the target scope of a request: the caller's company, optionally one community it may see. */
async function resolveTarget(db: Db, actor: Actor, communityId: string | null | undefined) {
  if (!actor.organizationId) throw notFound('entity.community');
  if (!communityId) return { target: { organizationId: actor.organizationId, communityId: null } as StandardTarget, level: null };
  const community = await visibleCommunity(db, actor, communityId, { active: true });
  if (!community) throw fieldError({ communityId: { key: 'error.notFound', params: { entity: 'entity.community' } } });
  return {
    target: { organizationId: community.organizationId, communityId: community.id } as StandardTarget,
    level: String(community.serviceLevel) as ServiceLevel,
  };
}

/** Service standards: read, version, override, compare; and business calendars. */
export async function standardsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get(
    '/api/v1/standards',
    {
      schema: {
        tags,
        summary: 'Service levels and the standards in effect',
        description: 'With communityId, the versions in effect for that community (its own overrides first).',
        querystring: scopeQuerySchema,
        response: { 200: standardsIndexSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target, level } = await resolveTarget(db, actor, request.query.communityId);
      standardsPolicy.assert(actor, 'read', target);
      const lib = library();
      const standards = [];
      for (const standard of lib.standards.values()) {
        const effective = await effectiveStandard(db, standard.key, target.organizationId, target.communityId);
        if (effective) {
          standards.push({
            key: standard.key,
            name: effective.definition.name,
            minLevel: effective.definition.minLevel,
            effective: presentVersionSummary(effective),
          });
        }
      }
      return {
        levels: lib.levels.map((l) => ({
          level: l.key,
          name: l.name,
          description: l.description,
          services: l.services.map((s) => ({ key: s.key, name: s.name, hasStandard: lib.standards.has(s.key) })),
        })),
        standards,
        communityLevel: level,
      };
    },
  );

  r.get(
    '/api/v1/standards/:key',
    {
      schema: {
        tags,
        summary: 'The standard in effect',
        description: 'For the company, or with communityId for one community; with its time limits per service level.',
        params: standardKeyParams,
        querystring: scopeQuerySchema,
        response: { 200: standardVersionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target } = await resolveTarget(db, actor, request.query.communityId);
      standardsPolicy.assert(actor, 'read', target);
      const row = await effectiveStandard(db, request.params.key, target.organizationId, target.communityId);
      if (!row) throw notFound('entity.standard');
      return presentVersion(row, actor, target);
    },
  );

  r.get(
    '/api/v1/standards/:key/versions',
    {
      schema: {
        tags,
        summary: 'All versions of a standard',
        description: 'Library, company and community versions the caller may see, newest first.',
        params: standardKeyParams,
        response: { 200: z.object({ items: z.array(versionSummarySchema) }), ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target } = await resolveTarget(db, actor, null);
      standardsPolicy.assert(actor, 'read', target);
      const rows = await listVersions(db, request.params.key, target.organizationId, actor.communityIds);
      if (!rows.length) throw notFound('entity.standard');
      return { items: rows.map(presentVersionSummary) };
    },
  );

  /** Loads a version the caller's organization may see (library or its own). */
  const visibleVersion = async (actor: Actor, id: string) => {
    const row = await standardVersionById(db, id);
    const visible =
      row &&
      (row.organizationId === null || row.organizationId === actor.organizationId) &&
      (!row.communityId || actor.communityIds === 'all' || actor.communityIds.includes(row.communityId));
    if (!visible) throw notFound('entity.standardVersion');
    return row;
  };

  r.get(
    '/api/v1/standards/versions/:id',
    {
      schema: {
        tags,
        summary: 'One version of a standard',
        params: z.object({ id: z.uuid() }),
        response: { 200: standardVersionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target } = await resolveTarget(db, actor, null);
      standardsPolicy.assert(actor, 'read', target);
      const row = await visibleVersion(actor, request.params.id);
      return presentVersion(row, actor, { organizationId: target.organizationId, communityId: row.communityId });
    },
  );

  r.get(
    '/api/v1/standards/:key/compare',
    {
      schema: {
        tags,
        summary: 'Compare two versions side by side',
        params: standardKeyParams,
        querystring: compareQuerySchema,
        response: { 200: compareSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target } = await resolveTarget(db, actor, null);
      standardsPolicy.assert(actor, 'read', target);
      const [a, b] = await Promise.all([visibleVersion(actor, request.query.a), visibleVersion(actor, request.query.b)]);
      if (a.key !== request.params.key || b.key !== request.params.key) throw notFound('entity.standardVersion');
      return {
        a: { ...presentVersionSummary(a), definition: a.definition },
        b: { ...presentVersionSummary(b), definition: b.definition },
        differences: diffDefinitions(a.definition, b.definition).filter((d) => d.path !== 'version'),
      };
    },
  );

  r.post(
    '/api/v1/standards/:key/versions',
    {
      schema: {
        tags,
        summary: 'Save a new company or community version',
        description: 'The whole definition, validated for consistency; problems are reported per field (definition.<path>).',
        params: standardKeyParams,
        body: saveVersionBodySchema,
        response: { 201: standardVersionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { target } = await resolveTarget(db, ctx.actor, request.body.communityId);
      standardsPolicy.assert(ctx.actor, 'edit', target);
      const row = await inTransaction(db, (tx) =>
        saveStandardVersion(tx, ctx, { ...target, key: request.params.key, reason: request.body.reason, definition: request.body.definition }),
      );
      return reply.status(201).send(presentVersion(row, ctx.actor, target));
    },
  );

  r.post(
    '/api/v1/standards/:key/time-limits',
    {
      schema: {
        tags,
        summary: 'Change time limits (saves a new version)',
        description:
          'Changes limits of the version in effect, for all levels or from one service level up, and saves the result as a new company or community version.',
        params: standardKeyParams,
        body: saveTimeLimitsBodySchema,
        response: { 201: standardVersionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { target } = await resolveTarget(db, ctx.actor, request.body.communityId);
      standardsPolicy.assert(ctx.actor, 'edit', target);
      const current = await effectiveStandard(db, request.params.key, target.organizationId, target.communityId);
      if (!current) throw notFound('entity.standard');
      const definition = structuredClone(current.definition) as ServiceStandardInput & typeof current.definition;
      request.body.changes.forEach((change, i) => {
        const index = definition.timeLimits.findIndex((l) => l.key === change.key);
        if (index < 0) throw fieldError({ [`changes.${i}.key`]: { key: 'error.notFound', params: { entity: 'entity.record' } } });
        const { key, level, ...patch } = change;
        const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        if (level) {
          definition.levelOverrides[level] ??= {};
          definition.levelOverrides[level]![key] = { ...definition.levelOverrides[level]![key], ...clean };
        } else {
          definition.timeLimits[index] = { ...definition.timeLimits[index]!, ...clean };
        }
      });
      const row = await inTransaction(db, (tx) =>
        saveStandardVersion(tx, ctx, { ...target, key: request.params.key, reason: request.body.reason, definition }),
      );
      return reply.status(201).send(presentVersion(row, ctx.actor, target));
    },
  );

  r.get(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Business calendar settings',
        description: 'Settings stored at the company (or, with communityId, the community) and the calendar in effect there.',
        querystring: scopeQuerySchema,
        response: { 200: calendarResponseSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { target } = await resolveTarget(db, actor, request.query.communityId);
      standardsPolicy.assert(actor, 'read', target);
      const [own] = await db
        .select()
        .from(businessCalendars)
        .where(
          and(
            eq(businessCalendars.organizationId, target.organizationId),
            target.communityId ? eq(businessCalendars.communityId, target.communityId) : isNull(businessCalendars.communityId),
          ),
        );
      return {
        communityId: target.communityId,
        settings: own ? calendarSettingsSchema.parse(own.config) : null,
        effective: target.communityId
          ? await effectiveCalendar(db, target.communityId)
          : await effectiveCompanyCalendar(db, target.organizationId),
        allowedActions: standardsPolicy.allowedActions(actor, target),
      };
    },
  );

  r.put(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Save business calendar settings',
        description: 'Holidays and make-up working days (调休) per year, and hours; a community’s weekly hours are its desk hours.',
        body: saveCalendarBodySchema,
        response: { 200: calendarResponseSchema, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { communityId, ...settings } = request.body;
      const { target } = await resolveTarget(db, ctx.actor, communityId);
      standardsPolicy.assert(ctx.actor, 'edit', target);
      await inTransaction(db, (tx) => saveCalendarSettings(tx, ctx, target.organizationId, target.communityId, settings));
      return {
        communityId: target.communityId,
        settings,
        effective: target.communityId
          ? await effectiveCalendar(db, target.communityId)
          : await effectiveCompanyCalendar(db, target.organizationId),
        allowedActions: standardsPolicy.allowedActions(ctx.actor, target),
      };
    },
  );
}
