import { describe, expect, it } from 'vitest';
import { describeDue, dueLine, formatLength, formatWallClock, type Due } from './due';

const ZONE = 'Asia/Shanghai';
// 2026-12-02 16:30 in Shanghai.
const NOW = new Date('2026-12-02T08:30:00Z');

const due = (at: string, remainingMs: number, deskHours = false): Due => ({ at, remainingMs, deskHours, timeZone: ZONE });

describe('one reading of a due time', () => {
  it('names the day on the community’s clock: today, tomorrow, a date, with the year when not this one', () => {
    expect(formatWallClock('2026-12-02T09:30:00Z', NOW, ZONE, 'zh-CN')).toBe('今天 17:30');
    expect(formatWallClock('2026-12-03T00:11:00Z', NOW, ZONE, 'zh-CN')).toBe('明天 08:11');
    expect(formatWallClock('2026-12-01T23:00:00Z', NOW, ZONE, 'zh-CN')).toBe('今天 07:00');
    expect(formatWallClock('2026-12-05T01:00:00Z', NOW, ZONE, 'zh-CN')).toBe('12月5日 09:00');
    expect(formatWallClock('2027-01-05T01:00:00Z', NOW, ZONE, 'zh-CN')).toBe('2027年1月5日 09:00');
    expect(formatWallClock('2026-12-01T01:00:00Z', NOW, ZONE, 'en-US')).toBe('yesterday 09:00');
    expect(formatWallClock('2026-12-05T01:00:00Z', NOW, ZONE, 'en-US')).toBe('Dec 5, 09:00');
    // The same instant on another community's clock is another day.
    expect(formatWallClock('2026-12-02T17:00:00Z', NOW, ZONE, 'zh-CN')).toBe('明天 01:00');
    expect(formatWallClock('2026-12-02T17:00:00Z', NOW, 'Europe/Berlin', 'zh-CN')).toBe('今天 18:00');
  });

  it('gives the time left around the clock from the due instant, and says overdue once it has passed', () => {
    expect(dueLine(due('2026-12-02T10:35:00Z', 0), NOW, 'zh-CN')).toBe('今天 18:35 · 剩 2 小时 5 分钟');
    expect(dueLine(due('2026-12-02T08:00:00Z', 0), NOW, 'zh-CN')).toBe('今天 16:00 · 已超时 30 分钟');
    expect(describeDue(due('2026-12-02T08:00:00Z', 0), NOW, 'zh-CN').overdue).toBe(true);
    expect(dueLine(due('2026-12-04T10:30:00Z', 0), NOW, 'en-US')).toBe('Dec 4, 18:30 · 2 d 2 h left');
  });

  it('counts desk hours with the working time the server computed, and says so', () => {
    // Due tomorrow 08:11 on the desk's clock: 15 h away on the wall, 59 working minutes left.
    const line = dueLine(due('2026-12-03T00:11:00Z', 59 * 60_000, true), NOW, 'zh-CN');
    expect(line).toBe('明天 08:11 · 按服务时间计，剩 59 分钟');
    expect(dueLine(due('2026-12-02T08:00:00Z', -35 * 60_000, true), NOW, 'zh-CN')).toBe('今天 16:00 · 按服务时间计，已超时 35 分钟');
    expect(dueLine(due('2026-12-03T00:11:00Z', 59 * 60_000, true), NOW, 'en-US')).toBe('tomorrow 08:11 · 59 min of desk hours left');
  });

  it('writes lengths to the minute', () => {
    expect(formatLength(0, 'zh-CN')).toBe('0 分钟');
    expect(formatLength(-90 * 60_000, 'zh-CN')).toBe('1 小时 30 分钟');
    expect(formatLength(120 * 60_000, 'zh-CN')).toBe('2 小时');
    expect(formatLength(48 * 3_600_000, 'en-US')).toBe('2 d');
  });
});
