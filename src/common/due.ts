import { z } from 'zod';
import type { Locale } from './locale';

/**
 * One way to read a time limit everywhere (intake read-back, lists, the order page, the
 * technician's cards, the board, the owner portal): the due instant as wall-clock time in the
 * community's zone ("今天 17:30", "明天 08:11", "12月5日 09:00"), then the time left. A limit
 * whose clock runs on desk hours says so, because its time left counts working time only
 * ("按服务时间计，剩 59 分钟" while the wall clock reads 15 hours).
 */
export const dueSchema = z
  .object({
    at: z.iso.datetime().meta({ description: 'The due instant' }),
    remainingMs: z
      .number()
      .meta({ description: 'Time left when the response was made, negative once overdue; working time when `deskHours`, else elapsed time' }),
    deskHours: z.boolean().meta({ description: 'The clock runs on the community’s desk hours (business calendar), not around the clock' }),
    timeZone: z.string().meta({ description: 'IANA zone of the community, for the wall-clock time' }),
  })
  .meta({ id: 'Due' });
export type Due = z.infer<typeof dueSchema>;

const TEXTS = {
  'zh-CN': {
    today: '今天 {time}',
    tomorrow: '明天 {time}',
    yesterday: '昨天 {time}',
    left: '剩 {duration}',
    overdue: '已超时 {duration}',
    deskLeft: '按服务时间计，剩 {duration}',
    deskOverdue: '按服务时间计，已超时 {duration}',
    days: '{days} 天 {hours} 小时',
    daysOnly: '{days} 天',
    hours: '{hours} 小时 {minutes} 分钟',
    hoursOnly: '{hours} 小时',
    minutes: '{minutes} 分钟',
  },
  'en-US': {
    today: 'today {time}',
    tomorrow: 'tomorrow {time}',
    yesterday: 'yesterday {time}',
    left: '{duration} left',
    overdue: '{duration} overdue',
    deskLeft: '{duration} of desk hours left',
    deskOverdue: '{duration} of desk hours overdue',
    days: '{days} d {hours} h',
    daysOnly: '{days} d',
    hours: '{hours} h {minutes} min',
    hoursOnly: '{hours} h',
    minutes: '{minutes} min',
  },
} as const satisfies Record<Locale, Record<string, string>>;

type Key = keyof (typeof TEXTS)['zh-CN'];

function fill(locale: Locale, key: Key, params: Record<string, string | number>): string {
  return TEXTS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** "2 小时 5 分钟" / "2 h 5 min" of a length of time (its absolute value), to the minute. */
export function formatLength(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? fill(locale, 'days', { days, hours }) : fill(locale, 'daysOnly', { days });
  if (hours > 0) return mins ? fill(locale, 'hours', { hours, minutes: mins }) : fill(locale, 'hoursOnly', { hours });
  return fill(locale, 'minutes', { minutes: mins });
}

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, year: get('year'), month: Number(get('month')), day: Number(get('day')), time: `${get('hour')}:${get('minute')}` };
}

/** Days from local date `a` to local date `b` ('YYYY-MM-DD'). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An instant as a person reads it on the community's clock: "今天 17:30", "明天 08:11", "12月5日 09:00" (with the year when not this year). */
export function formatWallClock(at: Date | string, now: Date, timeZone: string, locale: Locale): string {
  const when = localParts(typeof at === 'string' ? new Date(at) : at, timeZone);
  const today = localParts(now, timeZone);
  const offset = daysBetween(today.date, when.date);
  if (offset === 0) return fill(locale, 'today', { time: when.time });
  if (offset === 1) return fill(locale, 'tomorrow', { time: when.time });
  if (offset === -1) return fill(locale, 'yesterday', { time: when.time });
  const sameYear = when.year === today.year;
  if (locale === 'zh-CN') return `${sameYear ? '' : `${when.year}年`}${when.month}月${when.day}日 ${when.time}`;
  return `${MONTHS[when.month - 1]} ${when.day}${sameYear ? '' : `, ${when.year}`}, ${when.time}`;
}

/** A due time in words: when (wall clock), the time left or overdue, whether it is overdue. */
export interface DueWords {
  when: string;
  left: string;
  overdue: boolean;
}

/**
 * The due time of a limit in words at `now`. A limit on desk hours takes the working time left
 * that the server computed (`remainingMs`, it needs the calendar); one around the clock counts
 * from the due instant, so a page left open stays right.
 */
export function describeDue(due: Due, now: Date, locale: Locale): DueWords {
  const remaining = due.deskHours ? due.remainingMs : Date.parse(due.at) - now.getTime();
  // Overdue is judged on the due instant itself, so the words never disagree with the colour.
  const overdue = Date.parse(due.at) <= now.getTime() || remaining < 0;
  const length = formatLength(remaining, locale);
  const key: Key = due.deskHours ? (overdue ? 'deskOverdue' : 'deskLeft') : overdue ? 'overdue' : 'left';
  return { when: formatWallClock(due.at, now, due.timeZone, locale), left: fill(locale, key, { duration: length }), overdue };
}

/** "明天 08:11 · 按服务时间计，剩 59 分钟": the one-line form for cards and messages. */
export function dueLine(due: Due, now: Date, locale: Locale): string {
  const words = describeDue(due, now, locale);
  return `${words.when} · ${words.left}`;
}
