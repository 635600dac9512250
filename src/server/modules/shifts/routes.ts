import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handOverSchema, handoverSchema, postInputSchema, postSchema, postUpdateSchema, takeOverSchema, type DutyPost, type Handover } from '../../../common/shifts';
import { contextOf, requireActor } from '../../auth/plugin';
import type { DbOrTx } from '../../db/client';
import { tenantScope, type Actor } from '../../db/scope';
import { notFound } from '../../errors';
import { ERRORS, idParams } from '../../http/route-kit';
import { findHandover, handOver, takeOver, type HandoverRow } from './commands/handover';
import { createPost, findPost, startDuty, updatePost, type PostRow } from './commands/posts';
import { postPolicy } from './policy';
import { dutyPosts, shiftHandovers } from './tables';

const tags = ['shift handover'];

function presentHandover(actor: Actor, h: HandoverRow, post: PostRow): Handover {
  return {
    id: h.id,
    postId: h.postId,
    postName: post.name,
    status: h.status,
    outgoingName: h.outgoingName,
    outgoingCounts: h.outgoingCounts,
    openMatters: h.openMatters,
    handedAt: h.handedAt.toISOString(),
    incomingName: h.incomingName,
    incomingCounts: h.incomingCounts,
    takenAt: h.takenAt?.toISOString() ?? null,
    included: h.included,
    allowedActions: h.status === 'awaiting_incoming' && h.outgoingUserId !== actor.userId && postPolicy.can(actor, 'stand', post) ? ['takeOver'] : [],
  };
}

async function presentPosts(db: DbOrTx, actor: Actor, posts: PostRow[]): Promise<DutyPost[]> {
  const open = posts.length
    ? await db.select().from(shiftHandovers).where(and(inArray(shiftHandovers.postId, posts.map((p) => p.id)), eq(shiftHandovers.status, 'awaiting_incoming')))
    : [];
  return posts.map((p) => {
    const h = open.find((o) => o.postId === p.id);
    const stand = postPolicy.can(actor, 'stand', p);
    const actions: DutyPost['allowedActions'] = [];
    if (stand && !p.onDutyUserId) actions.push('startDuty');
    if (stand && p.onDutyUserId === actor.userId && !h) actions.push('handOver');
    if (postPolicy.can(actor, 'configure', p)) actions.push('configure');
    return {
      id: p.id,
      communityId: p.communityId,
      name: p.name,
      kind: p.kind,
      checklist: p.checklist,
      onDutyName: p.onDutyName,
      onDutySince: p.onDutySince?.toISOString() ?? null,
      onDutyIsMe: p.onDutyUserId === actor.userId,
      openHandover: h ? presentHandover(actor, h, p) : null,
      allowedActions: actions,
    };
  });
}

/** Duty posts, who holds them, and the handovers between shifts. */
export async function shiftRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/duty-posts', {
    schema: { tags, summary: 'Duty posts', description: 'Posts of the communities the caller serves, with who is on duty and any handover waiting for the incoming guard.', querystring: z.object({ communityId: z.uuid().optional() }), response: { 200: z.object({ items: z.array(postSchema) }), ...ERRORS } },
  }, async (request) => {
    const actor = requireActor(request);
    if (actor.staffId === null && !actor.roles.includes('company_admin') && !actor.roles.includes('platform_admin')) return { items: [] };
    const rows = await db
      .select()
      .from(dutyPosts)
      .where(and(tenantScope(actor, { organizationId: dutyPosts.organizationId, communityId: dutyPosts.communityId }), request.query.communityId ? eq(dutyPosts.communityId, request.query.communityId) : undefined))
      .orderBy(asc(dutyPosts.name));
    return { items: await presentPosts(db, actor, rows.filter((p) => p.archivedAt === null)) };
  });

  r.post('/api/v1/duty-posts', {
    schema: { tags, summary: 'Set up a duty post', description: 'Name, kind and the checklist counted at every handover. Project manager or company admin.', body: postInputSchema, response: { 201: postSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const post = await createPost(db, ctx, request.body);
    return reply.status(201).send((await presentPosts(db, ctx.actor, [post]))[0]!);
  });

  r.put('/api/v1/duty-posts/:id', {
    schema: { tags, summary: 'Rename a post or change its checklist', params: idParams, body: postUpdateSchema, response: { 200: postSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    return (await presentPosts(db, ctx.actor, [await updatePost(db, ctx, request.params.id, request.body)]))[0]!;
  });

  r.get('/api/v1/duty-posts/:id', {
    schema: { tags, summary: 'A post with its handover history', description: 'The latest 50 handovers, newest first.', params: idParams, response: { 200: postSchema.extend({ history: z.array(handoverSchema) }), ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const post = await findPost(db, ctx, request.params.id);
    if (!post) throw notFound('entity.dutyPost');
    const history = await db.select().from(shiftHandovers).where(eq(shiftHandovers.postId, post.id)).orderBy(desc(shiftHandovers.handedAt)).limit(50);
    return { ...(await presentPosts(db, ctx.actor, [post]))[0]!, history: history.map((h) => presentHandover(ctx.actor, h, post)) };
  });

  r.post('/api/v1/duty-posts/:id/start-duty', {
    schema: { tags, summary: 'Take up duty at a vacant post', description: 'Refused (409) while someone is on duty: a held post changes hands only through a handover.', params: idParams, response: { 200: postSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    return (await presentPosts(db, ctx.actor, [await startDuty(db, ctx, request.params.id)]))[0]!;
  });

  r.post('/api/v1/duty-posts/:id/handovers', {
    schema: { tags, summary: 'Hand the post over (outgoing guard)', description: 'The guard on duty counts every checklist item (a count below the expected number needs a note), lists open matters and signs.', params: idParams, body: handOverSchema, response: { 201: handoverSchema, ...ERRORS } },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    const h = await handOver(db, ctx, request.params.id, request.body);
    const post = (await findPost(db, ctx, h.postId))!;
    return reply.status(201).send(presentHandover(ctx.actor, h, post));
  });

  r.get('/api/v1/shift-handovers/:id', {
    schema: { tags, summary: 'A handover', params: idParams, response: { 200: handoverSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const h = await findHandover(db, ctx, request.params.id);
    const post = h ? await findPost(db, ctx, h.postId) : null;
    if (!h || !post) throw notFound('entity.handover');
    return presentHandover(ctx.actor, h, post);
  });

  r.post('/api/v1/shift-handovers/:id/take-over', {
    schema: { tags, summary: 'Take the post over (incoming guard)', description: 'The incoming guard counts too (every difference from the outgoing count explained) and signs; only then is the post theirs.', params: idParams, body: takeOverSchema, response: { 200: handoverSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const h = await takeOver(db, ctx, request.params.id, request.body);
    const post = (await findPost(db, ctx, h.postId))!;
    return presentHandover(ctx.actor, h, post);
  });
}
