/**
 * Backfill end to end: the fake GitHub API with 60 days of randomized reports → the real CLI
 * (`backfill`) → the real `promtool tsdb create-blocks-from openmetrics` → a real Prometheus on those
 * blocks → queries at several past instants return exactly each day's values.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayRanges, today } from '../../src/backfill/days.js';
import { createProgress } from '../../src/backfill/progress.js';
import { parseBackfillArgs } from '../../src/backfill/backfill-args.js';
import { ExporterError } from '../../src/errors.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/usage-report.js';
import { generateDayTotals } from '../fake-github/usage-report.js';
import { parseExposition, sampleKey } from '../helpers/exposition.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';
import { expectedLegacySamples } from '../helpers/legacy-contract.js';
import { expectedUsageSamples } from '../helpers/usage-oracle.js';
import { freePort, itWithTool } from '../helpers/tools.js';
import { testSeed } from '../helpers/seed.js';

const END = addDays(today(), -3);
const SINCE = addDays(END, -59);
const seed = testSeed(424242);
const entities: EntityProfile[] = [
  { kind: 'enterprise', slug: `ent-${seed}`, id: 7, seats: 50 + (seed % 300), teams: ['core'] },
  { kind: 'org', slug: 'web', id: 8, seats: 10 + (seed % 90), teams: ['core'] },
];

let fake: FakeGitHub;
const dir = mkdtempSync(join(tmpdir(), 'copilot-backfill-'));

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: entities[0]!.slug, COPILOT_ORGS: 'web', ...extra };
}

/** `name{labels} value timestamp` lines of an OpenMetrics file, by day and series. */
function samplesByDay(file: string): Map<string, Map<string, number>> {
  const byDay = new Map<string, Map<string, number>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    const day = new Date(Number(line.slice(cut + 1)) * 1000).toISOString().slice(0, 10);
    const [sample] = parseExposition(line.slice(0, cut));
    if (!byDay.has(day)) byDay.set(day, new Map());
    byDay.get(day)!.set(sampleKey(sample!.name, sample!.labels), sample!.value);
  }
  return byDay;
}

function expectedDay(day: string): Map<string, number> {
  const expected = new Map<string, number>();
  for (const entity of entities) {
    const scope: Record<string, string> = entity.kind === 'enterprise' ? { enterprise: entity.slug } : { org: entity.slug };
    for (const [key, value] of expectedUsageSamples(generateDayTotals(entity, day), scope)) expected.set(key, value);
  }
  return expected;
}

beforeAll(async () => {
  console.log(`backfill seed: ${seed}`);
  fake = await startFakeGitHub({ entities, endDay: END, legacyRough: true, legacyPageSize: 25 });
});
afterAll(() => fake.close());

describe('backfill (usage-metrics)', () => {
  const output = join(dir, 'usage.om');
  let firstRun: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    firstRun = await runCli(['backfill', '--since', SINCE, '--output', output], env());
  }, 120_000);

  it('writes every day of every target, timestamped at 00:00 UTC of the day, ending in # EOF', () => {
    expect(firstRun.code, firstRun.stderr).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const types = text.split('\n').filter((line) => line.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
    const byDay = samplesByDay(output);
    for (let day = SINCE; day <= END; day = addDays(day, 1)) expect(byDay.get(day), day).toEqual(expectedDay(day));
  });

  it('reports the days GitHub returned 204 for, and shows progress', () => {
    // One line per target, its missing days as a range.
    const range = `${addDays(END, 1)}…${addDays(END, 2)}`;
    expect(firstRun.stderr).toContain(`GitHub had no report (204) for 4 target-days:\n  enterprise:${entities[0]!.slug}: ${range}\n`);
    expect(firstRun.stderr).toMatch(/backfill: 124\/124 target-days, ETA 0s, GitHub API budget left \d+/);
  });

  it('resumes: a second run asks GitHub only for the days it lacks and writes the same file', async () => {
    const before = readFileSync(output);
    const requests = fake.requests.length;
    const second = await runCli(['backfill', '--since', SINCE, '--output', output], env());
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('(0 target-days fetched, 120 from');
    // Only the four days GitHub had no report for are asked again.
    expect(fake.requests.length - requests).toBe(4);
    expect(readFileSync(output).equals(before)).toBe(true);
  });

  itWithTool('prometheus')('loads into a real Prometheus that returns each day’s values at that day', async () => {
    const data = join(dir, 'data');
    const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', output, data], { encoding: 'utf8' });
    expect(blocks.status, blocks.stderr).toBe(0);
    const port = await freePort();
    const prometheus: ChildProcess = spawn(
      'prometheus',
      [`--config.file=${writeEmptyConfig()}`, `--storage.tsdb.path=${data}`, '--storage.tsdb.retention.time=400d', `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: 'ignore' },
    );
    try {
      const api = `http://127.0.0.1:${port}`;
      await waitFor('Prometheus', async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined), 30_000);
      for (const day of [SINCE, addDays(SINCE, 17), addDays(SINCE, 33), addDays(END, -5), END]) {
        const time = Date.parse(`${day}T00:00:00Z`) / 1000;
        const query = encodeURIComponent('{__name__=~"github_copilot_.+"}');
        const body = (await (await fetch(`${api}/api/v1/query?query=${query}&time=${time}`)).json()) as {
          data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
        };
        const returned = new Map(
          body.data.result.map(({ metric, value }) => {
            const { __name__: name, ...labels } = metric;
            return [sampleKey(name as string, labels), Number(value[1])];
          }),
        );
        expect(returned, day).toEqual(expectedDay(day));
      }
    } finally {
      prometheus.kill('SIGKILL');
    }
  }, 60_000);
});

