/**
 * The continuous push of `serve` (REMOTE_WRITE_URL) writes history settled (docs/contract.md §4g): a day
 * is written once GitHub's figures for it are final (settled-days.ts), with what GitHub serves then, and
 * never a provisional day's figures, which a receiver such as Prometheus could not take back (it refuses
 * a second, different value at the same timestamp).
 *
 * - The main report holds 28 days: every read of it hands its settled days over (collected.pastDays), and
 *   those not written yet by this process are written; so the first poll after a start writes the
 *   window's settled days (four weeks of history with no extra request), and later reads the days that
 *   settled since. A restart writes them again: identical samples, which receivers keep once.
 * - People and repositories read one day at a time: each day they serve, and each provisional day of the
 *   main report's window (which a previous process may have served), waits here until it settles; after
 *   the first poll past that, the day is read again (past-day.ts) and written. A read that fails is
 *   logged, counted in poll_errors_total and tried again after the next poll.
 *
 * Seats and AI credits are not pushed: they are values as read, not a day's, so the scrape records them.
 */
import pLimit from 'p-limit';
import { type Collected, type Collector, type CollectorDeps, type PastDay, asExporterError, isDayKeyed, isRefusal } from '../collectors/collector.js';
import { readPastDay } from '../collectors/past-day.js';
import { describeTarget } from '../github/endpoints.js';
import type { Logger } from '../log.js';
import { capSeries } from '../metrics/cardinality.js';
import type { Sample } from '../metrics/sample.js';
import type { SelfMetrics } from '../metrics/self-metrics.js';
import { addDays, today } from '../days.js';
import { isSettled, settlesOn } from '../settled-days.js';
import { type Target, scopeLabels, targetKey } from '../targets.js';
import type { DayPusher } from './day-pusher.js';

export interface SettledHistoryOptions {
  deps: CollectorDeps;
  pusher: Pick<DayPusher, 'push'>;
  selfMetrics: SelfMetrics;
  logger: Logger;
  /** Each target's collectors, as the poller has them. */
  targets: ReadonlyArray<{ target: Target; collectors: readonly Collector[] }>;
}

/** A collector's day of a target that is written once it settles. */
interface Waiting {
  target: Target;
  collector: Collector;
  day: string;
  /** Whether a read of it failed already (said once as a warning, then at debug). */
  failed?: boolean;
}

/** Days written longer ago than this are forgotten: the main report's window (28 days) no longer offers them. */
const REMEMBERED_DAYS = 35;

export class SettledHistory {
  /** `target collector day` of every day written by this process. */
  private readonly written = new Set<string>();
  private readonly waiting = new Map<string, Waiting>();
  private reading: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: SettledHistoryOptions) {}

  /** For the poller's onCollected. Never throws. */
  onCollected(target: Target, collector: Collector, collected: Collected<unknown>): void {
    const { config } = this.options.deps;
    if (this.stopped || collected.day === undefined || !isDayKeyed(collector, target, config)) return;
    const days: PastDay[] = [{ day: collected.day, samples: () => collected.samples }, ...(collected.pastDays ?? [])].sort((a, b) => (a.day < b.day ? -1 : 1));
    for (const { day, samples } of days) {
      if (!this.settled(day)) {
        // The main report's provisional days are the other day-keyed collectors' days to come.
        const waiting = collector.main ? this.dayKeyedBeside(target) : [collector];
        for (const other of waiting) this.wait({ target, collector: other, day });
      } else if (!this.written.has(key(target, collector, day))) {
        try {
          this.write(target, collector, day, samples());
        } catch (error) {
          this.options.logger.warn({ target: describeTarget(target), day }, `the settled day ${day} of the ${collector.name} report of ${describeTarget(target)} was not written: ${asExporterError(error).message}`);
        }
      }
    }
  }

  /** For the poller's afterPoll: reads and writes the waiting days that have settled. Never throws; never two at once. */
  afterPoll(): Promise<void> {
    this.reading ??= this.readSettled().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  stop(): void {
    this.stopped = true;
  }

  private async readSettled(): Promise<void> {
    const { deps, selfMetrics, logger } = this.options;
    const due = [...this.waiting.entries()].filter(([, entry]) => this.settled(entry.day));
    const limit = pLimit(deps.config.pollConcurrency);
    await Promise.all(
      due.map(([id, { target, collector, day }]) =>
        limit(async () => {
          if (this.stopped) return;
          const what = `the ${collector.name} report of ${describeTarget(target)} for ${day}`;
          try {
            const samples = await readPastDay(collector, deps, target, day);
            if (this.stopped) return;
            this.waiting.delete(id);
            if (samples === 'no-report') logger.info({ target: describeTarget(target), day }, `GitHub has no ${collector.name} report for ${day} now that it has settled; nothing written for it`);
            else this.write(target, collector, day, samples);
          } catch (error) {
            const failure = asExporterError(error, `reading ${what}`);
            selfMetrics.recordError(scopeLabels(target), collector.name, failure.reason);
            const detail = { target: describeTarget(target), day, reason: failure.reason };
            // A refusal lasts (the collector's own warning says what it needs): the day is given up, not asked every hour.
            const refused = isRefusal(failure);
            if (refused) this.waiting.delete(id);
            const outcome = refused ? 'it is not written; backfill --remote-write can write it once GitHub grants the report' : 'tried again after the next poll';
            const entry = this.waiting.get(id);
            if (entry?.failed) logger.debug(detail, `${what} still could not be read: ${failure.message}`);
            else logger.warn(detail, `${what} has settled but could not be read to write it (${outcome}): ${failure.describe()}`);
            if (entry) entry.failed = true;
          }
        }),
      ),
    );
    this.forgetOldDays();
  }

  private forgetOldDays(): void {
    const oldest = addDays(today(this.options.deps.clock.now()), -REMEMBERED_DAYS);
    for (const id of this.written) if (id.slice(-10) < oldest) this.written.delete(id);
  }

  private write(target: Target, collector: Collector, day: string, samples: readonly Sample[]): void {
    const { kept } = capSeries(samples, this.options.deps.config.maxSeriesPerFamily);
    this.written.add(key(target, collector, day));
    this.options.pusher.push(`${targetKey(target)} ${collector.name} ${day}`, day, kept);
  }

  private wait(entry: Waiting): void {
    const id = key(entry.target, entry.collector, entry.day);
    if (this.written.has(id) || this.waiting.has(id)) return;
    this.waiting.set(id, entry);
    this.options.logger.debug({ target: describeTarget(entry.target), day: entry.day }, `${entry.collector.name} ${entry.day} is provisional; written once it settles on ${settlesOn(entry.day, this.options.deps.config.settleDays)}`);
  }

  /** The target's day-keyed collectors other than the main report. */
  private dayKeyedBeside(target: Target): Collector[] {
    const { config } = this.options.deps;
    const collectors = this.options.targets.find((entry) => entry.target === target)?.collectors ?? [];
    return collectors.filter((collector) => !collector.main && isDayKeyed(collector, target, config));
  }

  private settled(day: string): boolean {
    return isSettled(day, this.options.deps.clock.now(), this.options.deps.config.settleDays);
  }
}

/** `org:acme-web people 2026-11-20`: ends with the day. */
function key(target: Target, collector: Collector, day: string): string {
  return `${targetKey(target)} ${collector.name} ${day}`;
}
