import type { EventChannel } from '../../../common/work-orders';
import type { RequestContext } from '../../auth/context';
import { isSystemActor } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { workOrderEvents } from './tables';

/** Appends one step to an order's timeline (inside the caller's transaction). */
export async function recordEvent(
  tx: DbOrTx,
  ctx: RequestContext | null,
  order: { id: string; organizationId: string },
  event: {
    kind: 'created' | 'transition' | 'comment' | 'timer' | 'linked';
    action?: string | null;
    channel?: EventChannel | null;
    fromState?: string | null;
    toState?: string | null;
    visibility?: 'internal' | 'owner';
    automatic?: boolean;
    data?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  const system = !ctx || isSystemActor(ctx.actor);
  await tx.insert(workOrderEvents).values({
    organizationId: order.organizationId,
    workOrderId: order.id,
    kind: event.kind,
    action: event.action ?? null,
    actorUserId: system ? null : ctx.actor.userId,
    actorName: system ? null : ctx.actor.displayName,
    channel: event.channel ?? null,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    visibility: event.visibility ?? 'owner',
    automatic: event.automatic ?? false,
    data: event.data ?? {},
    ...(event.at ? { at: event.at } : {}),
  });
}
