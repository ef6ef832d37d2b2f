/**
 * The sending side of the continuous push of `serve` (REMOTE_WRITE_URL): a day's samples, as
 * settled-history.ts hands them over, each at 00:00 UTC of its day with the REMOTE_WRITE_LABELS added.
 *
 * Requests go out one at a time, in the order the days arrived. One that fails with 429, 5xx or no
 * answer is retried with backoff (at most 5 minutes apart) until it succeeds, later days waiting behind
 * it, so that every series reaches the receiver in time order; a refusal (any other 4xx) is logged with
 * the receiver's answer and dropped. Nothing here touches /metrics or the polls.
 */
import type { RemoteWriteSettings } from '../config/exporter-config.js';
import type { OutboundHttp } from '../github/http-agents.js';
import type { Logger } from '../log.js';
import type { Sample } from '../metrics/sample.js';
import type { SelfMetrics } from '../metrics/self-metrics.js';
import { REMOTE_WRITE_FAILURES, RemoteWriteClient, RemoteWriteError, type RetryPolicy } from './client.js';
import { daySeries, requests } from './series.js';
import type { TimeSeries } from './write-request.js';

export interface DayPusherOptions {
  settings: RemoteWriteSettings;
  http: OutboundHttp;
  logger: Logger;
  selfMetrics: SelfMetrics;
  /** PUSH_RETRY when undefined. Tests shorten it: its backoff grows to 5 minutes, beyond any test. */
  retry?: RetryPolicy;
  /** MAX_WAITING_SAMPLES when undefined. Tests lower it: the drop of the oldest day is not reachable with a million samples. */
  maxWaitingSamples?: number;
}

/** Retried until it succeeds: a receiver that is down for an hour gets its days when it is back. */
const PUSH_RETRY: RetryPolicy = { attempts: Infinity, baseMs: 1000, capMs: 5 * 60_000 };

/**
 * Samples waiting for a receiver that is down, at most: about a day of a large configuration. Beyond it
 * the oldest wait is dropped (and logged): `backfill --remote-write` fills such a gap later.
 */
const MAX_WAITING_SAMPLES = 1_000_000;

interface Push {
  /** `org:acme-web people 2026-11-20`, for logs. */
  what: string;
  series: TimeSeries[];
  samples: number;
}

export class DayPusher {
  private readonly client: RemoteWriteClient;
  private readonly queue: Push[] = [];
  private waiting = 0;
  private running: Promise<void> | undefined;
  /** Set while drain() runs; cleared by drain() itself, so that an offer right after it ends starts a new one. */
  private draining = false;
  private stopping = false;

  constructor(private readonly options: DayPusherOptions) {
    options.selfMetrics.registerRemoteWrite(REMOTE_WRITE_FAILURES);
    this.client = new RemoteWriteClient({
      settings: options.settings,
      http: options.http,
      retry: options.retry ?? PUSH_RETRY,
      onFailure: (failure) => {
        options.selfMetrics.recordRemoteWriteFailure(failure.reason);
        if (failure.retryInMs === undefined) return;
        const detail = { url: options.settings.shownUrl, reason: failure.reason, attempt: failure.attempt, retryInMs: Math.round(failure.retryInMs) };
        // Said once per outage; the retries after it are debug lines.
        if (failure.attempt === 1) options.logger.warn(detail, `remote write failed; retrying until it succeeds (/metrics is unaffected): ${failure.message}`);
        else options.logger.debug(detail, `remote write failed again: ${failure.message}`);
      },
    });
  }

  /** Queues a day's samples (`what` names them in logs: `org:acme-web people 2026-11-20`). Never throws. */
  push(what: string, day: string, samples: readonly Sample[]): void {
    if (this.stopping || samples.length === 0) return;
    for (const series of requests(daySeries(samples, day, this.options.settings.labels))) {
      const count = series.reduce((sum, entry) => sum + entry.samples.length, 0);
      this.queue.push({ what, series, samples: count });
      this.waiting += count;
    }
    this.dropOldest();
    if (!this.draining) this.running = this.drain();
  }

  /** Stops retrying and waits for the request in flight, at most `graceMs`; what is not sent is sent again by the next start. */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    this.client.stop();
    await Promise.race([this.running, new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      await this.sendQueued();
    } finally {
      this.draining = false;
    }
  }

  private async sendQueued(): Promise<void> {
    for (let push = this.queue[0]; push && !this.stopping; push = this.queue[0]) {
      try {
        await this.client.write(push.series);
        this.options.selfMetrics.recordRemoteWrite(push.samples);
        this.options.logger.debug({ url: this.options.settings.shownUrl, samples: push.samples }, `pushed ${push.what}`);
      } catch (error) {
        const message = error instanceof RemoteWriteError ? error.message : String(error);
        if (this.stopping) this.options.logger.info(`${push.what} was not pushed before stopping: the next start writes the main report's settled days again; for another collector's day, run backfill --remote-write for it`);
        else this.options.logger.error({ url: this.options.settings.shownUrl }, `${push.what} was not pushed: ${message}`);
      }
      // The request in flight is the head of the queue; dropOldest() never removes it.
      this.queue.shift();
      this.waiting -= push.samples;
    }
  }

  private dropOldest(): void {
    while (this.waiting > (this.options.maxWaitingSamples ?? MAX_WAITING_SAMPLES) && this.queue.length > 2) {
      const [dropped] = this.queue.splice(1, 1) as [Push];
      this.waiting -= dropped.samples;
      this.options.logger.error(
        { url: this.options.settings.shownUrl, samples: dropped.samples },
        `the remote write receiver is too far behind: ${dropped.what} was dropped; once it takes samples again, run backfill --remote-write for that day to fill the gap`,
      );
    }
  }
}
