import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addWorkingTime } from './calendar';
import { DEFAULT_STANDARDS_DIR, loadDefaultLibrary, loadLibrary, servicesAtLevel, StandardsLibraryError } from './library';

describe('default library', () => {
  const library = loadDefaultLibrary();

  it('loads the standards, the levels and the calendar', () => {
    expect(['complaint', 'decoration', 'goods_release', 'inquiry', 'patrol_cctv', 'repair', 'visitor']);
    expect(library.levels.map((l) => l.key)).toEqual(['1', '2', '3']);
    expect(library.calendar.timeZone).toBe('Asia/Shanghai');
  });

  it('has cumulative levels', () => {
    const keys = (level: '1' | '2' | '3') => servicesAtLevel(library, level).map((s) => s.key);
    expect(keys('1')).toEqual(expect.arrayContaining(['repair', 'complaint', 'inquiry']));
    expect(keys('2')).toEqual(expect.arrayContaining([...keys('1'), 'landscaping', 'fire_drills']));
    expect(keys('3')).toEqual(expect.arrayContaining([...keys('2'), 'parcel_collection', 'butler']));
    expect(keys('1')).not.toContain('landscaping');
  });

  it('holds the default time limits', () => {
    const limit = (service: string, key: string) => library.standards.get(service)!.timeLimits.find((l) => l.key === key)!;
    expect(limit('inquiry', 'callback')).toMatchObject({ duration: { minutes: 60 }, calendar: 'business', warnAtShare: 0.8 });
    expect(limit('complaint', 'first_reply').duration).toEqual({ minutes: 60 });
    expect(limit('complaint', 'resolution').duration).toEqual({ minutes: 72 * 60 });
    expect(limit('complaint', 'return_visit').duration).toEqual({ workingDays: 2 });
    expect(limit('repair', 'emergency_contact')).toMatchObject({ duration: { minutes: 10 }, calendar: '24x7' });
    expect(limit('repair', 'emergency_arrival')).toMatchObject({ duration: { minutes: 30 }, calendar: '24x7' });
    expect(limit('repair', 'first_contact').duration).toEqual({ minutes: 60 });
    expect(limit('repair', 'arrival')).toMatchObject({ duration: { minutes: 24 * 60 }, deadlineField: 'appointment_at' });
    expect(limit('repair', 'completion').duration).toEqual({ minutes: 72 * 60 });
    expect(limit('repair', 'return_visit').duration).toEqual({ workingDays: 2 });
  });

  it('marks exactly the five emergency repair categories', () => {
    const emergency = library.standards
      .get('repair')!
      .categories.filter((c) => c.facts.urgency === 'emergency')
      .map((c) => c.key);
    expect(emergency).toEqual(['leak', 'power_loss', 'lift_entrapment', 'gas_smell', 'main_drain_blocked']);
  });

  it('has the desk calendar with the 2025 holidays', () => {
    // Friday 2025-09-26 16:00 + 2 h: Sunday 28 September is a make-up working day.
    expect(addWorkingTime(library.calendar, new Date('2025-09-26T16:00+08:00'), 2 * 3_600_000)).toEqual(
      new Date('2025-09-28T09:00+08:00'),
    );
  });
});

describe('loadLibrary', () => {
  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'wuye-standards-'));
    cpSync(DEFAULT_STANDARDS_DIR, dir, { recursive: true });
    return dir;
  }

  it('reports every problem with its file and path', () => {
    const dir = copy();
    const repair = readFileSync(join(dir, 'repair.yaml'), 'utf8');
    writeFileSync(join(dir, 'repair.yaml'), repair.replace('to: dispatched', 'to: dispatchd'));
    writeFileSync(join(dir, 'broken.yaml'), 'key: [');
    try {
      loadLibrary(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StandardsLibraryError);
      const problems = (error as StandardsLibraryError).problems.map((p) => `${p.file} ${p.path} ${p.code}`);
      expect(problems).toEqual(expect.arrayContaining(['broken.yaml  invalid_value', 'repair.yaml transitions.0.to unknown_state']));
    }
  });

  it('requires the file name to match the key and the level to match levels.yaml', () => {
    const dir = copy();
    const inquiry = readFileSync(join(dir, 'inquiry.yaml'), 'utf8');
    writeFileSync(join(dir, 'inquiry.yaml'), inquiry.replace('minLevel: "1"', 'minLevel: "2"'));
    writeFileSync(join(dir, 'other.yaml'), readFileSync(join(dir, 'complaint.yaml'), 'utf8'));
    expect(() => loadLibrary(dir)).toThrow(StandardsLibraryError);
    try {
      loadLibrary(dir);
    } catch (error) {
      const problems = (error as StandardsLibraryError).problems.map((p) => `${p.file} ${p.path}`);
      expect(problems).toEqual(expect.arrayContaining(['other.yaml key', 'inquiry.yaml minLevel']));
    }
  });
});
