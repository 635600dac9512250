import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ownerVisibleData } from '../../standards/engine';
import { timelineOf } from '../../work/timeline';
import { pinnedStandard } from '../standards';
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

/**
 * The orders a resident reported in an organization, oldest first, with their owner-visible
 * timeline texts: the entries the portal shows them, without the records their standard marks
 * staff-only (as the portal).
 */
export async function ordersReportedBy(db: DbOrTx, organizationId: string, residentId: string): Promise<ReportedOrder[]> {
  const rows = await db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.organizationId, organizationId), eq(workOrders.reporterResidentId, residentId)))
    .orderBy(asc(workOrders.createdAt));
  const out: ReportedOrder[] = [];
  for (const o of rows) {
    const [events, standard] = await Promise.all([timelineOf(db, { type: 'work_order', id: o.id }, { ownerView: true }), pinnedStandard(db, o.standardVersionId)]);
    out.push({
      number: o.number,
      kind: o.kind,
      category: o.category,
      unit: o.unitLabel,
      description: o.description,
      state: o.state,
      createdAt: o.createdAt.toISOString(),
      timeline: events.map((e) => {
        const data = ownerVisibleData(standard.definition, e.action, e.data);
        const text = TEXT_KEYS.map((k) => data[k]).find((v) => typeof v === 'string');
        return { at: e.at.toISOString(), action: e.action, fromState: e.fromState, toState: e.toState, text: (text as string | undefined) ?? null };
      }),
    });
  }
  return out;
}
