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
 * `INSERT … SELECT`; repeats of a `dedupeKey` for a user are skipped. Recipients are looked up once
 * per distinct (organization, community, roles) of the batch — a sweep's thousand events share a
 * few dozen — and joined to the notifications by that group's number. Returns the rows inserted.
 */
export async function notifyRolesMany(tx: DbOrTx, inputs: readonly RoleNotificationInput[]): Promise<number> {
  const groups = new Map<string, number>();
  const audiences: { g: number; organization_id: string; community_id: string | null; roles: Role[] }[] = [];
  const rows = inputs
    .filter((n) => n.roles.length > 0)
    .map((n, i) => {
      const roles = [...new Set(n.roles)].sort();
      const key = `${n.organizationId}|${n.communityId ?? ''}|${roles.join(',')}`;
      let g = groups.get(key);
      if (g === undefined) {
        groups.set(key, (g = audiences.length));
        audiences.push({ g, organization_id: n.organizationId, community_id: n.communityId ?? null, roles });
      }
      return {
        n: i,
        g,
        organization_id: n.organizationId,
        community_id: n.communityId ?? null,
        kind: n.kind,
        message_key: n.messageKey,
        params: n.params ?? {},
        entity_type: n.entityType ?? null,
        entity_id: n.entityId ?? null,
        dedupe_key: n.dedupeKey ?? null,
      };
    });
  if (!rows.length) return 0;
  const serves = staffServesSql(sql`${users.staffId}`, sql`a.organization_id`, sql`a.community_id`);
  const result = await tx.execute(sql`
    with recipients as (
      select a.g, ${users.id} as user_id
      from jsonb_to_recordset(${JSON.stringify(audiences)}::jsonb) as a(g int, organization_id uuid, community_id uuid, roles text[])
      join ${users} on ${users.organizationId} = a.organization_id and ${users.disabledAt} is null and ${users.roles} && a.roles
        and (a.community_id is null or ${users.staffId} is null or ${serves})
    ), inserted as (
      insert into ${notifications} (organization_id, community_id, user_id, kind, message_key, params, entity_type, entity_id, dedupe_key)
      select i.organization_id, i.community_id, r.user_id, i.kind, i.message_key, i.params, i.entity_type, i.entity_id, i.dedupe_key
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(n int, g int, organization_id uuid, community_id uuid, kind text, message_key text, params jsonb, entity_type text, entity_id uuid, dedupe_key text)
      join recipients r on r.g = i.g
      order by i.n, r.user_id
      on conflict do nothing
      returning 1
    )
    select count(*)::int as inserted from inserted`);
  return Number((result as unknown as { rows: { inserted: number }[] }).rows[0]?.inserted ?? 0);
}
