import { eq } from 'drizzle-orm';
import type { PortalMe } from '../../../common/portal';
import { users } from '../../auth/tables';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { maskPhone, residentById } from '../registry';
import { privacyOf, unitsOfResident } from './repository';

/** The PortalMe document of an account. */
export async function presentPortalMe(db: DbOrTx, userId: string, csrfToken: string): Promise<PortalMe> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED', 'error.unauthenticated');
  const resident = user.residentId ? await residentById(db, user.residentId) : null;
  return {
    user: { id: user.id, displayName: user.displayName, locale: user.locale },
    registered: !!resident,
    resident: resident ? { id: resident.id, name: resident.name, phoneMasked: maskPhone(resident.phone) } : null,
    hasPassword: user.passwordHash !== null,
    privacy: await privacyOf(db, user.id),
    units: resident ? await unitsOfResident(db, resident.id) : [],
    csrfToken,
  };
}
