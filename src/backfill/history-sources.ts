/**
 * What the backfill reads for a target: the main collector's past days (usage: one `…-1-day?day=`
 * report each; legacy: one ranged request), and the past days of every enabled day-keyed collector
 * (people, repositories, and any added later: see isDayKeyed). Those need no code of their own: their
 * collect() runs once per past day with a poll context whose latest report is the target's 1-day entity
 * report of that day, exactly as a live poll would have run it on the day that report was the latest.
 */
import { type Collector, type CollectorDeps, type CollectorName, type HistoryReader, type TargetPollContext, dayByDayHistory, isDayKeyed } from '../collectors/collector.js';
import { collectorsOf } from '../collectors/index.js';
import { legacyHistory } from '../collectors/legacy.js';
import { reportLinks } from '../collectors/reports-api.js';
import { usageHistory } from '../collectors/usage.js';
import { oneDayReport } from '../github/endpoints.js';
import type { Target } from '../targets.js';

export interface HistorySource {
  collector: CollectorName;
  reader: HistoryReader;
}

/** The collectors with history for this target, main report first. */
export function historySources(deps: CollectorDeps, target: Target): HistorySource[] {
  const { config } = deps;
  const main: HistorySource = config.api === 'usage-metrics' ? { collector: 'usage', reader: usageHistory(deps) } : { collector: 'legacy', reader: legacyHistory(deps.client) };
  const dayKeyed = collectorsOf(config, target).filter((collector) => !collector.main && isDayKeyed(collector, target, config));
  return [main, ...dayKeyed.map((collector) => ({ collector: collector.name, reader: collectorHistory(collector, deps) }))];
}

/** A day-keyed collector's past days, each through its own collect(). */
function collectorHistory(collector: Collector, deps: CollectorDeps): HistoryReader {
  return dayByDayHistory(async (target, day) => {
    const result = await collector.collect(deps, target, undefined, pastDay(deps, target, day));
    // `unchanged` without a previous token: GitHub has no report for that day (yet).
    return result === 'unchanged' ? 'no-report' : result.samples;
  });
}

/** A poll context for a past day: its latest report is the 1-day entity report of that day, asked once (a 304 when the main history just asked it). */
function pastDay(deps: CollectorDeps, target: Target, day: string): TargetPollContext {
  let report: ReturnType<TargetPollContext['latestReport']> | undefined;
  return { latestReport: () => (report ??= reportLinks(deps, target, oneDayReport(target), { day }, 'report_day')) };
}
