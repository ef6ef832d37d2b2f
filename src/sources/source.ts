/** What every GitHub source gives the poller: the samples of a target's latest complete day. */
import type { Target } from '../config/load-config.js';
import { ExporterError, isExporterError } from '../errors.js';
import type { Sample } from '../metrics/sample.js';

export interface TargetData {
  samples: Sample[];
  /** Users the per-user cap left out (counted in github_copilot_exporter_dropped_users_total). */
  droppedUsers?: number;
  /** Identifies the report the samples came from: when GitHub still offers the same report, nothing is downloaded. */
  reportKey: string;
  /** The day the samples describe (YYYY-MM-DD), when GitHub reported one. */
  day?: string;
}

export interface Source {
  /** What this source contributes, for logs: `usage-metrics`, `legacy-metrics`, `seats`. */
  readonly part: string;
  /**
   * Polls one target. Returns `unchanged` when GitHub still offers the report identified by
   * `previousKey` (the last good values stay as they are); throws an ExporterError on failure.
   */
  poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'>;
}

/** The first few problems of a rejected report, for one log line. */
export function summarizeProblems(problems: readonly string[]): string {
  return problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}

/** What one day of history gave: its samples, nothing (GitHub has no report for it), or a failure. */
export type DayResult = Sample[] | 'no-report' | ExporterError;

/** A source that can also read past days, for the backfill. */
export interface HistorySource {
  /** Fetches the given days of a target (at most `concurrency` requests at once), reporting each day as it completes. */
  fetchHistory(target: Target, days: readonly string[], concurrency: number, onDay: (day: string, result: DayResult) => void): Promise<void>;
}

/** An error from polling as an ExporterError; anything else is a bug, reported as invalid_response. */
export function asExporterError(error: unknown, what = 'polling'): ExporterError {
  if (isExporterError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ExporterError('GITHUB_INVALID_RESPONSE', `Unexpected error while ${what}: ${message}`);
}
