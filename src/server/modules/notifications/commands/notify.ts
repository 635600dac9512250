import { and, arrayOverlaps, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Role } from '../../../../common/roles';
import { users } from '../../../auth/tables';
import type { DbOrTx } from '../../../db/client';
import type { MessageKey, MessageParam } from '../../../i18n/messages';
import { staffIdsServing } from '../../registry';
import { notifications } from '../tables';

export interface NotificationInput {
  organizationId: string;
  communityId?: string | null;
  kind: string;
  messageKey: MessageKey;
  params?: Record<string, MessageParam>;
  entityType?: string;
  entityId?: string;
  /** Same key for the same user → stored once, however often it is raised. */
  dedupeKey?: string;
}

/** Puts a notification in the inboxes of the given users (inside the caller's transaction). */
export async function notifyUsers(tx: DbOrTx, userIds: string[], n: NotificationInput): Promise<number> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const rows = await tx
    .insert(notifications)
    .values(
      unique.map((userId) => ({
        organizationId: n.organizationId,
        communityId: n.communityId ?? null,
        userId,
        kind: n.kind,
        messageKey: n.messageKey,
        params: n.params ?? {},
        entityType: n.entityType ?? null,
        entityId: n.entityId ?? null,
        dedupeKey: n.dedupeKey ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length;
}

/** Notifies the active sign-in accounts of these staff members (an assignee, a person responsible). */
export async function notifyStaff(tx: DbOrTx, staffIds: readonly string[], n: NotificationInput): Promise<number> {
  const ids = [...new Set(staffIds)];
  if (!ids.length) return 0;
  const accounts = await tx.select({ id: users.id }).from(users).where(and(inArray(users.staffId, ids), isNull(users.disabledAt)));
  return notifyUsers(tx, accounts.map((a) => a.id), n);
}

/**
 * The active accounts holding any of the roles for a community: staff who serve it, and company
 * admins of the organization.
 */
export async function usersWithRoles(tx: DbOrTx, organizationId: string, communityId: string | null, roles: Role[]) {
  if (!roles.length) return [];
  // Accounts without a staff record (company admins) count for every community.
  const serving = communityId ? await staffIdsServing(tx, organizationId, communityId) : [];
  const servesCommunity = communityId ? or(serving.length ? inArray(users.staffId, serving) : undefined, isNull(users.staffId)) : undefined;
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizationId),
        isNull(users.disabledAt),
        arrayOverlaps(users.roles, roles),
        servesCommunity,
      ),
    );
  return rows.map((r) => r.id);
}

/** Notifies every account with one of the roles in the community (escalations, breaches). */
export async function notifyRoles(tx: DbOrTx, roles: Role[], n: NotificationInput): Promise<number> {
  return notifyUsers(tx, await usersWithRoles(tx, n.organizationId, n.communityId ?? null, roles), n);
}
