import type { EventChannel } from '../../../common/work-orders';
import type { RequestContext } from '../../auth/context';
import type { DbOrTx } from '../../db/client';
import { recordWorkEvent } from '../../work/timeline';

/** Appends one step to an order's timeline (inside the caller's transaction), on the kernel's timeline. */
export async function recordEvent(
  tx: DbOrTx,
  ctx: RequestContext | null,
  order: { id: string; organizationId: string; communityId: string },
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
  await recordWorkEvent(tx, ctx, { type: 'work_order', id: order.id, organizationId: order.organizationId, communityId: order.communityId }, event);
}
