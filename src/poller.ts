/**
 * The polling loop: every REFRESH_INTERVAL, poll all targets (a few at a time), then swap in one
 * complete new snapshot. Never two polls at once. Each target is isolated: a failing target keeps
 * its last good series (and reports target_up 0) while the others move on. Series that vanish from
 * a target's latest day vanish from the snapshot, because a target's series are replaced whole.
 */
import pLimit from 'p-limit';
import { type PollErrorReason, isExporterError } from './errors.js';
import { describeTarget } from './github/endpoints.js';
import type { Logger } from './log.js';
import { type RenderedFamilies, renderSamples } from './metrics/exposition.js';
import { capSeries } from './metrics/cardinality.js';
import type { Labels, Sample } from './metrics/sample.js';
import type { PollOutcome, SelfMetrics } from './metrics/self-metrics.js';
import { type SnapshotStore, buildSnapshot } from './metrics/snapshot.js';
import { type Source, asExporterError } from './sources/source.js';
import { scopeLabels, targetKey, type Target } from './targets.js';

export interface PollerOptions {
  targets: readonly Target[];
  /** The parts of a target's data (Copilot usage, seats, …); each is polled and kept on its own. */
  sources: readonly Source[];
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  logger: Logger;
  intervalMs: number;
  concurrency: number;
  /** Cardinality guard: most series of one family for one target (unlimited when undefined). */
  maxSeriesPerFamily?: number;
  now?: () => number;
  /** Called with every target's current samples after each completed poll (for the OTLP push). */
  onPoll?: (samples: readonly Sample[]) => void;
}

interface PartState {
  rendered: RenderedFamilies;
  /** Kept only for onPoll; otherwise the rendered text is all there is. */
  samples?: Sample[];
  /** Key of the report the rendered series came from (undefined until a poll of this part succeeds). */
  reportKey?: string;
}

/** What one poll of a target found: whether its series changed, and how the poll went. */
interface TargetPoll {
  scope: Labels;
  changed: boolean;
  outcome: PollOutcome;
}

interface TargetState {
  target: Target;
  parts: PartState[];
  polled: boolean;
}

export class Poller {
  private readonly states: TargetState[];
  private readonly now: () => number;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {
    this.now = options.now ?? Date.now;
    this.states = options.targets.map((target) => ({ target, parts: options.sources.map(() => ({ rendered: new Map() })), polled: false }));
    for (const { target } of this.states) options.selfMetrics.registerTarget(scopeLabels(target));
  }

  /** Polls now, then again every interval (measured from the start of each poll). */
  start(): void {
    const loop = async () => {
      const started = this.now();
      await this.pollOnce();
      if (this.stopped) return;
      this.timer = setTimeout(loop, Math.max(0, this.options.intervalMs - (this.now() - started)));
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
    const started = this.now();
    const limit = pLimit(this.options.concurrency);
    const polls = await Promise.all(this.states.map((state) => limit(() => this.pollTarget(state))));
    const changed = polls.filter((poll) => poll.changed).length;
    const rendering = this.now();
    if (changed > 0) {
      const snapshot = await buildSnapshot(this.states.flatMap((state) => state.parts.map((part) => part.rendered)));
      this.options.store.swap(snapshot);
      this.options.logger.info({ series: snapshot.series, bytes: snapshot.length, compressedBytes: snapshot.deflated.deflated.length, renderMs: this.now() - rendering }, 'snapshot swapped in');
    }
    // Ready, and up, only once what this poll found is served: a scrape in between must not see
    // target_up 1 beside the previous poll's series.
    for (const { scope, outcome } of polls) this.options.selfMetrics.recordPoll(scope, outcome);
    for (const state of this.states) state.polled = true;
    this.options.logger.info({ durationMs: this.now() - started, changed }, 'poll complete');
    this.options.onPoll?.(this.states.flatMap((state) => state.parts.flatMap((part) => part.samples ?? [])));
  }

  /**
   * Polls every part of one target; returns whether any of its series changed, and the outcome to record
   * once they are served. Never throws. A part that fails keeps its last good series while the others
   * move on; the target is up only if all succeeded.
   */
  private async pollTarget(state: TargetState): Promise<TargetPoll> {
    const { target } = state;
    const scope = scopeLabels(target);
    const log = this.options.logger.child({ target: targetKey(target) });
    const started = this.now();
    let changed = false;
    const reasons: PollErrorReason[] = [];
    for (const [index, source] of this.options.sources.entries()) {
      const part = state.parts[index] as PartState;
      try {
        const result = await source.poll(target, part.reportKey);
        if (result === 'unchanged') {
          log.debug({ part: source.part }, 'unchanged since the last poll');
          continue;
        }
        const samples = this.guard(result.samples, scope, log);
        part.rendered = renderSamples(samples);
        if (this.options.onPoll) part.samples = samples;
        part.reportKey = result.reportKey;
        changed = true;
        if (result.droppedUsers) this.options.selfMetrics.recordDroppedUsers(scope, result.droppedUsers);
        log.info({ part: source.part, day: result.day, series: samples.length }, 'new Copilot data');
      } catch (error) {
        const failure = asExporterError(error, `polling ${describeTarget(target)}`);
        reasons.push(failure.reason);
        const detail = { part: source.part, reason: failure.reason, status: failure.details.status, endpoint: failure.details.endpoint };
        if (isExporterError(error)) log.warn(detail, `poll of ${describeTarget(target)} failed: ${failure.describe()}`);
        else log.error({ ...detail, err: error }, `poll of ${describeTarget(target)} failed unexpectedly (a bug): ${failure.message}`);
      }
    }
    return { scope, changed, outcome: { ...this.outcome(started, reasons.length === 0), reasons } };
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

  private outcome(started: number, ok: boolean) {
    const finished = this.now();
    return { ok, durationSeconds: (finished - started) / 1000, finishedAt: finished / 1000 };
  }
}
