/** What backfill prints when it is done (src/backfill/backfill-report.ts): ranges, grouped, and the exit code. */
import { describe, expect, it } from 'vitest';
import { backfillReport } from '../src/backfill/backfill-report.js';
import type { BackfillSummary } from '../src/backfill/run-backfill.js';
import { addDays } from '../src/days.js';

const days = (since: string, count: number) => Array.from({ length: count }, (_, i) => addDays(since, i));
const context = { output: 'h.om', cache: 'h.om.cache', maxSeriesPerFamily: 20_000, settleDays: 3 };
const summary = (extra: Partial<BackfillSummary> = {}): BackfillSummary => ({ fetched: 10, cached: 5, droppedSeries: 0, provisional: [], noReport: [], refused: [], failed: [], file: { samples: 123 }, ...extra }) as BackfillSummary;
const ADVICE = 'This collector needs the same permission as the usage report; turn it off with COPILOT_REPOSITORY_METRICS=false if that is intended.';

describe('backfillReport', () => {
  it('says a year of refusals of an optional collector in one line per target and collector, with what it needs, and exits 0', () => {
    const refused = ['org:web', 'org:data'].flatMap((target) =>
      days('2026-01-01', 365).map((day) => ({ target, collector: 'repositories' as const, day, reason: 'not_found' as const, message: 'GitHub answered 404 Not Found (GET /orgs/web/copilot/metrics/reports/repos-1-day).', advice: ADVICE })),
    );
    const { lines, exitCode } = backfillReport(summary({ refused }), context);
    expect(exitCode).toBe(0);
    expect(lines.filter((line) => line.startsWith('left out:'))).toEqual([
      `left out: org:data (repositories) 2026-01-01…2026-12-31: GitHub answered 404 Not Found (GET /orgs/web/copilot/metrics/reports/repos-1-day). ${ADVICE} That collector's history is left out for these days; everything else was written.`,
      `left out: org:web (repositories) 2026-01-01…2026-12-31: GitHub answered 404 Not Found (GET /orgs/web/copilot/metrics/reports/repos-1-day). ${ADVICE} That collector's history is left out for these days; everything else was written.`,
    ]);
    expect(lines.at(-1)).toBe('Next: promtool tsdb create-blocks-from openmetrics h.om <prometheus data dir>');
  });

  it('groups failures by target, collector and reason as day ranges, and exits 1 asking to run again', () => {
    const failed = [
      ...days('2026-03-01', 3).map((day) => ({ target: 'org:web', collector: 'usage' as const, day, reason: 'server_error' as const, message: 'GitHub answered 503.' })),
      { target: 'org:web', collector: 'usage' as const, day: '2026-03-09', reason: 'server_error' as const, message: 'GitHub answered 503.' },
      { target: 'org:web', collector: 'usage' as const, day: '2026-03-05', reason: 'timeout' as const, message: 'No answer within 30 s.' },
    ];
    const { lines, exitCode } = backfillReport(summary({ failed }), context);
    expect(exitCode).toBe(1);
    expect(lines.filter((line) => line.startsWith('failed:'))).toEqual([
      'failed: org:web (usage) 2026-03-01…2026-03-03, 2026-03-09 (server_error): GitHub answered 503.',
      'failed: org:web (usage) 2026-03-05 (timeout): No answer within 30 s.',
    ]);
    expect(lines.at(-1)).toBe('Some days failed; run the same command again to fetch only those.');
  });

  it('names each provisional day with the day it settles, once whatever the number of targets and collectors', () => {
    const provisional = ['org:web', 'org:data'].flatMap((target) => ['usage', 'people'].flatMap((collector) => ['2026-12-03', '2026-12-04'].map((day) => ({ target, collector: collector as 'usage', day }))));
    const { lines } = backfillReport(summary({ provisional }), { ...context, settleDays: 3 });
    expect(lines.filter((line) => line.includes('provisional'))).toEqual([
      '2026-12-03 is provisional until 2026-12-07: run again after that for final figures (GitHub revises a day until it settles; it is not cached).',
      '2026-12-04 is provisional until 2026-12-08: run again after that for final figures (GitHub revises a day until it settles; it is not cached).',
    ]);
  });
});
