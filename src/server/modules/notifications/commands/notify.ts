import { and, arrayOverlaps, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '../../../../common/roles';
import { users } from '../../../auth/tables';
import type { DbOrTx } from '../../../db/client';
import type { MessageKey, MessageParam } from '../../../i18n/messages';
import { staffIdsServing, staffServesSql } from '../../registry';
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

/** One notification of a batch, to every account holding one of `roles` (see `notifyRolesMany`). */
export interface RoleNotificationInput extends NotificationInput {
  roles: readonly Role[];
}

/**
 * `notifyRoles` for many notifications in one statement (the SLA sweeper's batch): the recipients
 * of each are picked as `usersWithRoles` picks them (active accounts of the organization with one of
 * the roles that serve its community, or hold no staff record), and every row is inserted by one
 * `INSERT … SELECT`; repeats of a `dedupeKey` for a user are skipped. Returns the rows inserted.
 */
export async function notifyRolesMany(tx: DbOrTx, inputs: readonly RoleNotificationInput[]): Promise<number> {
  const rows = inputs
    .filter((n) => n.roles.length > 0)
    .map((n, i) => ({
      n: i,
      organization_id: n.organizationId,
      community_id: n.communityId ?? null,
      roles: [...new Set(n.roles)],
      kind: n.kind,
      message_key: n.messageKey,
      params: n.params ?? {},
      entity_type: n.entityType ?? null,
      entity_id: n.entityId ?? null,
      dedupe_key: n.dedupeKey ?? null,
    }));
  if (!rows.length) return 0;
  const serves = staffServesSql(sql`${users.staffId}`, sql`i.organization_id`, sql`i.community_id`);
  const result = await tx.execute(sql`
    insert into ${notifications} (organization_id, community_id, user_id, kind, message_key, params, entity_type, entity_id, dedupe_key)
    select i.organization_id, i.community_id, ${users.id}, i.kind, i.message_key, i.params, i.entity_type, i.entity_id, i.dedupe_key
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(n int, organization_id uuid, community_id uuid, roles text[], kind text, message_key text, params jsonb, entity_type text, entity_id uuid, dedupe_key text)
    join ${users} on ${users.organizationId} = i.organization_id and ${users.disabledAt} is null and ${users.roles} && i.roles
      and (i.community_id is null or ${users.staffId} is null or ${serves})
    order by i.n, ${users.id}
    on conflict do nothing
    returning 1 as inserted`);
  return (result as unknown as { rows: unknown[] }).rows.length;
}
