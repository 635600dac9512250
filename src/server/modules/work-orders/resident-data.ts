import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { timelineOf } from '../../work/timeline';
import { workOrders } from './tables';

/** One order a resident reported, as their own data download shows it. */
export interface ReportedOrder {
  number: string;
  kind: string;
  category: string;
  unit: string | null;
  description: string;
  state: string;
  createdAt: string;
  /** The entries of the timeline the resident sees in the portal, with their texts. */
  timeline: Array<{ at: string; action: string | null; fromState: string | null; toState: string | null; text: string | null }>;
}

const TEXT_KEYS = ['text', 'comment', 'note', 'reason'] as const;

/** The orders a resident reported in an organization, oldest first, with their owner-visible timeline texts. */
export async function ordersReportedBy(db: DbOrTx, organizationId: string, residentId: string): Promise<ReportedOrder[]> {
  const rows = await db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.reporterResidentId, residentId)))
    .orderBy(asc(workOrders.createdAt));
  const out: ReportedOrder[] = [];
  for (const o of rows) {
    const events = await timelineOf(db, { type: 'work_order', id: o.id }, { ownerView: true });
    out.push({
      number: o.number,
      kind: o.kind,
      category: o.category,
      unit: o.unitLabel,
      description: o.description,
      state: o.state,
      createdAt: o.createdAt.toISOString(),
      timeline: events.map((e) => {
        const text = TEXT_KEYS.map((k) => e.data[k]).find((v) => typeof v === 'string');
        return { at: e.at.toISOString(), action: e.action, fromState: e.fromState, toState: e.toState, text: (text as string | undefined) ?? null };
      }),
    });
  }
  return out;
}
