/**
 * Settled and provisional days, one definition for serve, the push and the backfill (docs/contract.md §4g).
 * GitHub revises a day's figures until they settle "within three full UTC days" (docs/github-usage-fields.md,
 * "How GitHub says to read the figures"): day D is settled from 00:00 UTC of D + SETTLE_DAYS + 1 on, once
 * D+1 … D+SETTLE_DAYS have passed in full, and provisional before.
 */
import { addDays } from './days.js';

/** The day on whose 00:00 UTC `day` settles (2026-12-03 settles on 2026-12-07 with three settle days). */
export function settlesOn(day: string, settleDays: number): string {
  return addDays(day, settleDays + 1);
}

/** When `day` settles, in ms since the epoch. */
export function settledFrom(day: string, settleDays: number): number {
  return Date.parse(`${settlesOn(day, settleDays)}T00:00:00Z`);
}

/** Whether GitHub's figures for `day` are final at `now` (ms since the epoch). */
export function isSettled(day: string, now: number, settleDays: number): boolean {
  return now >= settledFrom(day, settleDays);
}
