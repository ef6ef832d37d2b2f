/**
 * The polling loop: every REFRESH_INTERVAL, poll every target (a few at a time), and within a target
 * every collector that is due, each on its own (docs/contract.md §4d). Never two polls at once.
 *
 * Each (target, collector) keeps its own last good series, change token, refresh interval and error
 * accounting: a failing collector keeps its last good series and is retried at the next poll, while the
 * others move on; it never removes, blocks or re-downloads another's data. New series are served as
 * soon as their collector has them (SnapshotPublisher), and an outcome is recorded only once what it
 * describes is served. Series that vanish from a collector's latest data vanish from the snapshot,
 * because a collector's series are replaced whole.
 *
 * A day-keyed collector reads a provisional day again (collectors/day-reads.ts): when the figures differ
 * from those served, GitHub revised the day, which is served, counted and said; when they do not, nothing
 * is rebuilt (docs/contract.md §4g).
 */
import pLimit from 'p-limit';
import type { Collected, Collector, CollectorDeps, TargetPollContext } from './collectors/collector.js';
import { asExporterError, isDayKeyed, isRefusal, refusalAdvice } from './collectors/collector.js';
import { type ExporterError, isExporterError } from './errors.js';
import { describeTarget } from './github/endpoints.js';
import type { Logger } from './log.js';
import { capSeries } from './metrics/cardinality.js';
import { type RenderedFamilies, renderSamples } from './metrics/exposition.js';
import { sameFigures } from './metrics/same-figures.js';
import { SnapshotPublisher } from './metrics/publisher.js';
import type { Labels, Sample } from './metrics/sample.js';
import type { SelfMetrics } from './metrics/self-metrics.js';
import type { SnapshotStore } from './metrics/snapshot.js';
import { scopeLabels, targetKey, type Target } from './targets.js';

export interface PollerOptions {
  /** Each target with the collectors that apply to it (main report first). */
  targets: ReadonlyArray<{ target: Target; collectors: readonly Collector[] }>;
  deps: CollectorDeps;
  /** What one poll of one target shares between its collectors. */
  pollContext: (target: Target) => TargetPollContext;
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
  intervalMs: number;
  concurrency: number;
  /** Cardinality guard: most series of one family for one target and collector (unlimited when undefined). */
  maxSeriesPerFamily?: number;
  /** Called with every target's current samples after each completed poll (for the OTLP push). */
  onPoll?: (samples: readonly Sample[]) => void;
  /**
   * Called with what a collector read once it is served: new data, a revision, or a provisional day read
   * again without change (for the remote-write push of settled days). It must not throw: the poll does
   * not wait for what it does.
   */
  onCollected?: (target: Target, collector: Collector, collected: Collected<unknown>) => void;
  /** Called after each completed poll (the push reads the days that have settled since). */
  afterPoll?: () => void;
}

/** One (target, collector): what it serves and what the next poll needs to know. */
interface CollectorState {
  collector: Collector;
  rendered: RenderedFamilies;
  /** Kept only for onPoll; otherwise the rendered text is all there is. */
  samples?: Sample[];
  /** Identifies the data the rendered series came from (undefined until an attempt brings data). */
  token?: unknown;
  /** When the last attempt succeeded (ms); undefined before the first success. */
  succeededAt?: number;
  /** The last attempt failed: retry at the next poll whatever the refresh interval. */
  failed: boolean;
  /** What the last failure was (code and status), so that an optional collector logs a failure once per change. */
  failure?: string;
  /** A day-keyed collector's: the day it serves, to tell a re-read of that day from a new day. */
  servedDay?: string;
  /** Whether it is day-keyed for this target (collectors/collector.ts isDayKeyed). */
  dayKeyed: boolean;
}

interface TargetState {
  target: Target;
  scope: Labels;
  log: Logger;
  collectors: CollectorState[];
  polled: boolean;
}

