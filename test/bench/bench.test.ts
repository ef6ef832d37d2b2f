/**
 * The benchmark harness itself, run small (BENCH_SIZES=smoke): it must keep working on a fresh clone.
 * Its figures are not checked here; `npm run bench` at full size checks the budgets.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/exporter-process.js';

describe('npm run bench', () => {
  it('measures the exporter against the baseline and the floor and writes its results and plot', () => {
    const out = mkdtempSync(join(tmpdir(), 'copilot-bench-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BENCH_SIZES: 'smoke', BENCH_SCRAPES: '5', BENCH_RESULTS: out },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Budgets:');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      rows: Array<{ exporter: { series: number }; baseline: { series: number } }>;
      enterprise: Array<Record<string, unknown>>;
      economy: Record<string, number>;
      budgets: Array<{ budget: string; met: boolean }>;
    };
    expect(results.rows).toHaveLength(2);
    for (const row of results.rows) expect(row.exporter.series).toBe(row.baseline.series);
    // The enterprise-scale case, tiny: both sizes measured against the floor, the team series right.
    expect(results.enterprise.map((row) => row.users)).toEqual([200, 1000]);
    for (const row of results.enterprise) {
      expect(row).toMatchObject({ teams: 20, teamsCorrect: 20, correct: true, reportBytes: expect.any(Number), exporterSeconds: expect.any(Number), floorSeconds: expect.any(Number), exporterPeakRssMb: expect.any(Number), floorPeakRssMb: expect.any(Number) });
    }
    expect(results.budgets.map((entry) => entry.budget)).toEqual(expect.arrayContaining(['team series at 1k users correct', 'users report → team series at 1k users ≤ 1.5 × the floor', 'exporter peak RSS at 1k users ≤ 256 MiB']));
    expect(results.economy).toMatchObject({ targets: 5, unchangedPollRequests: 5, unchangedPollDownloads: 0 });
    expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/^<svg /);
  }, 120_000);
});
