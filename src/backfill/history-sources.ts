/**
 * What the backfill reads for a target: the main collector's past days (usage: one `…-1-day?day=`
 * report each; legacy: one ranged request), and the past days of every enabled day-keyed collector
 * (people, repositories, and any added later: see isDayKeyed). Those need no code of their own: each
 * past day is read through their own collect() (collectors/past-day.ts).
 */
import { type Collector, type CollectorDeps, type HistoryReader, dayByDayHistory, isDayKeyed } from '../collectors/collector.js';
import { collectorsOf } from '../collectors/index.js';
import { legacyCollector, legacyHistory } from '../collectors/legacy.js';
import { readPastDay } from '../collectors/past-day.js';
import { usageCollector, usageHistory } from '../collectors/usage.js';
import type { Target } from '../targets.js';

export interface HistorySource {
  collector: Collector;
  reader: HistoryReader;
}

/** The collectors with history for this target, main report first. */
export function historySources(deps: CollectorDeps, target: Target): HistorySource[] {
  const { config } = deps;
  const main: HistorySource = config.api === 'usage-metrics' ? { collector: usageCollector, reader: usageHistory(deps) } : { collector: legacyCollector, reader: legacyHistory(deps.client) };
  const dayKeyed = collectorsOf(config, target).filter((collector) => !collector.main && isDayKeyed(collector, target, config));
  return [main, ...dayKeyed.map((collector) => ({ collector, reader: dayByDayHistory((target, day) => readPastDay(collector, deps, target, day)) }))];
}
