import { and, asc, eq, gt } from 'drizzle-orm';
import { AppError } from '../../errors';
import { registerHandoverIncluder } from '../shifts';
import { drawerOf } from './commands/shift-close';
import { feeShiftCloses } from './ops-tables';

/**
 * A fee post's handover includes the outgoing cashier's shift close: it is refused (409) while
 * they hold payments not yet closed, and carries the closes they made since taking up duty.
 */
export function registerFeeHandoverIncludes(): void {
  registerHandoverIncluder('fee', 'fee_shift_close', async (tx, ctx, post) => {
    const drawer = await drawerOf(tx, post.communityId, ctx.actor.userId, new Date());
    if (drawer.paymentCount + drawer.voidCount > 0) throw new AppError('CONFLICT', 'error.drawerOpen');
    const closes = await tx
      .select()
      .from(feeShiftCloses)
      .where(and(eq(feeShiftCloses.communityId, post.communityId), eq(feeShiftCloses.cashierUserId, ctx.actor.userId), post.onDutySince ? gt(feeShiftCloses.closedAt, post.onDutySince) : undefined))
      .orderBy(asc(feeShiftCloses.closedAt));
    return closes.map((c) => ({
      type: 'fee_shift_close',
      id: c.id,
      // Facts are flat: the totals, then per method `<method>.expectedFen`, `.countedFen`, `.reason`.
      facts: {
        closedAt: c.closedAt.toISOString(),
        cashierName: c.cashierName,
        paymentCount: c.paymentCount,
        voidCount: c.voidCount,
        expectedFen: c.expectedFen,
        countedFen: c.countedFen,
        differenceFen: c.countedFen - c.expectedFen,
        methods: c.lines.map((l) => l.method).join(','),
        ...Object.fromEntries(c.lines.flatMap((l) => [[`${l.method}.expectedFen`, l.expectedFen], [`${l.method}.countedFen`, l.countedFen], [`${l.method}.reason`, l.reason]])),
      },
    }));
  });
}
