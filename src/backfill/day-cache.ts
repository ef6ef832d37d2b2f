/**
 * The backfill's resume point: one small JSON file per target, collector and day, holding that day's
 * samples (names, labels, values; the --label labels are added only when writing). Only settled days are
 * kept (docs/contract.md §4g): a provisional day's figures may still change, so it is held for this run
 * alone and fetched again by the next. A file counts only if it was written once its day had settled
 * (its modification time says when), so that provisional days cached by an earlier version are fetched
 * again. A day in the cache is not asked of GitHub again (unless --refetch); every output is assembled
 * from the cache and this run's provisional days, so re-running writes the same settled samples. Files
 * are written whole (temporary file, then rename).
 *
 * Layout: `<dir>/<target>/<collector>/<day>.json`. The samples depend on the configuration that made them
 * (COPILOT_TEAM_*, COPILOT_USER_*): after changing it, delete that collector's folder to fetch it again.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectorName } from '../collectors/collector.js';
import type { Labels, Sample } from '../metrics/sample.js';
import { isSettled } from '../settled-days.js';
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
  /** This run's provisional days, by file path: never written to disk. */
  private readonly provisional = new Map<string, CachedDay>();

  constructor(
    readonly dir: string,
    private readonly settleDays: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Whether the day is cached with its settled figures. */
  has(target: Target, collector: CollectorName, day: string): boolean {
    const written = this.writtenAt(this.file(target, collector, day));
    return written !== undefined && isSettled(day, written, this.settleDays);
  }

  /** Keeps the day's samples: on disk when the day has settled by `now`, for this run only when it is provisional. */
  write(target: Target, collector: CollectorName, day: string, samples: readonly Sample[], now: number): void {
    const families: Record<string, CachedFamily> = {};
    for (const sample of samples) {
      const family = (families[sample.family.name] ??= { help: sample.family.help, type: sample.family.type, series: [] });
      family.series.push([sample.labels, sample.value]);
    }
    const cached: CachedDay = { target: targetKey(target), collector, day, families };
    const file = this.file(target, collector, day);
    if (!isSettled(day, now, this.settleDays)) {
      this.provisional.set(file, cached);
      return;
    }
    mkdirSync(join(this.dir, this.folder(target), collector), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(cached));
    renameSync(`${file}.tmp`, file);
  }

  /** This run's provisional day, or the cached settled one. */
  read(target: Target, collector: CollectorName, day: string): CachedDay | undefined {
    const file = this.file(target, collector, day);
    const provisional = this.provisional.get(file);
    if (provisional) return provisional;
    return this.has(target, collector, day) ? (JSON.parse(readFileSync(file, 'utf8')) as CachedDay) : undefined;
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

  private writtenAt(file: string): number | undefined {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
  }

  private folder(target: Target): string {
    return targetKey(target).replace(/[^A-Za-z0-9._-]/g, '_');
  }

  private file(target: Target, collector: CollectorName, day: string): string {
    return join(this.dir, this.folder(target), collector, `${day}.json`);
  }
}
