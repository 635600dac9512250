import type { DbOrTx } from '../../db/client';
import { t, type MessageKey, type MessageParam } from '../../i18n/messages';
import { queueOutbound } from '../outbound';
import { communityById } from '../registry';
import type { WorkOrderRow } from './repository';

/** Local wall-clock text of an instant in the community's zone, e.g. 2026-11-22 14:00. */
function localText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/**
 * Tells the reporter of an order something through the outbound channel (SMS to the phone on the
 * order; the development outbox when no provider is configured). Owners read Chinese.
 */
export async function messageOwner(
  tx: DbOrTx,
  order: WorkOrderRow,
  key: MessageKey,
  params: Record<string, MessageParam>,
  at?: Date,
): Promise<void> {
  if (!order.reporterPhone) return;
  const community = await communityById(tx, order.communityId);
  const all = { ...params, community: community?.name ?? '', number: order.number, ...(at ? { at: localText(at, community?.timeZone ?? 'Asia/Shanghai') } : {}) };
  await queueOutbound(tx, {
    organizationId: order.organizationId,
    communityId: order.communityId,
    channel: 'sms',
    to: order.reporterPhone,
    subject: t('zh-CN', 'outbound.subject', all),
    body: t('zh-CN', key, all),
    entityType: 'work_order',
    entityId: order.id,
  });
}
