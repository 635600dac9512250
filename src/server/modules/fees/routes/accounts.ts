import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountSchema, manualEntryInputSchema, reversalInputSchema } from '../../../../common/fees';
import type { RequestContext } from '../../../auth/context';
import { contextOf } from '../../../auth/plugin';
import type { DbOrTx } from '../../../db/client';
import { inTransaction } from '../../../db/transaction';
import { notFound } from '../../../errors';
import { ERRORS, idParams } from '../../../http/route-kit';
import { unitAccount } from '../commands/accounts';
import { postEntry, reverseEntry } from '../commands/entries';
import { presentAccount } from '../presenter';
import { closedThrough, communityToday, itemsOf, ledgerOf, visibleAccount, type AccountRow } from '../repository';

const tags = ['fees'];

/** An account as the API shows it, read from the ledger now. */
export async function accountResponse(db: DbOrTx, ctx: RequestContext, account: AccountRow) {
  const items = new Map((await itemsOf(db, account.communityId)).map((i) => [i.item.id, i.item.name]));
  return presentAccount(ctx.actor, account, await ledgerOf(db, account.id), items, await communityToday(db, account.communityId), await closedThrough(db, account.communityId));
}

/** Payer accounts: the ledger of a unit, entries posted by hand and reversals. */
export async function feeAccountRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  r.get('/api/v1/units/:id/fee-account', {
    schema: {
      tags,
      summary: 'A unit’s fee account',
      description: 'Entries, allocations, balance, arrears with their ageing (0–30/31–90/91–180/181–365/>365 days), prepayment and the paid-through date per item, all computed from the ledger. Opens the account on first use (opening writes no entry). Residents read their own household’s units.',
      params: idParams,
      response: { 200: accountSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const account = await inTransaction(db, (tx) => unitAccount(tx, ctx, request.params.id));
    return accountResponse(db, ctx, account);
  });

  r.get('/api/v1/fee-accounts/:id', {
    schema: { tags, summary: 'A fee account', description: 'As `GET /api/v1/units/{id}/fee-account`, by the account’s id.', params: idParams, response: { 200: accountSchema, ...ERRORS } },
  }, async (request) => {
    const ctx = contextOf(request);
    const account = await visibleAccount(db, ctx.actor, request.params.id);
    if (!account) throw notFound('entity.feeAccount');
    return accountResponse(db, ctx, account);
  });

  r.post('/api/v1/fee-accounts/:id/entries', {
    schema: {
      tags,
      summary: 'Post an entry by hand',
      description: 'A charge (a metered item priced from its quantity, a one-off item, or a back-billed month), discount, late fee, adjustment, refund (at most the prepaid credit) or write-off. Dated today unless `entryDate` says otherwise; never on or before the closed date. Credits settle the oldest open charges. Company admin or project manager.',
      params: idParams,
      body: manualEntryInputSchema,
      response: { 201: accountSchema, ...ERRORS },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request);
    await postEntry(db, ctx, request.params.id, request.body);
    return reply.status(201).send(await accountResponse(db, ctx, (await visibleAccount(db, ctx.actor, request.params.id))!));
  });

  r.post('/api/v1/fee-entries/:id/reverse', {
    schema: {
      tags,
      summary: 'Reverse an entry',
      description: 'Posts an entry of the opposite amount dated today (the original is never changed), releases what was allocated to it and settles the account again. Payments are reversed by voiding their receipt. Company admin or project manager.',
      params: idParams,
      body: reversalInputSchema,
      response: { 200: accountSchema, ...ERRORS },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const reversal = await reverseEntry(db, ctx, request.params.id, request.body.reason);
    return accountResponse(db, ctx, (await visibleAccount(db, ctx.actor, reversal.accountId))!);
  });
}
