import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { residents } from '../tables';

/** A resident's own profile in full (it is their own data download, not a staff view). */
export async function residentProfile(db: DbOrTx, residentId: string) {
  const [row] = await db.select().from(residents).where(eq(residents.id, residentId));
  if (!row) return null;
  return { organizationId: row.organizationId, name: row.name, phone: row.phone, idType: row.idType, idNumber: row.idNumber, plates: row.plates, registeredAt: row.createdAt.toISOString() };
}
