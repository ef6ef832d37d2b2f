/**
 * `github-copilot-exporter backfill`: past days of every target and every collector with history (see
 * history-sources.ts) → an OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`, and/or
 * Prometheus remote write. The samples come from the same collectors and definitions as the live
 * exporter, with the user's labels added; each day's samples carry 00:00 UTC of that day.
 *
 * Days already fetched are kept in the cache directory and not asked again, so an interrupted run
 * resumes; every output is rebuilt from that cache each time, so the same days give the same samples.
 */
import type { CollectorName } from '../collectors/collector.js';
import type { ExporterConfig, RemoteWriteSettings } from '../config/exporter-config.js';
import type { PollErrorReason } from '../errors.js';
import { systemClock } from '../clock.js';
import type { ClientObserver } from '../github/client-observer.js';
import { DEFAULT_RETRY } from '../github/retry-policy.js';
import { createGitHubAccess } from '../github/factory.js';
import type { RateLimitInfo } from '../github/rate-limit.js';
import type { Logger } from '../log.js';
import { capSeries } from '../metrics/cardinality.js';
import type { Labels } from '../metrics/sample.js';
import { RemoteWriteClient } from '../remote-write/client.js';
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
  stream?: NodeJS.WriteStream;
}

/** One collector's one day of one target: the unit of fetching, caching and progress. */
export interface CollectorDay {
  target: string;
  collector: CollectorName;
  day: string;
}

export interface BackfillSummary {
  /** Collector-days fetched in this run, and found in the cache. */
  fetched: number;
  cached: number;
  /** Series the cardinality guard (MAX_SERIES_PER_FAMILY) left out, as the live exporter would. */
  droppedSeries: number;
  file?: WrittenFile;
  remote?: WrittenRemote;
  /** Collector-days GitHub had no report for (204, or absent from a legacy answer). */
  noReport: CollectorDay[];
  failed: Array<CollectorDay & { reason: PollErrorReason; message: string }>;
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
  const { client, downloader, http } = createGitHubAccess(config, { logger, retry: BACKFILL_RETRY, observer: budget });
  const deps = { client, downloader, config, logger, clock: systemClock };

  const days = daysBetween(options.since, options.until);
  const cache = new DayCache(options.cache);
  const summary: BackfillSummary = { fetched: 0, cached: 0, droppedSeries: 0, noReport: [], failed: [] };
  const work = buildTargets(config).map((target) => {
    const sources = historySources(deps, target).map((source) => ({ ...source, days: days.filter((day) => !cache.has(target, source.collector, day)) }));
    return { target, sources };
  });
  const toFetch = work.reduce((sum, { sources }) => sum + sources.reduce((count, source) => count + source.days.length, 0), 0);
  summary.cached = work.reduce((sum, { sources }) => sum + sources.length * days.length, 0) - toFetch;

  const progress = createProgress(toFetch, options.stream);
  try {
    for (const { target, sources } of work) {
      for (const { collector, reader, days: todo } of sources) {
        const where = { target: targetKey(target), collector };
        await reader.fetchHistory(target, todo, config.pollConcurrency, (day, result) => {
          if (result === 'no-report') summary.noReport.push({ ...where, day });
          else if (Array.isArray(result)) {
            const { kept, dropped } = capSeries(result, config.maxSeriesPerFamily);
            summary.droppedSeries += [...dropped.values()].reduce((sum, count) => sum + count, 0);
            cache.write(target, collector, day, kept);
            summary.fetched += 1;
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

  const plan: TargetHistory[] = work.map(({ target, sources }) => ({ target, collectors: sources.map((source) => source.collector) }));
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
