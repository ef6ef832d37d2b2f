/**
 * `github-copilot-exporter backfill`: past days of every target and every collector with history (see
 * history-sources.ts) → an OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`, and/or
 * Prometheus remote write. The samples come from the same collectors and definitions as the live
 * exporter, with the user's labels added; each day's samples carry 00:00 UTC of that day.
 *
 * Settled days already fetched are kept in the cache directory and not asked again (unless --refetch),
 * so an interrupted run resumes; provisional days (docs/contract.md §4g) are fetched on every run and
 * written with what GitHub serves now. Every output is rebuilt from that cache and this run's provisional
 * days, so the same settled days give the same samples.
 *
 * As in serve, an optional collector that GitHub refuses (403, 404: a report not offered, or not before
 * some day) stays inside that collector: its days are left out and said, everything else is written.
 */
import { type CollectorName, isRefusal, refusalAdvice } from '../collectors/collector.js';
import type { ExporterConfig, RemoteWriteSettings } from '../config/exporter-config.js';
import type { PollErrorReason } from '../errors.js';
import { type Clock, systemClock } from '../clock.js';
import type { ClientObserver } from '../github/client-observer.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../github/retry-policy.js';
import { createGitHubAccess } from '../github/factory.js';
import type { RateLimitInfo } from '../github/rate-limit.js';
import type { Logger } from '../log.js';
import { capSeries } from '../metrics/cardinality.js';
import type { Labels } from '../metrics/sample.js';
import { RemoteWriteClient } from '../remote-write/client.js';
import { isSettled } from '../settled-days.js';
import { buildTargets, targetKey } from '../targets.js';
import { DayCache, type TargetHistory } from './day-cache.js';
import { daysBetween } from '../days.js';
import { historySources } from './history-sources.js';
import { type WrittenFile, writeOpenMetricsFile } from './openmetrics-file.js';
import { createProgress } from './progress.js';
import { type WrittenRemote, writeRemoteHistory } from './remote-write-history.js';

export interface BackfillOptions {
  since: string;
  until: string;
  output?: string;
  cache: string;
  labels: Labels;
  remoteWrite?: RemoteWriteSettings;
  /** Fetch every day of the range again, cached or not, and replace what the cache holds (after a correction GitHub announces). */
  refetch?: boolean;
  stream?: NodeJS.WriteStream;
  /** The system clock unless a test sets another: it says which days are provisional. */
  clock?: Clock;
  /** BACKFILL_RETRY unless a test shortens it (its 5xx backoff adds up to half a minute). */
  retry?: RetryPolicy;
}

/** One collector's one day of one target: the unit of fetching, caching and progress. */
export interface CollectorDay {
  target: string;
  collector: CollectorName;
  day: string;
}

/** Collector-days that failed the same way. */
export interface CollectorFailure extends CollectorDay {
  reason: PollErrorReason;
  message: string;
}

export interface BackfillSummary {
  /** Collector-days fetched in this run, and found in the cache. */
  fetched: number;
  cached: number;
  /** Collector-days fetched whose day is provisional: written with what GitHub serves now, not cached, fetched again by the next run. */
  provisional: CollectorDay[];
  /** Series the cardinality guard (MAX_SERIES_PER_FAMILY) left out, as the live exporter would. */
  droppedSeries: number;
  file?: WrittenFile;
  remote?: WrittenRemote;
  /** Collector-days GitHub had no report for (204, or absent from a legacy answer). */
  noReport: CollectorDay[];
  /** Days GitHub refused (403, 404) to an optional collector, with what it needs: left out, and no reason to fail the run. */
  refused: Array<CollectorFailure & { advice: string }>;
  /** Everything else that failed (any failure of the main report; transient failures): a run again fetches these. */
  failed: CollectorFailure[];
}

/** Backfills wait out rate limits instead of failing: a reset is at most an hour away. */
const BACKFILL_RETRY = { ...DEFAULT_RETRY, attempts: 5, maxRateLimitWaitMs: 65 * 60_000 };

/** A receiver that keeps failing (5xx, 429, no answer) is tried for about a minute per request before the run stops. */
const REMOTE_WRITE_RETRY = { attempts: 6, baseMs: 1000, capMs: 30_000 };

class BudgetObserver implements ClientObserver {
  remaining: number | undefined;
  onRequest(): void {}
  onRateLimit(info: RateLimitInfo): void {
    this.remaining = info.remaining;
  }
}

export async function runBackfill(config: ExporterConfig, options: BackfillOptions, logger: Logger): Promise<BackfillSummary> {
  const budget = new BudgetObserver();
  const { client, downloader, http } = await createGitHubAccess(config, { logger, retry: options.retry ?? BACKFILL_RETRY, observer: budget });
  const clock = options.clock ?? systemClock;
  const deps = { client, downloader, config, logger, clock };

  const days = daysBetween(options.since, options.until);
  const cache = new DayCache(options.cache, config.settleDays);
  const summary: BackfillSummary = { fetched: 0, cached: 0, provisional: [], droppedSeries: 0, noReport: [], refused: [], failed: [] };
  const work = buildTargets(config).map((target) => {
    const sources = historySources(deps, target).map((source) => ({ ...source, days: options.refetch ? days : days.filter((day) => !cache.has(target, source.collector.name, day)) }));
    return { target, sources };
  });
  const toFetch = work.reduce((sum, { sources }) => sum + sources.reduce((count, source) => count + source.days.length, 0), 0);
  summary.cached = work.reduce((sum, { sources }) => sum + sources.length * days.length, 0) - toFetch;

  const progress = createProgress(toFetch, options.stream);
  try {
    for (const { target, sources } of work) {
      for (const { collector, reader, days: todo } of sources) {
        const where = { target: targetKey(target), collector: collector.name };
        await reader.fetchHistory(target, todo, config.pollConcurrency, (day, result) => {
          if (result === 'no-report') summary.noReport.push({ ...where, day });
          else if (Array.isArray(result)) {
            const { kept, dropped } = capSeries(result, config.maxSeriesPerFamily);
            summary.droppedSeries += [...dropped.values()].reduce((sum, count) => sum + count, 0);
            const now = clock.now();
            cache.write(target, collector.name, day, kept, now);
            if (!isSettled(day, now, config.settleDays)) summary.provisional.push({ ...where, day });
            summary.fetched += 1;
          } else if (!collector.main && isRefusal(result)) {
            summary.refused.push({ ...where, day, reason: result.reason, message: result.message, advice: refusalAdvice(collector) });
          } else {
            summary.failed.push({ ...where, day, reason: result.reason, message: result.describe() });
          }
          progress.tick(budget.remaining);
        });
      }
    }
  } finally {
    progress.stop();
  }

  const plan: TargetHistory[] = work.map(({ target, sources }) => ({ target, collectors: sources.map((source) => source.collector.name) }));
  if (options.output) summary.file = writeOpenMetricsFile(cache, plan, days, options.labels, options.output);
  if (options.remoteWrite) {
    const writer = new RemoteWriteClient({
      settings: options.remoteWrite,
      http,
      retry: REMOTE_WRITE_RETRY,
      onFailure: (failure) => {
        if (failure.retryInMs !== undefined) logger.warn({ reason: failure.reason, attempt: failure.attempt, retryInMs: Math.round(failure.retryInMs) }, `remote write failed, retrying: ${failure.message}`);
      },
    });
    summary.remote = await writeRemoteHistory(cache, plan, days, options.labels, writer);
  }
  return summary;
}
