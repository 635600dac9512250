import { describe, expect, it } from 'vitest';
import { CONFIRMATION_CHANNELS, PASS_ORIGINS, WORKER_KINDS } from '../../common/gate';
import { INCIDENT_TYPE_KEYS } from '../../common/incidents';
import { LOCALES, type Locale } from '../../common/locale';
import { HAZARD_ACTIONS } from '../../common/patrol';
import { BINDING_STATES, UNIT_REQUEST_STATUSES } from '../../common/portal';
import { ENUM_LABELS, ID_TYPE_VALUES, POSITION_VALUES, RELATION_VALUES, SKILL_VALUES, UNIT_STATUS_VALUES, UNIT_USE_VALUES } from '../../common/registry';
import { ROLES } from '../../common/roles';
import { POST_KINDS } from '../../common/shifts';
import { COMMENT_VISIBILITIES, COMPLAINT_SOURCES, EVENT_CHANNELS, STATUS_TYPES, TIMER_PHASES, URGENCIES, WORK_ORDER_KINDS, workOrderTimerSchema } from '../../common/work-orders';
import { RECORD_TYPES } from '../../common/work/records';
import { PORTAL_TEXTS } from '../m/i18n';
import { GATE_MESSAGES } from '../pages/gate/gate-messages';
import { SECURITY_MESSAGES } from '../pages/patrol/security-messages';
import { UNIT_REQUEST_MESSAGES } from '../pages/portal/unit-request-messages';
import { RECORD_TYPE_LABELS } from '../pages/standards/step-records-messages';
import { WO_MESSAGES } from '../pages/work-orders/work-order-messages';
import { ROLE_LABELS } from './messages';
import { MESSAGES } from './messages-all';

type Label = (locale: Locale, value: string) => string | undefined;

const fromKeys =
  (catalogue: Record<Locale, Record<string, string>>, prefix: string): Label =>
  (locale, value) =>
    catalogue[locale][`${prefix}${value}`];
const fromPairs =
  (table: Record<string, readonly [string, string]>): Label =>
  (locale, value) =>
    table[value]?.[locale === 'zh-CN' ? 0 : 1];
const portal =
  (prefix: string): Label =>
  (locale, value) =>
    (PORTAL_TEXTS as Record<string, Record<Locale, string>>)[`${prefix}${value}`]?.[locale];

const TIMER_STATUSES = workOrderTimerSchema.shape.status.options;

/**
 * Every enum of src/common that a page shows, with each catalogue that labels it. A value added
 * to an enum without its label in every catalogue that shows it fails here, before a page shows
 * the raw code (`plumbing`, `in_progress`).
 */
