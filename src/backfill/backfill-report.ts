/**
 * What `backfill` tells its user when it is done: what it wrote, the days GitHub had no report for, the
 * provisional days and when they settle, what GitHub refused to an optional collector (with what it needs
 * and the switch that turns it off), and what failed. Days are always ranges, grouped by target, collector
 * and reason: a year of one failing report is one line, not 365.
 */
import { dayRanges } from '../days.js';
import { settlesOn } from '../settled-days.js';
import type { BackfillSummary, CollectorDay, CollectorFailure } from './run-backfill.js';

export interface ReportContext {
  output?: string;
  cache: string;
  /** The remote write receiver, as it may be shown. */
  remoteWriteUrl?: string;
  maxSeriesPerFamily: number;
  settleDays: number;
}

/** Collector-days grouped by what `key` makes of each, in key order. */
function grouped<T extends CollectorDay>(entries: readonly T[], key: (entry: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const entry of entries) groups.set(key(entry), [...(groups.get(key(entry)) ?? []), entry]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

const where = (entry: CollectorDay) => `${entry.target} (${entry.collector})`;
const days = (entries: readonly CollectorDay[]) => dayRanges(entries.map((entry) => entry.day));

/** The lines to print, and the exit code: 1 when anything but an optional collector's refusal failed. */
export function backfillReport(summary: BackfillSummary, context: ReportContext): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  const written = [
    ...(summary.file ? [`${summary.file.samples} samples to ${context.output}`] : []),
    ...(summary.remote ? [`${summary.remote.samples} samples to ${context.remoteWriteUrl} in ${summary.remote.requests} requests`] : []),
  ];
  lines.push(`backfill: wrote ${written.join(' and ')} (${summary.fetched} collector-days fetched, ${summary.cached} from ${context.cache}).`);
  if (summary.droppedSeries > 0) lines.push(`The cardinality guard (MAX_SERIES_PER_FAMILY=${context.maxSeriesPerFamily}) left out ${summary.droppedSeries} series-days, as the live exporter would.`);
  if (summary.noReport.length > 0) {
    lines.push(`GitHub had no report (204) for ${summary.noReport.length} collector-days:`);
    for (const [key, entries] of grouped(summary.noReport, where)) lines.push(`  ${key}: ${days(entries)}`);
  }
  const provisional = [...new Set(summary.provisional.map((entry) => entry.day))].sort();
  for (const day of provisional) lines.push(`${day} is provisional until ${settlesOn(day, context.settleDays)}: run again after that for final figures (GitHub revises a day until it settles; it is not cached).`);
  for (const [, entries] of grouped(summary.refused, (entry) => `${where(entry)} ${entry.reason}`)) {
    const first = entries[0] as (typeof entries)[number];
    lines.push(`left out: ${where(first)} ${days(entries)}: ${first.message} ${first.advice} That collector's history is left out for these days; everything else was written.`);
  }
  for (const [, entries] of grouped(summary.failed, (entry: CollectorFailure) => `${where(entry)} ${entry.reason}`)) {
    const first = entries[0] as CollectorFailure;
    lines.push(`failed: ${where(first)} ${days(entries)} (${first.reason}): ${first.message}`);
  }
  if (summary.failed.length > 0) {
    lines.push('Some days failed; run the same command again to fetch only those.');
    return { lines, exitCode: 1 };
  }
  if (context.output) lines.push(`Next: promtool tsdb create-blocks-from openmetrics ${context.output} <prometheus data dir>`);
  return { lines, exitCode: 0 };
}
