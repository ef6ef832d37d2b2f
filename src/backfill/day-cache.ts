/**
 * The backfill's resume point: one small JSON file per target and day, holding that day's rendered
 * series. A day in the cache is not asked of GitHub again; the output file is always assembled from the
 * cache, so re-running writes the same file. Files are written whole (temporary file, then rename).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatLabels, formatValue } from '../metrics/exposition.js';
import type { Sample } from '../metrics/sample.js';
import { targetKey, type Target } from '../targets.js';

export interface CachedFamily {
  help: string;
  type: 'gauge' | 'counter';
  /** `{labels}` text and value, as they appear in an exposition line. */
  series: Array<[string, string]>;
}

export interface CachedDay {
  target: string;
  day: string;
  families: Record<string, CachedFamily>;
}

export class DayCache {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  has(target: Target, day: string): boolean {
    return existsSync(this.file(target, day));
  }

  write(target: Target, day: string, samples: readonly Sample[]): void {
    const families: Record<string, CachedFamily> = {};
    for (const sample of samples) {
      const family = (families[sample.family.name] ??= { help: sample.family.help, type: sample.family.type, series: [] });
      family.series.push([formatLabels(sample.labels), formatValue(sample.value)]);
    }
    const file = this.file(target, day);
    mkdirSync(join(this.dir, this.folder(target)), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ target: targetKey(target), day, families } satisfies CachedDay));
    renameSync(`${file}.tmp`, file);
  }

  read(target: Target, day: string): CachedDay | undefined {
    const file = this.file(target, day);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CachedDay) : undefined;
  }

  private folder(target: Target): string {
    return targetKey(target).replace(/[^A-Za-z0-9._-]/g, '_');
  }

  private file(target: Target, day: string): string {
    return join(this.dir, this.folder(target), `${day}.json`);
  }
}