const SHOWN: { name: string; values: readonly string[]; labels: Record<string, Label>; sameEverywhere?: true }[] = [
  { name: 'roles', values: ROLES, labels: { console: (l, v) => (ROLE_LABELS[l] as Record<string, string>)[v] } },
  { name: 'positions', values: POSITION_VALUES, labels: { registry: fromPairs(ENUM_LABELS.position) } },
  { name: 'skills', values: SKILL_VALUES, labels: { registry: fromPairs(ENUM_LABELS.skill) } },
  { name: 'unit uses', values: UNIT_USE_VALUES, labels: { registry: fromPairs(ENUM_LABELS.use) } },
  { name: 'unit states', values: UNIT_STATUS_VALUES, labels: { registry: fromPairs(ENUM_LABELS.status) } },
  { name: 'id types', values: ID_TYPE_VALUES, labels: { registry: fromPairs(ENUM_LABELS.idType) } },
  // The intake lookup, the import and the portal name a resident's relation the same way.
  {
    name: 'relations',
    values: RELATION_VALUES,
    labels: { registry: fromPairs(ENUM_LABELS.relation), 'work orders': fromKeys(WO_MESSAGES, 'relation.'), portal: portal('relation.') },
    sameEverywhere: true,
  },
  { name: 'work-order kinds', values: WORK_ORDER_KINDS, labels: { 'work orders': fromKeys(WO_MESSAGES, 'kind.') } },
  { name: 'channels', values: EVENT_CHANNELS, labels: { 'work orders': fromKeys(WO_MESSAGES, 'channel.') } },
  { name: 'complaint sources', values: COMPLAINT_SOURCES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'source.') } },
  { name: 'urgencies', values: URGENCIES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'urgency.') } },
  { name: 'state types', values: STATUS_TYPES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'statusType.'), standards: fromKeys(MESSAGES, 'standards.stateType.') } },
  { name: 'time-limit phases', values: TIMER_PHASES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'sla.phase.') } },
  { name: 'time-limit states', values: TIMER_STATUSES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'sla.status.') } },
  { name: 'comment visibilities', values: COMMENT_VISIBILITIES, labels: { 'work orders': fromKeys(WO_MESSAGES, 'comment.') } },
  { name: 'host confirmations', values: CONFIRMATION_CHANNELS, labels: { gate: fromKeys(GATE_MESSAGES, 'channel.') } },
  { name: 'pass origins', values: PASS_ORIGINS, labels: { gate: fromKeys(GATE_MESSAGES, 'origin.') } },
  { name: 'decoration workers', values: WORKER_KINDS, labels: { gate: fromKeys(GATE_MESSAGES, 'deco.kind.') } },
  { name: 'incident types', values: INCIDENT_TYPE_KEYS, labels: { security: fromKeys(SECURITY_MESSAGES as Record<Locale, Record<string, string>>, 'type.') } },
  { name: 'hazard actions', values: HAZARD_ACTIONS, labels: { patrol: fromKeys(SECURITY_MESSAGES as Record<Locale, Record<string, string>>, 'round.hazard.') } },
  { name: 'duty posts', values: POST_KINDS, labels: { shifts: fromKeys(SECURITY_MESSAGES as Record<Locale, Record<string, string>>, 'post.kind.') } },
  { name: 'home bindings', values: BINDING_STATES, labels: { portal: portal('unit.') } },
  {
    name: 'unit requests',
    values: UNIT_REQUEST_STATUSES,
    labels: { desk: (l, v) => (UNIT_REQUEST_MESSAGES as unknown as Record<string, Record<Locale, string>>)[v]?.[l] },
  },
  { name: 'record types', values: RECORD_TYPES, labels: { standards: (l, v) => RECORD_TYPE_LABELS[v as keyof typeof RECORD_TYPE_LABELS]?.[l] } },
];

const HAN = /[\u4e00-\u9fff]/;

describe('labels of the enums the pages show', () => {
  it.each(SHOWN)('$name: every value has a Chinese and an English label in every catalogue that shows it', ({ values, labels }) => {
    expect(values.length).toBeGreaterThan(0);
    for (const [catalogue, label] of Object.entries(labels)) {
      for (const value of values) {
        const zh = label('zh-CN', value);
        const en = label('en-US', value);
        expect(zh, `${catalogue}: ${value} (zh-CN)`).toMatch(HAN);
        expect(en, `${catalogue}: ${value} (en-US)`).toBeTruthy();
        // An English label is words, not the code itself (`walk_in`, `in_progress`).
        expect(en, `${catalogue}: ${value} (en-US)`).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
      }
    }
  });

  // A person's relation to a home is one word wherever the desk or the owner reads it (the
  // intake lookup said 家属 where the import and the portal say 家庭成员). State types are not:
  // the standards page names the semantic type (已完成), the work-order filter what it means to
  // the desk (待验收/回访).
  it.each(SHOWN.filter((e) => e.sameEverywhere))('$name: every catalogue names a value the same way', ({ values, labels }) => {
    const [first, ...rest] = Object.entries(labels);
    expect(rest.length).toBeGreaterThan(0);
    // Chinese only: the portal's English speaks to the owner ("Family of the owner").
    for (const locale of LOCALES.filter((l) => l === 'zh-CN')) {
      for (const value of values) {
        for (const [catalogue, label] of rest) {
          expect(`${catalogue}: ${label(locale, value)}`, value).toBe(`${catalogue}: ${first![1](locale, value)}`);
        }
      }
    }
  });
});
