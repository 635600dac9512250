import type { RequestContext } from '../../../auth/context';
import { eraseResidentAccounts } from '../../../auth/commands/erase-accounts';
import type { Tx } from '../../../db/client';
import { t } from '../../../i18n/messages';
import { eraseActorFromAudit } from '../../audit';
import { eraseResidentFromGate } from '../../gate';
import { maskMessagesTo } from '../../outbound';
import { removePortalIdentity } from '../../portal';
import { eraseResidentRecord } from '../../registry';
import { anonymiseReporter } from '../../work-orders';
import { eraseFromTimelines } from '../../../work/timeline';

/** What an erasure changed, for the response and the audit record. */
export interface ErasureResult {
  residentId: string;
  name: string;
  erasedAt: string;
  workOrders: number;
  messages: number;
  accounts: number;
}

/**
 * Erases a resident's personal data everywhere it was copied, in one transaction, through each
 * owning module: the registry record (name -> "已注销住户"/"Erased resident" in the admin's
 * language, phone, ID and plates cleared, archived), the portal identity and every session, the
 * reporter copy on work orders and the host name on passes, a decoration's responsible person,
 * their name on the timelines and audit records of what they did, their phone wherever free
 * text copied it, and the messages sent to the phone. Work orders, passes and their numbers,
 * times and timelines stay for the statistics.
 */
export async function eraseResident(tx: Tx, ctx: RequestContext, resident: { id: string; organizationId: string; phone: string }, now = new Date()): Promise<ErasureResult> {
  const name = t(ctx.locale, 'resident.erasedName');
  const accountIds = await eraseResidentAccounts(tx, resident.id, name, now);
  const accounts = await removePortalIdentity(tx, resident.organizationId, accountIds, resident.phone);
  const workOrders = await anonymiseReporter(tx, resident.organizationId, resident, name);
  await eraseResidentFromGate(tx, resident.organizationId, { ...resident, userIds: accountIds }, name);
  await eraseFromTimelines(tx, resident.organizationId, { userIds: accountIds, name, phone: resident.phone });
  await eraseActorFromAudit(tx, resident.organizationId, accountIds, name);
  const messages = await maskMessagesTo(tx, resident.organizationId, resident.phone);
  await eraseResidentRecord(tx, ctx, resident.id, name, now);
  return { residentId: resident.id, name, erasedAt: now.toISOString(), workOrders, messages, accounts };
}
