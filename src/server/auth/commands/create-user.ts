import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { roleSchema, type Role } from '../../../common/roles';
import type { RequestContext } from '../context';
import type { Tx } from '../../db/client';
import { fieldError } from '../../errors';
import { recordAudit } from '../../modules/audit/record-audit';
import { hashPassword } from '../password';
import { users } from '../tables';

export const MIN_PASSWORD_LENGTH = 8;

export const userInputSchema = z.object({
  organizationId: z.uuid().nullable(),
  username: z
    .string()
    .trim()
    .min(3)
    .max(50)
    .regex(/^[A-Za-z0-9._-]+$/),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  roles: z.array(roleSchema).min(1),
  staffId: z.uuid().nullable().default(null),
  residentId: z.uuid().nullable().default(null),
});
export type UserInput = z.input<typeof userInputSchema>;

/** Creates a login account. Usernames are unique regardless of case. */
export async function createUser(tx: Tx, ctx: RequestContext, raw: UserInput) {
  const input = userInputSchema.parse(raw);
  const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (taken) throw fieldError({ username: { key: 'field.taken' } });
  const [row] = await tx
    .insert(users)
    .values({
      organizationId: input.organizationId,
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      roles: input.roles as Role[],
      staffId: input.staffId,
      residentId: input.residentId,
    })
    .returning();
  await recordAudit(tx, ctx, {
    organizationId: input.organizationId,
    entityType: 'user',
    entityId: row!.id,
    action: 'create',
    after: { username: row!.username, displayName: row!.displayName, roles: row!.roles },
  });
  return row!;
}
