import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../common/locale';
import type { Role } from '../../common/roles';
import type { RecordDescription } from '../../common/work/records';
import { apiRequest } from './client';

/** A text in both product languages, as standards carry it. */
export type LocalizedText = Record<Locale, string>;

export type ServiceLevel = '1' | '2' | '3';
export const SERVICE_LEVELS: readonly ServiceLevel[] = ['1', '2', '3'];

export type StateType = 'open' | 'in_progress' | 'waiting' | 'completed' | 'closed' | 'cancelled';
export const STATE_TYPES: readonly StateType[] = ['open', 'in_progress', 'waiting', 'completed', 'closed', 'cancelled'];

export type CalendarMode = '24x7' | 'business';
export type FactValue = string | number | boolean;
/** Fact name -> a value, a list (any of) or `{ not: ... }`. */
export type Condition = Record<string, FactValue | FactValue[] | { not: FactValue | FactValue[] }>;
export type LimitDuration = { minutes: number } | { workingDays: number };
export type StandardAction = 'read' | 'edit';
/** library: shipped with Wuye; company: the company's own version; community: one community's version. */
export type StandardScope = 'library' | 'company' | 'community';

/**
 * A typed record of a step as the standard stores it. The description callers get
 * (`RecordDescription` in `src/common/work/records.ts`) is derived from it; the stored form adds
 * who it binds (`requiredFor`), the staff filter as `positions`/`skill`, whether a chosen staff
 * member becomes the assignee, and the fact name the engine sees the value under.
 */
export type RecordRequirement = Omit<RecordDescription, 'required' | 'staffFilter' | 'when' | 'hint'> & {
  hint?: LocalizedText;
  required: boolean;
  requiredFor?: Role[];
  positions?: string[];
  /** A skill key, or `category` for the skill of the item's category. */
  skill?: string;
  assigns?: boolean;
  appointment?: boolean;
  /** Staff only: the owner's history of the item leaves the value out. */
  internal?: boolean;
  fact?: string;
};

export interface StateDefinition {
  key: string;
  type: StateType;
  name: LocalizedText;
  pausesTimers: boolean;
}

export interface TransitionDefinition {
  key: string;
  name: LocalizedText;
  from: string[];
  to?: string;
  outcomes?: { when: Condition; to: string; records: RecordRequirement[]; counter?: string }[];
  roles: Role[];
  records: RecordRequirement[];
  when?: Condition;
  counter?: string;
  hooks?: { name: string; params: Record<string, unknown> }[];
  projects?: string;
}

export interface TimeLimitDefinition {
  key: string;
  name: LocalizedText;
  duration: LimitDuration;
  calendar: CalendarMode;
  startOn: ({ state: string } | { transition: string })[];
  stopOn: ({ state: string } | { transition: string })[];
  appliesWhen?: Condition;
  warnAtShare: number;
  deadlineField?: string;
  escalateOnWarn: Role[];
  escalateOnBreach: Role[];
  /** A step the system takes when the limit runs out. */
  onBreach?: string;
}

export interface TimeLimitOverride {
  duration?: LimitDuration;
  calendar?: CalendarMode;
  warnAtShare?: number;
  escalateOnWarn?: Role[];
  escalateOnBreach?: Role[];
}

/** One version of a service standard, as `src/server/standards/definition.ts` defines it. */
export interface ServiceStandard {
  key: string;
  version: number;
  name: LocalizedText;
  scope: LocalizedText;
  minLevel: ServiceLevel;
  intakeRoles: Role[];
  /** Records the person opening the work supplies (bound per role by `requiredFor`). */
  intakeRecords: RecordRequirement[];
  states: StateDefinition[];
  initialState: string;
  transitions: TransitionDefinition[];
  timeLimits: TimeLimitDefinition[];
  levelOverrides: Partial<Record<ServiceLevel, Record<string, TimeLimitOverride>>>;
  escalations: { key: string; limit: string; atShare: number; notify: Role[]; name: LocalizedText }[];
  categories: { key: string; name: LocalizedText; skill?: string; facts: Record<string, FactValue> }[];
  checklist: { key: string; text: LocalizedText; type: 'pass_flag_fail' | 'number' | 'text'; points: number; weight: number }[];
}

export interface VersionSummary {
  id: string;
  key: string;
  version: number;
  scope: StandardScope;
  communityId: string | null;
  authorName: string;
  reason: string;
  createdAt: string;
}

/** A time limit as it applies at one service level. */
export interface EffectiveLimit {
  key: string;
  name: LocalizedText;
  duration: LimitDuration;
  calendar: CalendarMode;
  warnAtShare: number;
  appliesWhen?: Condition;
}

export interface StandardVersion extends VersionSummary {
  definition: ServiceStandard;
  limitsByLevel: { level: ServiceLevel; limits: EffectiveLimit[] }[];
  allowedActions: StandardAction[];
}

