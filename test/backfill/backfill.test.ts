/**
 * Backfill end to end: the fake GitHub API with 60 days of randomized reports → the real CLI
 * (`backfill`) → the real `promtool tsdb create-blocks-from openmetrics` → a real Prometheus on those
 * blocks → queries at several past instants return exactly each day's values. The organization values
 * are checked against an oracle of the fake's reports, and every collector's history (teams and
 * repositories too) against what the live exporter serves on the day that day is the latest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayRanges, today } from '../../src/days.js';
import { createProgress } from '../../src/backfill/progress.js';
import { parseBackfillArgs } from '../../src/backfill/backfill-args.js';
import { ExporterError } from '../../src/errors.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { generateDayTotals } from '../fake-github/usage-report.js';
import { copilotValues, historyByDay } from '../helpers/exposition.js';
import { runCli, startExporterProcess, waitFor } from '../helpers/exporter-process.js';
import { expectedLegacySamples } from '../helpers/legacy-contract.js';
import { expectedUsageSamples } from '../helpers/usage-oracle.js';
import { scrape } from '../helpers/scrape.js';
import { startPrometheus } from '../helpers/receivers.js';
import { itWithTool } from '../helpers/tools.js';
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

/** Teams and repositories are on by default; per-user series are turned on here, so that all three get history. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: entities[0]!.slug, COPILOT_ORGS: 'web', COPILOT_USER_METRICS: 'true', ...extra };
}

/** The series of the entity report (a sampleKey with neither a team, a user nor a repository label), by sampleKey. */
const entitySeries = (values: Map<string, number>) => new Map([...values].filter(([key]) => !/"(team|user|repository)":|^github_copilot_users_by_/.test(key)));

function expectedDay(day: string): Map<string, number> {
  const expected = new Map<string, number>();
  for (const entity of entities) {
    const scope: Record<string, string> = entity.kind === 'enterprise' ? { enterprise: entity.slug } : { org: entity.slug };
    for (const [key, value] of expectedUsageSamples(generateDayTotals(entity, day), scope)) expected.set(key, value);
  }
  return expected;
}

/** The Copilot series a live exporter serves when `day` is the latest day GitHub has (seats left out: they have no history). */
async function liveCopilotSeries(day: string): Promise<Map<string, number>> {
  const onTheDay = await startFakeGitHub({ entities, endDay: day, legacyRough: true, legacyPageSize: 25 });
  const exporter = await startExporterProcess({ ...env(), GITHUB_API_URL: onTheDay.apiUrl, COPILOT_SEAT_METRICS: 'false', REFRESH_INTERVAL: '3600' });
  try {
    await waitFor('the live exporter', async () => ((await fetch(`${exporter.url}/readyz`)).ok ? true : undefined), 30_000);
    return copilotValues((await scrape(exporter.url)).values);
  } finally {
    await exporter.stop('SIGKILL');
    await onTheDay.close();
  }
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
    const byDay = historyByDay(text);
    for (let day = SINCE; day <= END; day = addDays(day, 1)) expect(entitySeries(byDay.get(day) ?? new Map()), day).toEqual(expectedDay(day));
  });

  it('writes each day of every collector as the live exporter serves it on the day that day is the latest: teams, users and repositories too', async () => {
    const byDay = historyByDay(readFileSync(output, 'utf8'));
    for (const day of [addDays(SINCE, 11), END]) {
      const live = await liveCopilotSeries(day);
      expect([...live.keys()].some((key) => key.includes('"team":')), day).toBe(true);
      expect([...live.keys()].some((key) => key.includes('"repository":')), day).toBe(true);
      expect([...live.keys()].some((key) => key.includes('"user":')), day).toBe(true);
      // The day-keyed families of docs/contract.md §4i among them: team sizes and credits, clients by version, review stages.
      for (const family of ['team_members', 'ai_credits_used', 'users_by_ide_version', 'users_by_plugin_version', 'users_by_cli_version', 'repository_pull_request_review_times_merged', 'repository_pull_requests_copilot_suggestions_by_comment_type']) {
        expect([...live.keys()].some((key) => key.startsWith(`github_copilot_${family}{`) && (family !== 'ai_credits_used' || key.includes('"team":'))), `${day} ${family}`).toBe(true);
      }
      expect(byDay.get(day), day).toEqual(live);
    }
  }, 60_000);

  it('reports the days GitHub returned 204 for, and shows progress', () => {
    // One line per target and collector, its missing days as a range.
    const range = `${addDays(END, 1)}…${addDays(END, 2)}`;
    expect(firstRun.stderr).toContain(`GitHub had no report (204) for 12 collector-days:\n  enterprise:${entities[0]!.slug} (people): ${range}\n`);
    expect(firstRun.stderr).toContain(`  org:web (usage): ${range}\n`);
    // Three collectors with history (usage, people, repositories), two targets, 62 days.
    expect(firstRun.stderr).toMatch(/backfill: 372\/372 collector-days, ETA 0s, GitHub API budget left \d+/);
  });

  it('says which days are provisional and when they settle', () => {
    expect(firstRun.stderr).toContain(`${END} is provisional until ${addDays(END, 4)}: run again after that for final figures`);
    expect(firstRun.stderr).not.toContain(`${addDays(END, -1)} is provisional`);
  });

  it('resumes: a second run asks GitHub only for the days it lacks and the provisional day, and writes the same file', async () => {
    const before = readFileSync(output);
    const requests = fake.requests.length;
    const second = await runCli(['backfill', '--since', SINCE, '--output', output], env());
    expect(second.code).toBe(0);
    // END is provisional (it settles in four days): its six collector-days are fetched again, the 354 settled ones come from the cache.
    expect(second.stderr).toContain(`(6 collector-days fetched, 354 from ${output}.cache)`);
    const asked = fake.requests.slice(requests).filter((request) => request.on === 'api');
    const daysAsked = new Set(asked.map((request) => new URL(request.path, 'http://x').searchParams.get('day')));
    expect([...daysAsked].sort()).toEqual([END, addDays(END, 1), addDays(END, 2)]);
    // The twelve collector-days GitHub had no report for are asked again: each one request, answered 204.
    expect(asked.filter((request) => request.status === 204)).toHaveLength(12);
    expect(readFileSync(output).equals(before)).toBe(true);
  });

  itWithTool('prometheus')('loads into a real Prometheus that returns each day’s values at that day', async () => {
    const data = join(dir, 'data');
    const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', output, data], { encoding: 'utf8' });
    expect(blocks.status, blocks.stderr).toBe(0);
    const prometheus = await startPrometheus({ dataDir: data });
    try {
      const written = historyByDay(readFileSync(output, 'utf8'));
      for (const day of [SINCE, addDays(SINCE, 17), addDays(SINCE, 33), addDays(END, -5), END]) {
        expect(await prometheus.query('{__name__=~"github_copilot_.+"}', Date.parse(`${day}T00:00:00Z`) / 1000), day).toEqual(written.get(day));
      }
    } finally {
      prometheus.stop();
    }
  }, 120_000);
});

