/** Calendar days as `YYYY-MM-DD` strings, in UTC. */
import { dayToUnixSeconds } from './metrics/sample.js';

export function isDay(text: string): boolean {
  return dayToUnixSeconds(text) !== undefined;
}

/** `YYYY-MM-DD` plus `days` (negative to go back). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every day from `since` to `until`, both included. */
export function daysBetween(since: string, until: string): string[] {
  const days: string[] = [];
  for (let day = since; day <= until; day = addDays(day, 1)) days.push(day);
  return days;
}

export function today(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Days as ranges of consecutive days: `2026-11-01…2026-11-03, 2026-11-07` (sorted, each day once). */
export function dayRanges(days: readonly string[]): string {
  const sorted = [...new Set(days)].sort();
  const ranges: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === addDays(sorted[end] as string, 1)) end += 1;
    ranges.push(end === start ? (sorted[start] as string) : `${sorted[start]}…${sorted[end]}`);
    start = end + 1;
  }
  return ranges.join(', ');
}
