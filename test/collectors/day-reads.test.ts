/** When a day-keyed collector reads its report (collectors/day-reads.ts), on a fake clock. */
import { describe, expect, it } from 'vitest';
import { shouldReadDay } from '../../src/collectors/day-reads.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const config = { settleDays: 3, provisionalRefreshIntervalSeconds: 6 * 3600 };
/** 2026-12-03 is provisional until 2026-12-07 00:00 UTC. */
const DAY = '2026-12-03';
const READ = at('2026-12-05T08:00:00Z');

describe('shouldReadDay', () => {
  it('reads a day it has not read: the first poll, and every new day GitHub offers', () => {
    expect(shouldReadDay(undefined, DAY, READ, config)).toBe(true);
    expect(shouldReadDay({ day: '2026-12-02', readAt: READ }, DAY, READ + 1, config)).toBe(true);
  });

  it('reads a provisional day again once PROVISIONAL_REFRESH_INTERVAL has passed since the last read, not before', () => {
    const previous = { day: DAY, readAt: READ };
    expect(shouldReadDay(previous, DAY, READ + HOUR, config)).toBe(false);
    expect(shouldReadDay(previous, DAY, READ + 6 * HOUR - 1, config)).toBe(false);
    expect(shouldReadDay(previous, DAY, READ + 6 * HOUR, config)).toBe(true);
    expect(shouldReadDay(previous, DAY, READ + 30 * HOUR, { ...config, provisionalRefreshIntervalSeconds: 86_400 })).toBe(true);
    expect(shouldReadDay(previous, DAY, READ + 23 * HOUR, { ...config, provisionalRefreshIntervalSeconds: 86_400 })).toBe(false);
  });

  it('reads a day once more when it has settled since the last read, then never again', () => {
    const lastProvisional = { day: DAY, readAt: at('2026-12-06T23:00:00Z') };
    expect(shouldReadDay(lastProvisional, DAY, at('2026-12-06T23:30:00Z'), config)).toBe(false);
    expect(shouldReadDay(lastProvisional, DAY, at('2026-12-07T00:00:00Z'), config)).toBe(true);
    const final = { day: DAY, readAt: at('2026-12-07T00:00:00Z') };
    expect(shouldReadDay(final, DAY, at('2026-12-07T07:00:00Z'), config)).toBe(false);
    expect(shouldReadDay(final, DAY, at('2026-12-20T00:00:00Z'), config)).toBe(false);
  });

  it('follows SETTLE_DAYS: with 1, the same read is already final', () => {
    const previous = { day: DAY, readAt: at('2026-12-05T08:00:00Z') };
    expect(shouldReadDay(previous, DAY, at('2026-12-05T20:00:00Z'), { ...config, settleDays: 1 })).toBe(false);
    expect(shouldReadDay(previous, DAY, at('2026-12-05T20:00:00Z'), { ...config, settleDays: 5 })).toBe(true);
  });

  it('with PROVISIONAL_REFRESH_INTERVAL=0 reads a day once', () => {
    const off = { ...config, provisionalRefreshIntervalSeconds: 0 };
    expect(shouldReadDay(undefined, DAY, READ, off)).toBe(true);
    expect(shouldReadDay({ day: DAY, readAt: READ }, DAY, READ + 48 * HOUR, off)).toBe(false);
    expect(shouldReadDay({ day: DAY, readAt: READ }, '2026-12-04', READ + HOUR, off)).toBe(true);
  });
});