describe('backfill with defaults against an organization that lacks an optional report', () => {
  it.each([
    ['repos', 'repositories', 'COPILOT_REPOSITORY_METRICS'],
    ['users', 'people', 'COPILOT_TEAM_METRICS'],
  ] as const)('%s-1-day answering 404: exits 0, one line per target and collector with the range, and the file holds everything else exactly', async (report, collector, switchName) => {
    const lacking = await startFakeGitHub({ entities: [{ ...(entities[1] as EntityProfile), missingReports: [report] }], endDay: END });
    try {
      const since = addDays(END, -9);
      const base = { GITHUB_API_URL: lacking.apiUrl, GITHUB_TOKEN: lacking.token, COPILOT_ORGS: 'web' };
      const output = join(dir, `lacking-${report}.om`);
      const run = await runCli(['backfill', '--since', since, '--until', END, '--output', output], base);
      expect(run.code, run.stderr).toBe(0);
      const leftOut = run.stderr.split('\n').filter((line) => line.startsWith('left out:'));
      expect(leftOut).toHaveLength(1);
      expect(leftOut[0]).toContain(`left out: org:web (${collector}) ${since}…${END}: GitHub answered 404 Not Found`);
      expect(leftOut[0]).toContain(`turn it off with ${switchName}=false if that is intended.`);
      expect(run.stderr).not.toContain('failed:');

      const without = join(dir, `without-${collector}.om`);
      const reference = await runCli(['backfill', '--since', since, '--until', END, '--output', without], { ...base, [switchName]: 'false' });
      expect(reference.code, reference.stderr).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe(readFileSync(without, 'utf8'));
    } finally {
      await lacking.close();
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
    const byDay = historyByDay(readFileSync(output, 'utf8'));
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
    if (missing > 0) expect(run.stderr).toContain(`GitHub had no report (204) for ${missing} collector-days:`);
  }, 60_000);
});

describe('backfill arguments and progress', () => {
  it.each([
    [[], 'backfill: --since must be a day such as 2026-01-31 (got "").'],
    [['--since', '2026-02-30', '--output', 'x'], 'backfill: --since must be a day such as 2026-01-31 (got "2026-02-30").'],
    [['--since', '2026-03-02', '--until', '2026-03-01', '--output', 'x'], 'backfill: --since 2026-03-02 is after --until 2026-03-01.'],
    [['--since', '2026-03-01', '--until', '2026-11-24', '--output', 'x'], 'backfill: --until 2026-11-24 has not ended yet; the latest complete day is 2026-11-23.'],
    [['--since', '2026-03-01'], 'backfill: say where the history goes: --output FILE (OpenMetrics, for promtool tsdb create-blocks-from openmetrics), --remote-write URL (a Prometheus remote write receiver), or both.'],
    [
      ['--since', '2026-03-01', '--output', 'x', '--days', '3'],
      "backfill: Unknown option '--days'. Usage: backfill --since YYYY-MM-DD [--until YYYY-MM-DD] [--output FILE] [--remote-write URL] [--label NAME=VALUE]... [--cache DIR] [--refetch]",
    ],
    [['--since', '2026-03-01', '--output', 'x', '--remote-write-ca-file', 'ca.pem'], 'backfill: --remote-write-ca-file configures remote write, which needs --remote-write URL.'],
    [['--since', '2026-03-01', '--output', 'x', '--label', 'job'], 'Configuration error: --label takes NAME=VALUE pairs separated by commas, such as job=github-copilot,instance=copilot-exporter:9847 (got "job").'],
    [['--since', '2026-03-01', '--output', 'x', '--label', 'org=acme'], 'Configuration error: --label: org is a label the exporter sets on its own series; adding it would change or hide theirs. Choose another name.'],
    [['--since', '2026-03-01', '--output', 'x', '--label', '__name__=x'], 'Configuration error: --label: __name__ starts with __, which Prometheus keeps for itself; choose a name without it.'],
    [['--since', '2026-03-01', '--output', 'x', '--label', 'job=a', '--label', 'job=b'], 'Configuration error: --label: job is given twice (a and b); give each label once.'],
    [['--since', '2026-03-01', '--output', 'x', '--label', '1st=a'], 'Configuration error: --label: "1st" is not a Prometheus label name (a letter or _, then letters, digits and _).'],
    [['--since', '2026-03-01', '--output', 'x', '--label', 'job='], 'Configuration error: --label: job has an empty value, and Prometheus drops a label without a value; give it one or leave it out.'],
    [['--since', '2026-03-01', '--remote-write', 'ftp://x/api/v1/write'], 'Configuration error: --remote-write must be an http:// or https:// URL, such as http://prometheus:9090/api/v1/write (got one starting with ftp:).'],
    [
      ['--since', '2026-03-01', '--remote-write', 'http://u:p@x/api/v1/write'],
      'Configuration error: --remote-write must not hold a user name or password; give them in --remote-write-username and --remote-write-password-file, which are kept out of logs.',
    ],
    [['--since', '2026-03-01', '--remote-write', 'http://x/api/v1/write', '--remote-write-username', 'me'], 'Configuration error: --remote-write-username needs a password: set --remote-write-password-file (or REMOTE_WRITE_PASSWORD).'],
    [
      ['--since', '2026-03-01', '--remote-write', 'http://x/api/v1/write', '--remote-write-header', 'Content-Encoding=gzip'],
      'Configuration error: --remote-write-header: Content-Encoding is set by the exporter, as remote write 1.0 requires; leave it out.',
    ],
    [
      ['--since', '2026-03-01', '--remote-write', 'http://x/api/v1/write', '--remote-write-ca-file', '/nonexistent/ca.pem'],
      'Configuration error: --remote-write-ca-file /nonexistent/ca.pem cannot be read (ENOENT); it must hold the CA certificate(s) of the receiver, in PEM.',
    ],
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

  it('defaults --until to yesterday, and the cache to the output file name with .cache (or copilot-history.cache)', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseBackfillArgs(['--since', '2026-11-01', '--output', 'f'], now)).toEqual({ since: '2026-11-01', until: '2026-11-23', output: 'f', cache: 'f.cache', labels: {}, refetch: false });
    expect(parseBackfillArgs(['--since', '2026-11-01', '--remote-write', 'http://x/api/v1/write'], now, {})).toMatchObject({ cache: 'copilot-history.cache', remoteWrite: { url: 'http://x/api/v1/write', labels: {} } });
  });

  it('takes labels as repeated --label flags or comma-separated pairs, for the file and the remote write alike', () => {
    const args = parseBackfillArgs(['--since', '2026-11-01', '--output', 'f', '--remote-write', 'http://x/api/v1/write', '--label', 'job=github-copilot,instance=exporter:9847', '--label', 'env=prod'], Date.parse('2026-11-24T10:00:00Z'), {});
    expect(args.labels).toEqual({ job: 'github-copilot', instance: 'exporter:9847', env: 'prod' });
    expect(args.remoteWrite?.labels).toEqual(args.labels);
  });

  it('takes the remote write password or token from the environment only to complete what the flags ask for', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    const base = ['--since', '2026-11-01', '--remote-write', 'http://x/api/v1/write'];
    const env = { REMOTE_WRITE_PASSWORD: 'from-the-env-password', REMOTE_WRITE_BEARER_TOKEN: 'from-the-env-token' };
    expect(parseBackfillArgs([...base, '--remote-write-username', 'me'], now, env).remoteWrite?.auth).toEqual({ kind: 'basic', username: 'me', password: { value: 'from-the-env-password' } });
    expect(parseBackfillArgs(base, now, env).remoteWrite?.auth).toEqual({ kind: 'bearer', token: { value: 'from-the-env-token' } });
    expect(parseBackfillArgs(base, now, {}).remoteWrite?.auth).toBeUndefined();
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
    expect(drawn).toMatch(/backfill \[.*\] 2\/4 collector-days \| ETA \S+ \| GitHub API budget left 4989/);
  });
});