export class Poller {
  private readonly states: TargetState[];
  private readonly publisher: SnapshotPublisher;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {
    this.states = options.targets.map(({ target, collectors }) => ({
      target,
      scope: scopeLabels(target),
      log: options.logger.child({ target: targetKey(target) }),
      collectors: collectors.map((collector) => ({ collector, rendered: new Map(), failed: false, dayKeyed: isDayKeyed(collector, target, options.deps.config) })),
      polled: false,
    }));
    this.publisher = new SnapshotPublisher(options.store, () => this.states.flatMap((state) => state.collectors.map((entry) => entry.rendered)), options.logger);
    for (const state of this.states) {
      const names = (entries: CollectorState[]) => entries.map((entry) => entry.collector.name);
      options.selfMetrics.registerTarget(state.scope, names(state.collectors), names(state.collectors.filter((entry) => entry.dayKeyed)));
    }
  }

  /** Polls now, then again every interval (measured from the start of each poll). */
  start(): void {
    const loop = async () => {
      const started = Date.now();
      await this.pollOnce();
      if (this.stopped) return;
      this.timer = setTimeout(loop, Math.max(0, this.options.intervalMs - (Date.now() - started)));
    };
    void loop();
  }

  /** One poll of every target; a call while a poll is running joins it instead of starting another. */
  pollOnce(): Promise<void> {
    this.running ??= this.pollAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** True once every target has been polled at least once, successfully or not. */
  isReady(): boolean {
    return this.states.every((state) => state.polled);
  }

  /** Stops scheduling polls. A poll in flight is abandoned: its result would never be served. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async pollAll(): Promise<void> {
    const started = Date.now();
    const limit = pLimit(this.options.concurrency);
    const attempts = await Promise.all(this.states.map((state) => limit(() => this.pollTarget(state))));
    for (const state of this.states) state.polled = true;
    this.options.logger.info({ durationMs: Date.now() - started, attempts: attempts.reduce((sum, count) => sum + count, 0) }, 'poll complete');
    this.options.onPoll?.(this.states.flatMap((state) => state.collectors.flatMap((entry) => entry.samples ?? [])));
    this.options.afterPoll?.();
  }

  /** Attempts every collector of one target that is due, side by side; returns how many it attempted. Never throws. */
  private async pollTarget(state: TargetState): Promise<number> {
    const started = Date.now();
    const context = this.options.pollContext(state.target);
    const due = state.collectors.filter((entry) => this.isDue(entry, started));
    await Promise.all(due.map((entry) => this.attempt(state, entry, context)));
    this.options.selfMetrics.recordPollDuration(state.scope, (Date.now() - started) / 1000);
    return due.length;
  }

  private isDue(entry: CollectorState, now: number): boolean {
    const interval = entry.collector.refreshIntervalMs(this.options.deps.config);
    return entry.failed || entry.succeededAt === undefined || interval === undefined || now - entry.succeededAt >= interval;
  }

  private async attempt(state: TargetState, entry: CollectorState, context: TargetPollContext): Promise<void> {
    const { collector } = entry;
    const log = state.log.child({ collector: collector.name });
    try {
      const result = await collector.collect(this.options.deps, state.target, entry.token, context);
      if (result === 'unchanged') log.debug('unchanged since the last poll');
      else await this.serve(state, entry, result, log);
      if (entry.failed) log.info(`the ${collector.name} collector of ${describeTarget(state.target)} works again`);
      entry.failed = false;
      entry.failure = undefined;
      entry.succeededAt = Date.now();
      this.options.selfMetrics.recordCollector(state.scope, collector.name, collector.main, { ok: true, finishedAt: entry.succeededAt / 1000 });
    } catch (error) {
      const failure = asExporterError(error, `polling ${describeTarget(state.target)}`);
      this.options.selfMetrics.recordCollector(state.scope, collector.name, collector.main, { ok: false, reason: failure.reason });
      this.logFailure(state.target, entry, failure, isExporterError(error) ? undefined : error, log);
      entry.failed = true;
    }
  }

  /** Serves what an attempt found, unless it is a provisional day read again with the figures already served. */
  private async serve(state: TargetState, entry: CollectorState, result: Collected<unknown>, log: Logger): Promise<void> {
    const { collector } = entry;
    const samples = this.guard(result.samples, state.scope, log);
    entry.token = result.token;
    const rendered = renderSamples(samples);
    const reread = entry.dayKeyed && result.day !== undefined && result.day === entry.servedDay;
    if (reread && sameFigures(entry.rendered, rendered)) {
      log.debug({ day: result.day }, 'provisional day read again: GitHub has not revised it');
    } else {
      entry.rendered = rendered;
      if (this.options.onPoll) entry.samples = samples;
      if (entry.dayKeyed) entry.servedDay = result.day;
      if (result.droppedUsers) this.options.selfMetrics.recordDroppedUsers(state.scope, result.droppedUsers);
      if (reread) {
        this.options.selfMetrics.recordRevision(state.scope, collector.name);
        log.info({ day: result.day, series: samples.length }, `GitHub revised ${result.day} (provisional until it settles): the ${collector.name} series of ${describeTarget(state.target)} now show its new figures`);
      } else {
        log.info({ day: result.day, series: samples.length }, 'new Copilot data');
      }
      // Up (and ready) only once what this attempt found is served: a scrape in between must not see
      // collector_success 1 beside the previous series.
      await this.publisher.publish();
    }
    this.options.onCollected?.(state.target, collector, { ...result, samples });
  }

  /**
   * A main report's failure is logged at every poll (the target is down). An optional collector's is
   * logged once per change (a token without billing permission would otherwise warn every hour), with
   * what the collector needs when GitHub refuses it, and at debug while it persists; a token GitHub does
   * not accept (401) is the main report's warning alone.
   */
  private logFailure(target: Target, entry: CollectorState, failure: ExporterError, bug: unknown, log: Logger): void {
    const { collector } = entry;
    const detail = { reason: failure.reason, status: failure.details.status, endpoint: failure.details.endpoint };
    const what = `the ${collector.name} collector of ${describeTarget(target)} failed`;
    if (bug !== undefined) {
      log.error({ ...detail, err: bug }, `${what} unexpectedly (a bug): ${failure.message}`);
      return;
    }
    const identity = `${failure.code}:${failure.details.status ?? ''}`;
    const changed = entry.failure !== identity;
    entry.failure = identity;
    if (collector.main) {
      log.warn(detail, `${what}: ${failure.describe()}`);
    } else if (!changed) {
      log.debug(detail, `${what} again: ${failure.message}`);
    } else if (failure.reason === 'unauthorized') {
      // A token GitHub does not accept fails every collector of the target alike: the main report's warning says so, once per poll.
      log.debug(detail, `${what}: ${failure.message}`);
    } else {
      const needs = `${isRefusal(failure) ? ` ${refusalAdvice(collector)}` : ''} Its last good series stay exposed; the rest of the target is not affected.`;
      log.warn(detail, `${what}: ${failure.describe()}${needs}`);
    }
  }

  /** Applies the cardinality guard, logging and counting what it drops. */
  private guard(samples: Sample[], scope: Labels, log: Logger): Sample[] {
    if (this.options.maxSeriesPerFamily === undefined) return samples;
    const { kept, dropped } = capSeries(samples, this.options.maxSeriesPerFamily);
    if (dropped.size > 0) {
      const total = [...dropped.values()].reduce((sum, count) => sum + count, 0);
      this.options.selfMetrics.recordDroppedSeries(scope, total);
      log.warn({ dropped: Object.fromEntries(dropped), max: this.options.maxSeriesPerFamily }, `cardinality guard dropped ${total} series (MAX_SERIES_PER_FAMILY)`);
    }
    return kept;
  }
}
