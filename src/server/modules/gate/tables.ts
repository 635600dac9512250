import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PassOrigin } from '../../../common/gate';
import type { FactValue, StateType } from '../../standards/definition';

/** Who did something, copied so it stays readable after accounts change. */
export interface GatePerson {
  userId: string | null;
  name: string;
}

/** How the host (visitor) or owner (goods) confirmed, recorded by the desk or the guard. */
export interface ConfirmationRecord {
  channel: string;
  confirmedBy: string;
  at: string;
  by: GatePerson;
}

/** Columns every gate work item shares: where it is, what standard it runs under, its state. */
function workColumns() {
  return {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** e.g. "3栋 1202", copied at registration. */
    unitLabel: text('unit_label').notNull(),
    /** Running number per community and local day, e.g. FK20261122-0003 (work/numbering.ts). */
    number: text('number').notNull(),
    /** Short code typed by hand at the gate; unique per community. */
    code: text('code').notNull(),
    /** Unguessable token carried by the QR code and the shared link. */
    token: text('token').notNull(),
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull(),
    /** Raised by every step; a step sent with `If-Match` of an older version is refused (409 STALE). */
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Record<string, FactValue | null>>().notNull().default({}),
    confirmation: jsonb('confirmation').$type<ConfirmationRecord>(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    createdBy: jsonb('created_by').$type<GatePerson>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  };
}

/**
 * A pass through the gate: a visitor registered in advance by a resident or the desk, a walk-in
 * visitor registered by the guard after the host confirmed, or a decoration worker. Runs under
 * the `visitor` standard; its validity is a timer whose deadline is the end of the window.
 */
export const gatePasses = pgTable(
  'gate_passes',
  {
    ...workColumns(),
    origin: text('origin').$type<PassOrigin>().notNull(),
    hostResidentId: uuid('host_resident_id'),
    hostName: text('host_name'),
    visitorName: text('visitor_name').notNull(),
    visitorPhone: text('visitor_phone'),
    plate: text('plate'),
    partySize: integer('party_size').notNull().default(1),
    purpose: text('purpose'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    decorationId: uuid('decoration_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    /** When the retention job stripped the visitor's name, phone, plate and purpose (gate/retention.ts). */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('gate_passes_code_uq').on(t.communityId, t.code),
    uniqueIndex('gate_passes_number_uq').on(t.communityId, t.number),
    uniqueIndex('gate_passes_token_uq').on(t.token),
    index('gate_passes_window_idx').on(t.communityId, t.validFrom),
    index('gate_passes_unit_idx').on(t.unitId),
  ],
);

/** One line of a release slip. */
export interface SlipItem {
  name: string;
  quantity: number;
  note: string | null;
}

/** The guard's check and signature when the goods left. */
export interface ReleaseRecord {
  at: string;
  by: GatePerson;
  /** The signature record of the releasing step (null when a company's standard asks for none). */
  signatureId: string | null;
}

/**
 * A goods-release slip the owner authorised (or the desk after confirming with the owner),
 * under the `goods_release` standard: released once against the guard's check and signature.
 */
export const goodsSlips = pgTable(
  'goods_slips',
  {
    ...workColumns(),
    issuerResidentId: uuid('issuer_resident_id'),
    items: jsonb('items').$type<SlipItem[]>().notNull(),
    carrierName: text('carrier_name').notNull(),
    carrierPhone: text('carrier_phone'),
    plate: text('plate'),
    note: text('note'),
    release: jsonb('release').$type<ReleaseRecord>(),
    /** When the retention job stripped the carrier's name, phone and plate (gate/retention.ts). */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('goods_slips_code_uq').on(t.communityId, t.code),
    uniqueIndex('goods_slips_number_uq').on(t.communityId, t.number),
    uniqueIndex('goods_slips_token_uq').on(t.token),
    index('goods_slips_community_idx').on(t.communityId, t.createdAt),
  ],
);

/**
 * A unit's decoration registration (装修登记): period, company and responsible person. Fixed
 * workers hold a pass valid for the whole period; temporary workers are registered per visit.
 */
export const decorations = pgTable(
  'decorations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitLabel: text('unit_label').notNull(),
    company: text('company').notNull(),
    responsibleName: text('responsible_name').notNull(),
    responsiblePhone: text('responsible_phone').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    note: text('note'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** The `decoration` standard version the registration runs under (rows before it: the library's first). */
    standardVersionId: uuid('standard_version_id').notNull(),
    state: text('state').notNull(),
    stateType: text('state_type').$type<StateType>().notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull(),
    /** Raised by every step; a step sent with `If-Match` of an older version is refused (409 STALE). */
    version: integer('version').notNull().default(0),
    facts: jsonb('facts').$type<Record<string, FactValue | null>>().notNull().default({}),
    createdBy: jsonb('created_by').$type<GatePerson>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decorations_community_idx').on(t.communityId, t.endsOn), index('decorations_unit_idx').on(t.unitId)],
);

/**
 * A worker of a decoration. Fixed workers leave a duplicate certificate (副证), checked against
 * the original by a named person, with a photo of the copy archived as an attachment.
 */
export const decorationWorkers = pgTable(
  'decoration_workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    communityId: uuid('community_id').notNull(),
    decorationId: uuid('decoration_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    kind: text('kind').$type<'fixed' | 'temporary'>().notNull(),
    /** Fixed workers: number of the certificate the copy was checked against. */
    certificateNumber: text('certificate_number'),
    certificateCheckedBy: jsonb('certificate_checked_by').$type<GatePerson>(),
    certificateCheckedAt: timestamp('certificate_checked_at', { withTimezone: true }),
    certificatePhotoId: uuid('certificate_photo_id'),
    /** Temporary workers: how the guard verified the person on this visit. */
    verification: text('verification'),
    passId: uuid('pass_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('decoration_workers_decoration_idx').on(t.decorationId)],
);

export const GATE_PASS_SUBJECT = 'gate_pass';
export const GOODS_SLIP_SUBJECT = 'goods_slip';
