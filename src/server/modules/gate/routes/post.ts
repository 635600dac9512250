import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { lookupBodySchema, lookupResultSchema, passSchema, publicPassSchema, QR_PREFIX, slipSchema } from '../../../../common/gate';
import { contextOf } from '../../../auth/plugin';
import { notFound } from '../../../errors';
import { assertPostStaff, communityInfo, communityServed, findPass, findSlip, lookup, passByToken, postBoard } from '../repository';
import { presentPublicPass } from '../presenter';
import { ERRORS, idParams, presentAll, tags } from './shared';

/** Hours ahead the post board lists expected visitors. */
const BOARD_HOURS = 18;

const tokenParams = z.object({ token: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/).describe('The pass token from the QR code or link') });
const qrQuery = z.object({ format: z.enum(['svg', 'png']).default('svg').describe('Image format') });

async function qrImage(content: string, format: 'svg' | 'png'): Promise<{ type: string; body: string | Buffer }> {
  if (format === 'png') return { type: 'image/png', body: await QRCode.toBuffer(content, { errorCorrectionLevel: 'M', margin: 2, width: 360 }) };
  return { type: 'image/svg+xml', body: await QRCode.toString(content, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
}

/** The guard's post: lookup by QR, code, phone or plate; the board; QR images; the visitor's link. */
export async function postRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.post(
    '/api/v1/gate/lookup',
    {
      schema: {
        tags,
        summary: 'Look up passes and slips at the gate',
        description:
          'Takes what the guard scanned or typed: QR content (`WYP:`/`WYS:` + token), a short code, a phone number, a plate or a ' +
          'visitor’s name. Each result carries `verdict` (may it be used now, and if not, why). A QR code of another community of the ' +
          'company answers 403 with a message naming that community. A POST, so tokens stay out of URLs and logs.',
        body: lookupBodySchema,
        response: { 200: lookupResultSchema, ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPostStaff(ctx.actor);
      if (request.body.communityId && !(await communityServed(db, ctx.actor, request.body.communityId))) throw notFound('entity.community');
      return presentAll(db, ctx, await lookup(db, ctx.actor, request.body.q, request.body.communityId));
    },
  );

  r.get(
    '/api/v1/gate/board',
    {
      schema: {
        tags,
        summary: 'The post board: expected visitors, visitors inside, open release slips',
        description: `Passes still unused whose window starts within ${BOARD_HOURS} hours, visitors inside and slips awaiting release, in the communities the guard serves.`,
        querystring: z.object({ communityId: z.uuid().optional() }),
        response: { 200: z.object({ expected: z.array(passSchema), inside: z.array(passSchema), slips: z.array(slipSchema) }), ...ERRORS },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      assertPostStaff(ctx.actor);
      const { communityId } = request.query;
      if (communityId && !(await communityServed(db, ctx.actor, communityId))) throw notFound('entity.community');
      const now = new Date();
      const board = await postBoard(db, ctx.actor, now, new Date(now.getTime() + BOARD_HOURS * 3_600_000), communityId);
      const [a, b] = await Promise.all([presentAll(db, ctx, { passes: board.expected, slips: board.slips }), presentAll(db, ctx, { passes: board.inside })]);
      return { expected: a.passes, inside: b.passes, slips: a.slips };
    },
  );

  r.get(
    '/api/v1/gate/passes/:id/qr',
    {
      schema: { tags, summary: 'QR code of a pass, for those who share or print it', params: idParams, querystring: qrQuery, response: { 200: z.any(), ...ERRORS } },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await findPass(db, ctx.actor, { id: request.params.id });
      const { passes } = await presentAll(db, ctx, { passes: [row] });
      if (!passes[0]?.allowedActions.includes('share')) throw notFound('entity.gatePass');
      const image = await qrImage(`${QR_PREFIX.pass}${row.token}`, request.query.format);
      return reply.header('cache-control', 'private, no-store').type(image.type).send(image.body);
    },
  );

  r.get(
    '/api/v1/gate/slips/:id/qr',
    {
      schema: { tags, summary: 'QR code of a release slip, for printing', params: idParams, querystring: qrQuery, response: { 200: z.any(), ...ERRORS } },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const row = await findSlip(db, ctx.actor, { id: request.params.id });
      const { slips } = await presentAll(db, ctx, { slips: [row] });
      if (!slips[0]?.allowedActions.includes('share')) throw notFound('entity.goodsSlip');
      const image = await qrImage(`${QR_PREFIX.slip}${row.token}`, request.query.format);
      return reply.header('cache-control', 'private, no-store').type(image.type).send(image.body);
    },
  );

  // The visitor's shared link: no login, the token is the key, and only the minimum is shown.
  r.get(
    '/api/v1/gate/shared-passes/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'A shared pass, without login (for the visitor)',
        description: 'What the visitor shows at the gate: community, masked name, code, window, state and QR content. Nothing about the host.',
        security: [],
        params: tokenParams,
        response: { 200: publicPassSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const row = await passByToken(db, request.params.token);
      if (!row) throw notFound('entity.gatePass');
      const community = (await communityInfo(db, [row.communityId])).get(row.communityId)!;
      reply.header('cache-control', 'no-store');
      return presentPublicPass(db, row, community, request.locale ?? 'zh-CN', new Date());
    },
  );

  r.get(
    '/api/v1/gate/shared-passes/:token/qr',
    {
      config: { public: true },
      schema: { tags, summary: 'QR code of a shared pass, without login', security: [], params: tokenParams, querystring: qrQuery, response: { 200: z.any(), ...ERRORS } },
    },
    async (request, reply) => {
      const row = await passByToken(db, request.params.token);
      if (!row) throw notFound('entity.gatePass');
      const image = await qrImage(`${QR_PREFIX.pass}${row.token}`, request.query.format);
      return reply.header('cache-control', 'no-store').type(image.type).send(image.body);
    },
  );
}
