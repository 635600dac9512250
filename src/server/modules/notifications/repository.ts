import { and, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor } from '../../db/scope';
import { notifications } from './tables';

// An inbox is personal: the filter is the caller's own user id, whatever their roles.
const own = (actor: Actor) => eq(notifications.userId, actor.userId);

/** A page of the caller's inbox, newest first, with the unread count. */
export async function listNotifications(db: Db, actor: Actor, q: { page: number; pageSize: number; unread?: boolean }) {
  const where: SQL[] = [own(actor)];
  if (q.unread === true) where.push(isNull(notifications.readAt));
  if (q.unread === false) where.push(isNotNull(notifications.readAt));
  const [rows, [total], [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(...where))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(notifications).where(and(...where)),
    db.select({ n: count() }).from(notifications).where(and(own(actor), isNull(notifications.readAt))),
  ]);
  return { rows, total: total?.n ?? 0, unreadCount: unread?.n ?? 0 };
}

/** Marks one of the caller's notifications read; false when it is not theirs. */
export async function markRead(db: Db, actor: Actor, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(own(actor), eq(notifications.id, id), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length) return true;
  const [exists] = await db.select({ id: notifications.id }).from(notifications).where(and(own(actor), eq(notifications.id, id)));
  return Boolean(exists);
}

/** Marks all of the caller's notifications read; returns how many changed. */
export async function markAllRead(db: Db, actor: Actor): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(own(actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
