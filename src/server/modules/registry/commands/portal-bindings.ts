import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client';
import { residents, residentUnits } from '../tables';

// The registry's writes for the owner portal (exported through registry/index.ts): a person who
// registers becomes a resident, a unit they ask for is a binding that grants nothing until the
// desk approves it. The caller audits them in its own transaction.

type Relation = typeof residentUnits.$inferInsert.relation;

/** A resident registered through the portal (name and the proven phone); returns the id. */
export async function createPortalResident(tx: Tx, input: { organizationId: string; name: string; phone: string }): Promise<string> {
  const [created] = await tx.insert(residents).values(input).returning({ id: residents.id });
  return created!.id;
}

/** A binding of a resident to a unit awaiting the desk's review (unapproved); returns its id. */
export async function addPendingBinding(
  tx: Tx,
  input: { organizationId: string; communityId: string; residentId: string; unitId: string; relation: Relation },
): Promise<string> {
  const [binding] = await tx
    .insert(residentUnits)
    .values({ ...input, approved: false })
    .returning({ id: residentUnits.id });
  return binding!.id;
}

/** The desk approved a pending binding: it now grants what a resident of the unit may do. */
export async function approveBinding(tx: Tx, bindingId: string): Promise<void> {
  await tx.update(residentUnits).set({ approved: true }).where(eq(residentUnits.id, bindingId));
}

/** The desk turned a request down: its binding goes, if it was still unapproved. */
export async function dropPendingBinding(tx: Tx, bindingId: string): Promise<void> {
  await tx.delete(residentUnits).where(and(eq(residentUnits.id, bindingId), eq(residentUnits.approved, false)));
}
