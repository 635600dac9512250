import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Locale } from '../../common/locale';
import type { Role } from '../../common/roles';
import { organizations, residents, staff } from '../modules/registry/tables';

/** A login account. Staff accounts link to a staff record, resident accounts to a resident. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for platform admins. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull().$type<Role[]>().default(sql`'{}'::text[]`),
    locale: text('locale').$type<Locale>().notNull().default('zh-CN'),
    staffId: uuid('staff_id').references(() => staff.id),
    residentId: uuid('resident_id').references(() => residents.id),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Set by an admin's password reset: the temporary password only opens the change-password form. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`), index('users_org_idx').on(t.organizationId)],
);

/** A signed-in browser. The id is the SHA-256 of the cookie token, so a leaked table opens nothing. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in attempts per key (an account, or an address) in the current 15-minute window. One row per
 * key, claimed with one upsert, so concurrent attempts are counted one after the other.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('login_attempts_window_idx').on(t.windowStartedAt)],
);
