/**
 * Writes the cached days as one OpenMetrics file for `promtool tsdb create-blocks-from openmetrics`:
 * each family once (HELP, TYPE, then its samples), each series' samples in time order, `# EOF` last,
 * every series with the extra labels (`--label`).
 * Families are spilled to one temporary file each while the days are read, so memory holds at most one
 * family at a time; the result is written to a temporary file and renamed into place.
 */
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Labels, dayToUnixSeconds } from '../metrics/sample.js';
import { expositionEnd, familyHeader, sampleLine } from '../metrics/text-format.js';
import type { DayCache, TargetHistory } from './day-cache.js';

export interface WrittenFile {
  samples: number;
  families: number;
}

/** The instant a day's samples carry: 00:00 UTC of that day, the value of github_copilot_metrics_day_timestamp_seconds. */
export function dayTimestamp(day: string): number {
  return dayToUnixSeconds(day) as number;
}

export function writeOpenMetricsFile(cache: DayCache, plan: readonly TargetHistory[], days: readonly string[], extraLabels: Labels, output: string): WrittenFile {
  const spill = mkdtempSync(join(tmpdir(), 'copilot-backfill-'));
  const headers = new Map<string, string>();
  try {
    for (const entry of plan) {
      for (const cached of cache.daysOf(entry, days)) {
        const timestamp = dayTimestamp(cached.day);
        for (const [name, family] of Object.entries(cached.families)) {
          if (!headers.has(name)) headers.set(name, familyHeader({ name, help: family.help, type: family.type }, 'openmetrics'));
          const lines = family.series.map(([labels, value]) => sampleLine(name, { ...labels, ...extraLabels }, value, timestamp));
          appendFileSync(join(spill, name), lines.join(''));
        }
      }
    }
    const temporary = `${output}.tmp`;
    writeFileSync(temporary, '');
    let samples = 0;
    for (const name of [...headers.keys()].sort()) {
      const lines = readFileSync(join(spill, name), 'utf8').split('\n').filter(Boolean);
      lines.sort(bySeriesThenTime);
      samples += lines.length;
      appendFileSync(temporary, headers.get(name) + lines.join('\n') + '\n');
    }
    appendFileSync(temporary, expositionEnd('openmetrics'));
    renameSync(temporary, output);
    return { samples, families: headers.size };
  } finally {
    rmSync(spill, { recursive: true, force: true });
  }
}

/** Sample lines with a timestamp (`name{labels} value timestamp`): by series (everything before the value), then by timestamp. */
function bySeriesThenTime(a: string, b: string): number {
  const aSeries = a.slice(0, a.lastIndexOf(' ', a.lastIndexOf(' ') - 1));
  const bSeries = b.slice(0, b.lastIndexOf(' ', b.lastIndexOf(' ') - 1));
  if (aSeries !== bSeries) return aSeries < bSeries ? -1 : 1;
  return Number(a.slice(a.lastIndexOf(' ') + 1)) - Number(b.slice(b.lastIndexOf(' ') + 1));
}
