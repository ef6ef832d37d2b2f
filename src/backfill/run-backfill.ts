/**
 * `github-copilot-exporter backfill`: past days of every target → an OpenMetrics file for
 * `promtool tsdb create-blocks-from openmetrics`. The samples come from the same main collector and the
 * same definitions as the live exporter; each day's samples carry 00:00 UTC of that day as their timestamp.
 *
 * Days already fetched are kept in `<output>.cache/` and not asked again, so an interrupted run resumes;
 * the file is rebuilt from that cache each time, so the same days give the same file.
 */
import type { ExporterConfig } from '../config/load-config.js';
import type { PollErrorReason } from '../errors.js';
import { legacyHistory } from '../collectors/legacy.js';
import { usageHistory } from '../collectors/usage.js';
import { type ClientObserver, DEFAULT_RETRY, systemClock } from '../github/client.js';
import { createGitHubAccess } from '../github/factory.js';
import type { RateLimitInfo } from '../github/rate-limit.js';
import type { Logger } from '../log.js';
import { buildTargets, targetKey } from '../targets.js';
import { DayCache } from './day-cache.js';
import { daysBetween } from './days.js';
import { writeOpenMetricsFile } from './openmetrics-file.js';
import { createProgress } from './progress.js';

export interface BackfillOptions {
  since: string;
  until: string;
  output: string;
  stream?: NodeJS.WriteStream;
}

export interface BackfillSummary {
  /** Days fetched in this run, and days found in the cache. */
  fetched: number;
  cached: number;
  samples: number;
  /** Target and day pairs GitHub had no report for (204, or absent from a legacy answer). */
  noReport: Array<{ target: string; day: string }>;
  failed: Array<{ target: string; day: string; reason: PollErrorReason; message: string }>;
}

/** Backfills wait out rate limits instead of failing: a reset is at most an hour away. */
const BACKFILL_RETRY = { ...DEFAULT_RETRY, attempts: 5, maxRateLimitWaitMs: 65 * 60_000 };

class BudgetObserver implements ClientObserver {
  remaining: number | undefined;
  onRequest(): void {}
  onRateLimit(info: RateLimitInfo): void {
    this.remaining = info.remaining;
  }
}

export async function runBackfill(config: ExporterConfig, options: BackfillOptions, logger: Logger): Promise<BackfillSummary> {
  const budget = new BudgetObserver();
  const { client, downloader } = createGitHubAccess(config, { logger, retry: BACKFILL_RETRY, observer: budget });
  const history = config.api === 'usage-metrics' ? usageHistory({ client, downloader, config, logger, clock: systemClock }) : legacyHistory(client);

  const targets = buildTargets(config);
  const days = daysBetween(options.since, options.until);
  const cache = new DayCache(`${options.output}.cache`);
  const summary: BackfillSummary = { fetched: 0, cached: 0, samples: 0, noReport: [], failed: [] };
  const missing = targets.map((target) => ({ target, days: days.filter((day) => !cache.has(target, day)) }));
  const toFetch = missing.reduce((sum, entry) => sum + entry.days.length, 0);
  summary.cached = targets.length * days.length - toFetch;

  const progress = createProgress(toFetch, options.stream);
  try {
    for (const { target, days: todo } of missing) {
      await history.fetchHistory(target, todo, config.pollConcurrency, (day, result) => {
        if (result === 'no-report') summary.noReport.push({ target: targetKey(target), day });
        else if (Array.isArray(result)) {
          cache.write(target, day, result);
          summary.fetched += 1;
        } else {
          summary.failed.push({ target: targetKey(target), day, reason: result.reason, message: result.describe() });
        }
        progress.tick(budget.remaining);
      });
    }
  } finally {
    progress.stop();
  }

  summary.samples = writeOpenMetricsFile(cache, targets, days, options.output).samples;
  return summary;
}
