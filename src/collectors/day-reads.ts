/**
 * When a day-keyed collector (usage, people, repositories) reads its report (docs/contract.md §4g): a day it
 * has not read yet at once; the same day again while it is provisional, every PROVISIONAL_REFRESH_INTERVAL,
 * so that /metrics follows GitHub's revisions; and once more after it settles, for the final figures.
 * A settled day read after settling is final: it is not read again.
 */
import type { ExporterConfig } from '../config/exporter-config.js';
import { isSettled } from '../settled-days.js';

/** The change token of a day-keyed collector: the day its series describe, and when it read them. */
export interface DayToken {
  day: string;
  /** When the report was read (ms since the epoch, from the collectors' clock). */
  readAt: number;
}

/** Whether to read the report of `offered` (the day GitHub offers now), having read `previous` last. */
export function shouldReadDay(previous: DayToken | undefined, offered: string, now: number, config: Pick<ExporterConfig, 'settleDays' | 'provisionalRefreshIntervalSeconds'>): boolean {
  if (previous === undefined || previous.day !== offered) return true;
  const interval = config.provisionalRefreshIntervalSeconds * 1000;
  if (interval === 0 || isSettled(previous.day, previous.readAt, config.settleDays)) return false;
  return isSettled(offered, now, config.settleDays) || now - previous.readAt >= interval;
}
