import type { Locale } from '../../../common/locale';
import type {
  CalendarMode,
  Condition,
  FactValue,
  LimitDuration,
  LocalizedText,
  RecordRequirement,
  ServiceLevel,
  StandardScope,
  StateType,
} from '../../api/standards';
import type { I18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages';

type Translate = I18n['t'];

/** A standard's text in the current language (falls back to Chinese, the source of truth). */
export function localized(text: LocalizedText | undefined, locale: Locale): string {
  return text?.[locale] ?? text?.['zh-CN'] ?? '';
}

/** "10 分钟", "1 小时", "72 小时", "1 小时 30 分钟", "2 个工作日" and their English forms. */
export function durationText(duration: LimitDuration, t: Translate): string {
  if ('workingDays' in duration) {
    const n = duration.workingDays;
    return t(n === 1 ? 'standards.duration.workingDay' : 'standards.duration.workingDays', { n });
  }
  const { minutes } = duration;
  if (minutes < 60) return t('standards.duration.minutes', { n: minutes });
  if (minutes % 60 === 0) return t(minutes === 60 ? 'standards.duration.hour' : 'standards.duration.hours', { n: minutes / 60 });
  return t('standards.duration.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export const LEVEL_KEYS: Record<ServiceLevel, MessageKey> = {
  '1': 'standards.level.1',
  '2': 'standards.level.2',
  '3': 'standards.level.3',
};

export const SCOPE_KEYS: Record<StandardScope, MessageKey> = {
  library: 'standards.scope.library',
  company: 'standards.scope.company',
  community: 'standards.scope.community',
};

export const SCOPE_COLORS: Record<StandardScope, string> = { library: 'default', company: 'blue', community: 'purple' };

export const CALENDAR_KEYS: Record<CalendarMode, MessageKey> = {
  '24x7': 'standards.calendar.24x7',
  business: 'standards.calendar.business',
};

export const STATE_TYPE_KEYS: Record<StateType, MessageKey> = {
  open: 'standards.stateType.open',
  in_progress: 'standards.stateType.in_progress',
  waiting: 'standards.stateType.waiting',
  completed: 'standards.stateType.completed',
  closed: 'standards.stateType.closed',
  cancelled: 'standards.stateType.cancelled',
};

/** Border/text and fill colours of each semantic state type, shared by the diagram and its legend. */
export const STATE_TYPE_COLORS: Record<StateType, { stroke: string; fill: string }> = {
  open: { stroke: '#1677ff', fill: '#e6f4ff' },
  in_progress: { stroke: '#13a8a8', fill: '#e6fffb' },
  waiting: { stroke: '#d48806', fill: '#fffbe6' },
  completed: { stroke: '#389e0d', fill: '#f6ffed' },
  closed: { stroke: '#595959', fill: '#f0f0f0' },
  cancelled: { stroke: '#cf1322', fill: '#fff1f0' },
};

// Facts the shipped standards use, in words people in the field use. Unknown facts fall back to
// "name: value", so a company's own facts still read sensibly.
const FACT_WORDS: Record<string, Record<string, { is: MessageKey; isNot: MessageKey }>> = {
  urgency: { emergency: { is: 'standards.fact.emergency', isNot: 'standards.fact.notEmergency' } },
  paid: { true: { is: 'standards.fact.paid', isNot: 'standards.fact.notPaid' } },
};

function valueText(value: FactValue, t: Translate): string {
  if (value === true) return t('standards.yes');
  if (value === false) return t('standards.no');
  return String(value);
}

/**
 * A condition in words: known facts as "紧急" / "非紧急", outcome fields by their record label
 * ("投诉人是否满意：否"), anything else as "name: value".
 */
export function conditionText(
  condition: Condition | undefined,
  t: Translate,
  locale: Locale,
  records: RecordRequirement[] = [],
): string {
  if (!condition) return '';
  const parts = Object.entries(condition).map(([name, expected]) => {
    const negated = typeof expected === 'object' && !Array.isArray(expected);
    const raw = negated ? expected.not : expected;
    const values = Array.isArray(raw) ? raw : [raw];
    const known = values.length === 1 ? FACT_WORDS[name]?.[String(values[0])] : undefined;
    if (known) return t(negated ? known.isNot : known.is);
    const label = localized(records.find((r) => r.name === name)?.label, locale) || name;
    const list = values.map((v) => valueText(v, t)).join(t('common.listSeparator'));
    return negated ? t('standards.condition.not', { name: label, value: list }) : `${label}${t('standards.condition.colon')}${list}`;
  });
  return parts.join(t('common.listSeparator'));
}

/** "80%" from 0.8. */
export function shareText(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Who saved a version; the shipped library is named in the reader's language. */
export function authorText(version: { scope: StandardScope; authorName: string }, t: Translate): string {
  return version.scope === 'library' ? t('standards.libraryAuthor') : version.authorName;
}

/** Why a version was saved; the shipped library's reason is given in the reader's language. */
export function reasonText(version: { scope: StandardScope; reason: string }, t: Translate): string {
  return version.scope === 'library' ? t('standards.libraryReason') : version.reason;
}
