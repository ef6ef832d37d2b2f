/**
 * What a collector is (docs/contract.md §4d): one GitHub report family, polled, cached and accounted for on its
 * own, per target. Each collector module declares its endpoints, its metric definitions, its switch,
 * its refresh interval and a typed change token, and maps what GitHub answers to samples; the poller
 * keeps each (target, collector) apart, so that one failing never removes, blocks or re-downloads
 * another's data. Collectors are stateless: everything that lasts between polls is in the token.
 */
import pLimit from 'p-limit';
import type { ExporterConfig, Target } from '../config/exporter-config.js';
import { ExporterError, isExporterError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { GitHubClient } from '../github/client.js';
import type { ReportDownloader } from '../github/download.js';
import type { Endpoint } from '../github/endpoints.js';
import type { Logger } from '../log.js';
import type { MetricDefinition } from '../metrics/definitions.js';
import type { Sample } from '../metrics/sample.js';

/** The bounded values of the `collector` label. */
export type CollectorName = 'usage' | 'legacy' | 'people' | 'repositories' | 'seats' | 'ai_credits';

/** An endpoint a collector reads, with the query `check` sends to try it. */
export interface EndpointUse {
  endpoint: Endpoint;
  /** A query to send (a seat list's first page, say). */
  query?: Record<string, string>;
  /**
   * A 1-day report: asked with `?day=` the target's latest report day. A collector whose endpoints are all
   * per-day is day-keyed (see isDayKeyed): it takes its day from `context.latestReport()`, nothing else.
   */
  perDay?: true;
}

/** What every collector may use; built once by the composition root. */
export interface CollectorDeps {
  client: GitHubClient;
  downloader: ReportDownloader;
  config: ExporterConfig;
  logger: Logger;
  clock: Clock;
}

/** One more day of a report (the main report's window), its samples mapped when asked: a malformed day throws then. */
export interface PastDay {
  day: string;
  samples(): Sample[];
}

/** What one attempt found: new series, and the token that identifies the data they came from. */
export interface Collected<Token> {
  token: Token;
  samples: Sample[];
  /** The day the samples describe (YYYY-MM-DD), when there is one. */
  day?: string;
  /** The report's other days, when it holds several (the main report's 28 days), for history written settled (docs/contract.md §4g). */
  pastDays?: readonly PastDay[];
  /** Users the per-user cap left out (counted in github_copilot_exporter_dropped_users_total). */
  droppedUsers?: number;
}

/**
 * `unchanged`: GitHub still offers what `previous` identifies, or has nothing new yet (a 204): the last
 * good series stay as they are and the token is not advanced, so the next poll asks again.
 */
export type Attempt<Token> = Collected<Token> | 'unchanged';

/** A report GitHub has: its files and the day it ends on (`report_end_day`, or `report_day` of a 1-day report). */
export interface ReportLinks {
  links: string[];
  day: string;
}

/** What one poll of one target shares between its collectors (reports-api.ts makes it). */
export interface TargetPollContext {
  /** The target's `…-28-day/latest` answer, asked at most once per poll, whoever asks first. */
  latestReport(): Promise<ReportLinks | 'no-report'>;
}

export interface Collector<Token = unknown> {
  readonly name: CollectorName;
  /**
   * The target's main report: its outcome is `github_copilot_exporter_target_up`. Exactly one main
   * collector is enabled per configuration (usage or legacy).
   */
  readonly main: boolean;
  /** The variables that turn it on or off, for logs, `check` and the README. */
  readonly switchedBy: string;
  /** What GitHub needs to grant for it, said when GitHub refuses (403/404). */
  readonly needs: string;
  /** The families it exports (the README catalogue and the lint tests read them). */
  readonly definitions: readonly MetricDefinition[];
  enabled(config: ExporterConfig): boolean;
  /** Whether the collector has anything to read for this target (seats: not for team targets). */
  appliesTo(target: Target): boolean;
  /** How long its last good data stays fresh; undefined: asked on every poll. A failure is retried at the next poll. */
  refreshIntervalMs(config: ExporterConfig): number | undefined;
  /** The endpoints it reads for a target under this configuration, in order (`check` calls each once). */
  endpoints(target: Target, config: ExporterConfig): EndpointUse[];
  /**
   * What a failed request to its endpoints means for this collector, when the client's generic explanation
   * does not fit (billing endpoints, say): `collect` throws it, and `check` shows it.
   */
  explainFailure?(error: unknown, target: Target): unknown;
  /** One attempt; throws an ExporterError on failure. */
  collect(deps: CollectorDeps, target: Target, previous: Token | undefined, context: TargetPollContext): Promise<Attempt<Token>>;
}

/** What one day of history gave: its samples, nothing (GitHub has no report for it), or a failure. */
export type DayResult = Sample[] | 'no-report' | ExporterError;

/** A collector that can also read past days, for the backfill. */
export interface HistoryReader {
  /** Fetches the given days of a target (at most `concurrency` requests at once), reporting each day as it completes. */
  fetchHistory(target: Target, days: readonly string[], concurrency: number, onDay: (day: string, result: DayResult) => void): Promise<void>;
}

/**
 * Whether a collector's samples are one day's values, the day of the target's latest report: the main
 * report, or a collector that reads only 1-day reports of the day `context.latestReport()` gives (people,
 * repositories). Such samples can be written at their day (remote write), and their past days are read by
 * answering latestReport() with a past day (backfill). Seats and AI credits are values as read, not a day's.
 */
export function isDayKeyed(collector: Collector, target: Target, config: ExporterConfig): boolean {
  if (collector.main) return true;
  const endpoints = collector.endpoints(target, config);
  return endpoints.length > 0 && endpoints.every((use) => use.perDay === true);
}

/** A history reader that reads each day on its own (at most `concurrency` at once) and reports each day as it completes. */
export function dayByDayHistory(fetchDay: (target: Target, day: string) => Promise<Sample[] | 'no-report'>): HistoryReader {
  return {
    async fetchHistory(target, days, concurrency, onDay) {
      const limit = pLimit(concurrency);
      await Promise.all(
        days.map((day) =>
          limit(async () => {
            try {
              onDay(day, await fetchDay(target, day));
            } catch (error) {
              onDay(day, asExporterError(error, `reading ${day}`));
            }
          }),
        ),
      );
    },
  };
}

/** What to do when GitHub refuses an optional collector's report (403/404), as serve and backfill say it. */
export function refusalAdvice(collector: Collector): string {
  return `This collector needs ${collector.needs}; turn it off with ${collector.switchedBy.split(', ')[0]}=false if that is intended.`;
}

/** Whether a failure is GitHub refusing the report (403 or 404): it lasts until someone grants it, unlike a transient failure. */
export function isRefusal(failure: ExporterError): boolean {
  return failure.reason === 'forbidden' || failure.reason === 'not_found';
}

/** The first few problems of a rejected report, for one log line. */
export function summarizeProblems(problems: readonly string[]): string {
  return problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}

/** An error from collecting as an ExporterError; anything else is a bug, reported as invalid_response. */
export function asExporterError(error: unknown, what = 'polling'): ExporterError {
  if (isExporterError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ExporterError('GITHUB_INVALID_RESPONSE', `Unexpected error while ${what}: ${message}`);
}