describe('backfill (legacy-metrics)', () => {
  it('writes the days the legacy API returns for all four scopes, and reports the missing ones', async () => {
    const output = join(dir, 'legacy.om');
    const since = addDays(END, -20);
    const run = await runCli(
      ['backfill', '--since', since, '--until', END, '--output', output],
      env({ COPILOT_API: 'legacy-metrics', COPILOT_TEAMS: 'web/core', COPILOT_ENTERPRISE_TEAMS: `${entities[0]!.slug}/core` }),
    );
    expect(run.code, run.stderr).toBe(0);
    const byDay = samplesByDay(output);
    const scopes: Array<[Record<string, string>, EntityProfile['kind'], string, string | undefined]> = [
      [{ enterprise: entities[0]!.slug }, 'enterprise', entities[0]!.slug, undefined],
      [{ org: 'web' }, 'org', 'web', undefined],
      [{ enterprise: entities[0]!.slug, team: 'core' }, 'enterprise', entities[0]!.slug, 'core'],
      [{ org: 'web', team: 'core' }, 'org', 'web', 'core'],
    ];
    let missing = 0;
    for (let day = since; day <= END; day = addDays(day, 1)) {
      const expected = new Map<string, number>();
      for (const [scope, kind, slug, team] of scopes) {
        const found = fake.legacyDays(kind, slug, team).find((entry) => entry.date === day);
        if (!found) missing += 1;
        else for (const [key, value] of expectedLegacySamples(found, scope)) expected.set(key, value);
      }
      expect(byDay.get(day) ?? new Map(), day).toEqual(expected);
    }
    if (missing > 0) expect(run.stderr).toContain(`GitHub had no report (204) for ${missing} target-days:`);
  }, 60_000);
});

describe('backfill arguments and progress', () => {
  it.each([
    [[], 'backfill: --since must be a day such as 2026-01-31 (got "").'],
    [['--since', '2026-02-30', '--output', 'x'], 'backfill: --since must be a day such as 2026-01-31 (got "2026-02-30").'],
    [['--since', '2026-03-02', '--until', '2026-03-01', '--output', 'x'], 'backfill: --since 2026-03-02 is after --until 2026-03-01.'],
    [['--since', '2026-03-01', '--until', '2026-11-24', '--output', 'x'], 'backfill: --until 2026-11-24 has not ended yet; the latest complete day is 2026-11-23.'],
    [['--since', '2026-03-01'], 'backfill: --output FILE is required (the OpenMetrics file to write).'],
    [['--since', '2026-03-01', '--output', 'x', '--days', '3'], "backfill: Unknown option '--days'. Usage: backfill --since YYYY-MM-DD [--until YYYY-MM-DD] --output FILE"],
  ])('rejects %j', (argv, message) => {
    try {
      parseBackfillArgs(argv, Date.parse('2026-11-24T10:00:00Z'));
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ExporterError);
      expect((error as ExporterError).message).toBe(message);
    }
  });

  it('writes missing days as ranges of consecutive days', () => {
    expect(dayRanges(['2026-11-03', '2026-11-01', '2026-11-02', '2026-11-07', '2026-11-09', '2026-11-10', '2026-11-02'])).toBe('2026-11-01…2026-11-03, 2026-11-07, 2026-11-09…2026-11-10');
    expect(dayRanges(['2026-02-28', '2026-03-01'])).toBe('2026-02-28…2026-03-01');
  });

  it('defaults --until to yesterday', () => {
    expect(parseBackfillArgs(['--since', '2026-11-01', '--output', 'f'], Date.parse('2026-11-24T10:00:00Z'))).toEqual({ since: '2026-11-01', until: '2026-11-23', output: 'f' });
  });

  it('draws a progress bar with days done, ETA and the API budget on a terminal', () => {
    let drawn = '';
    const terminal = Object.assign(
      new Writable({
        write(chunk, _encoding, done) {
          drawn += String(chunk);
          done();
        },
      }),
      { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    ) as unknown as NodeJS.WriteStream;
    const progress = createProgress(4, terminal);
    progress.tick(4990);
    progress.tick(4989);
    progress.stop();
    expect(drawn).toMatch(/backfill \[.*\] 2\/4 target-days \| ETA \S+ \| GitHub API budget left 4989/);
  });
});

function writeEmptyConfig(): string {
  const file = join(dir, 'prometheus.yml');
  spawnSync('sh', ['-c', `printf 'global:\\n  scrape_interval: 1m\\n' > '${file}'`]);
  return file;
}
