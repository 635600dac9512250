import { describe, expect, it } from 'vitest';
import { every } from './every';

describe('every', () => {
  it('runs at once, never overlaps a slow run, and stop waits for the run in progress', async () => {
    let started = 0;
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    const stop = every(0.01, async () => {
      started++;
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, 35));
      active--;
      finished++;
    });
    expect(started).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(maxActive).toBe(1);
    expect(started).toBeGreaterThan(1);
    expect(finished).toBe(started);
    const after = started;
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toBe(after);
  });
});
