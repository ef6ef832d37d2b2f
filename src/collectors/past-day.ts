/**
 * A day-keyed collector's past day (people, repositories, and any added later: see isDayKeyed), read
 * through its own collect() with a poll context whose latest report is the target's 1-day entity report
 * of that day, exactly as a live poll would have run it on the day that report was the latest. The
 * backfill reads history this way, and the push reads a day again this way once it has settled.
 */
import type { Target } from '../config/exporter-config.js';
import { oneDayReport } from '../github/endpoints.js';
import type { Sample } from '../metrics/sample.js';
import type { Collector, CollectorDeps, TargetPollContext } from './collector.js';
import { reportLinks } from './reports-api.js';

/** The collector's samples of `day`, or `no-report` when GitHub has no report for it (yet); throws an ExporterError on failure. */
export async function readPastDay(collector: Collector, deps: CollectorDeps, target: Target, day: string): Promise<Sample[] | 'no-report'> {
  const result = await collector.collect(deps, target, undefined, pastDayContext(deps, target, day));
  // `unchanged` without a previous token: GitHub has no report for that day (yet).
  return result === 'unchanged' ? 'no-report' : result.samples;
}

/** A poll context for a past day: its latest report is the 1-day entity report of that day, asked once (a 304 when the main history just asked it). */
function pastDayContext(deps: CollectorDeps, target: Target, day: string): TargetPollContext {
  let report: ReturnType<TargetPollContext['latestReport']> | undefined;
  return { latestReport: () => (report ??= reportLinks(deps, target, oneDayReport(target), { day }, 'report_day')) };
}
