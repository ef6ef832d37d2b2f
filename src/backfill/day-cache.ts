/**
 * The backfill's resume point: one small JSON file per target, collector and day, holding that day's
 * samples (names, labels, values; the --label labels are added only when writing). A day in the cache is
 * not asked of GitHub again; every output is assembled from the cache, so re-running writes the same
 * samples. Files are written whole (temporary file, then rename).
 *
 * Layout: `<dir>/<target>/<collector>/<day>.json`. The samples depend on the configuration that made them
 * (COPILOT_TEAM_*, COPILOT_USER_*): after changing it, delete that collector's folder to fetch it again.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectorName } from '../collectors/collector.js';
import type { Labels, Sample } from '../metrics/sample.js';
import { type Target, targetKey } from '../targets.js';

export interface CachedFamily {
  help: string;
  type: 'gauge' | 'counter';
  /** Each series' labels (beyond the name) and value. */
  series: Array<[Labels, number]>;
}

export interface CachedDay {
  target: string;
  collector: CollectorName;
  day: string;
  families: Record<string, CachedFamily>;
}

/** What the backfill writes for one target: the days of these collectors. */
export interface TargetHistory {
  target: Target;
  collectors: readonly CollectorName[];
}

export class DayCache {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  has(target: Target, collector: CollectorName, day: string): boolean {
    return existsSync(this.file(target, collector, day));
  }

  write(target: Target, collector: CollectorName, day: string, samples: readonly Sample[]): void {
    const families: Record<string, CachedFamily> = {};
    for (const sample of samples) {
      const family = (families[sample.family.name] ??= { help: sample.family.help, type: sample.family.type, series: [] });
      family.series.push([sample.labels, sample.value]);
    }
    const file = this.file(target, collector, day);
    mkdirSync(join(this.dir, this.folder(target), collector), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ target: targetKey(target), collector, day, families } satisfies CachedDay));
    renameSync(`${file}.tmp`, file);
  }

  read(target: Target, collector: CollectorName, day: string): CachedDay | undefined {
    const file = this.file(target, collector, day);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CachedDay) : undefined;
  }

  /** The cached days of a target's collectors, in day order (each day's collectors in their order); days not cached are skipped. */
  *daysOf({ target, collectors }: TargetHistory, days: readonly string[]): Generator<CachedDay> {
    for (const day of days) {
      for (const collector of collectors) {
        const cached = this.read(target, collector, day);
        if (cached) yield cached;
      }
    }
  }

  private folder(target: Target): string {
    return targetKey(target).replace(/[^A-Za-z0-9._-]/g, '_');
  }

  private file(target: Target, collector: CollectorName, day: string): string {
    return join(this.dir, this.folder(target), collector, `${day}.json`);
  }
}