export interface StandardsIndex {
  levels: {
    level: ServiceLevel;
    name: LocalizedText;
    description: LocalizedText;
    services: { key: string; name: LocalizedText; hasStandard: boolean }[];
  }[];
  standards: { key: string; name: LocalizedText; minLevel: ServiceLevel; effective: VersionSummary }[];
  /** The contracted level of the community asked about; null for the company. */
  communityLevel: ServiceLevel | null;
}

export interface VersionComparison {
  a: VersionSummary & { definition: ServiceStandard };
  b: VersionSummary & { definition: ServiceStandard };
  differences: { path: string; a: unknown; b: unknown }[];
}

/** One change of `POST /standards/:key/time-limits`; with `level` it applies from that level up. */
export interface TimeLimitChange {
  key: string;
  level?: ServiceLevel;
  duration?: LimitDuration;
  calendar?: CalendarMode;
  warnAtShare?: number;
}

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
export interface OpeningInterval {
  start: string;
  end: string;
}
export interface CalendarYear {
  holidays: string[];
  makeUpDays: string[];
}

/** Calendar settings stored for the company or one community. */
export interface CalendarSettings {
  weeklyHours?: Partial<Record<WeekdayKey, OpeningInterval[]>>;
  makeUpDayHours?: OpeningInterval[];
  years: Record<string, CalendarYear>;
}

export interface EffectiveCalendar {
  timeZone: string;
  mode: CalendarMode;
  weeklyHours: Partial<Record<WeekdayKey, OpeningInterval[]>>;
  makeUpDayHours?: OpeningInterval[];
  years: Record<string, CalendarYear>;
}

export interface CalendarResponse {
  communityId: string | null;
  settings: CalendarSettings | null;
  /** The calendar the community's timers run on; null for the company. */
  effective: EffectiveCalendar | null;
  allowedActions: StandardAction[];
}

const standardsKey = ['standards'] as const;

/** Levels, their services and the standards in effect for the company or a community. */
export function useStandardsIndex(communityId: string | null) {
  return useQuery({
    queryKey: [...standardsKey, 'index', communityId],
    queryFn: ({ signal }) => apiRequest<StandardsIndex>('/api/v1/standards', { query: { communityId }, signal }),
  });
}

/** The version of one standard in effect for the company or a community. */
export function useStandard(key: string, communityId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...standardsKey, 'effective', key, communityId],
    queryFn: ({ signal }) =>
      apiRequest<StandardVersion>(`/api/v1/standards/${encodeURIComponent(key)}`, { query: { communityId }, signal }),
    enabled,
  });
}

/** Every version of a standard the caller may see, newest first. */
export function useStandardVersions(key: string) {
  return useQuery({
    queryKey: [...standardsKey, 'versions', key],
    queryFn: ({ signal }) =>
      apiRequest<{ items: VersionSummary[] }>(`/api/v1/standards/${encodeURIComponent(key)}/versions`, { signal }),
  });
}

/** Two versions side by side with the paths at which they differ. */
export function useVersionComparison(key: string, a: string | null, b: string | null) {
  return useQuery({
    queryKey: [...standardsKey, 'compare', key, a, b],
    queryFn: ({ signal }) =>
      apiRequest<VersionComparison>(`/api/v1/standards/${encodeURIComponent(key)}/compare`, { query: { a, b }, signal }),
    enabled: Boolean(a && b && a !== b),
  });
}

/** Changes time limits; the server saves the result as a new company or community version. */
export function useSaveTimeLimits(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { communityId: string | null; reason: string; changes: TimeLimitChange[] }) =>
      apiRequest<StandardVersion>(`/api/v1/standards/${encodeURIComponent(key)}/time-limits`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: standardsKey }),
  });
}

/** Saves a whole definition as a new company (communityId null) or community version. */
export function useSaveStandardVersion(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { communityId: string | null; reason: string; definition: ServiceStandard }) =>
      apiRequest<StandardVersion>(`/api/v1/standards/${encodeURIComponent(key)}/versions`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: standardsKey }),
  });
}

/** The business calendar settings of the company or a community. */
export function useCalendar(communityId: string | null) {
  return useQuery({
    queryKey: ['calendars', communityId],
    queryFn: ({ signal }) => apiRequest<CalendarResponse>('/api/v1/calendars', { query: { communityId }, signal }),
  });
}

/** Saves holidays and make-up days (and, for the company, weekly hours). */
export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarSettings & { communityId: string | null }) =>
      apiRequest<CalendarResponse>('/api/v1/calendars', { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['calendars', data.communityId], data);
      return queryClient.invalidateQueries({ queryKey: ['calendars'] });
    },
  });
}
