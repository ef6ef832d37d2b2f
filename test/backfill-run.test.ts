/**
 * runBackfill in-process, against the fake GitHub API and a remote write stub on loopback, with the cache
 * and the OpenMetrics file in a temporary directory: what a run fetches, keeps, writes, sends and counts.
 * test/backfill/ runs the real CLI into real Prometheus and VictoriaMetrics.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import SnappyJS from 'snappyjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseBackfillArgs } from '../src/backfill/backfill-args.js';
import { addDays } from '../src/days.js';
import { type BackfillOptions, type BackfillSummary, runBackfill } from '../src/backfill/run-backfill.js';
import { RemoteWriteError } from '../src/remote-write/client.js';
import type { EntityProfile } from './fake-github/entity-profile.js';
import { type FakeGitHub, startFakeGitHub } from './fake-github/server.js';
import { generateDayTotals } from './fake-github/usage-report.js';
import { configFrom } from './helpers/collectors.js';
import { historyByDay } from './helpers/exposition.js';
import { FakeClock, capturingLogger, silentLogger } from './helpers/fakes.js';
import { expectedUsageSamples } from './helpers/usage-oracle.js';

const END = '2026-11-20';
const SINCE = addDays(END, -3);
/** A day after the fake's last report: GitHub answers 204 for each of its collector-days. */
const UNTIL = addDays(END, 1);
const WEB: EntityProfile = { kind: 'org', slug: 'web', id: 8, seats: 20, teams: ['core'] };
/** Collectors with history for an organization by default (teams on): usage, people, repositories. */
const COLLECTOR_DAYS = 3 * 5;
/** After the fake's report days, when parseBackfillArgs lets --until be UNTIL. */
const NOW = Date.parse('2026-11-25T12:00:00Z');

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ entities: [WEB], endDay: END });
});
afterAll(() => fake.close());

const config = (env: Record<string, string> = {}) => configFrom({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'web', ...env });
const newDir = () => mkdtempSync(join(tmpdir(), 'copilot-backfill-run-'));

function options(dir: string, extra: Partial<BackfillOptions> = {}): BackfillOptions {
  return { since: SINCE, until: UNTIL, output: join(dir, 'history.om'), cache: join(dir, 'cache'), labels: {}, stream: progressSink().stream, ...extra };
}

/** A stream that is no terminal, as in CI: the progress lines it receives. */
function progressSink(): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

/** The entity report's series of a day: none of the people (team, user, client version) or repository series. */
const entitySeries = (samples: Map<string, number>) => new Map([...samples].filter(([key]) => !/"(team|user|repository)":|^github_copilot_users_by_/.test(key)));

const apiRequestsSince = (count: number) => fake.requests.slice(count).filter((request) => request.on === 'api');

/** A first run into a new directory, which several tests read or resume. */
let first: { dir: string; summary: BackfillSummary; progress: string[] };
beforeAll(async () => {
  const dir = newDir();
  const progress = progressSink();
  first = { dir, summary: await runBackfill(config(), options(dir, { stream: progress.stream }), silentLogger), progress: progress.lines };
});

describe('runBackfill', () => {
  it('fetches every collector-day of every target, writes them at 00:00 UTC of each day, and lists the days GitHub had no report for', () => {
    const { dir, summary, progress } = first;
    expect(summary).toMatchObject({ fetched: COLLECTOR_DAYS - 3, cached: 0, droppedSeries: 0, failed: [] });
    expect(summary.noReport).toEqual(['usage', 'people', 'repositories'].map((collector) => ({ target: 'org:web', collector, day: UNTIL })));
    const text = readFileSync(join(dir, 'history.om'), 'utf8');
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    const byDay = historyByDay(text);
    expect([...byDay.keys()].sort()).toEqual(Array.from({ length: 4 }, (_, i) => addDays(SINCE, i)));
    for (const [day, samples] of byDay) {
      const entity = entitySeries(samples);
      expect(entity, day).toEqual(expectedUsageSamples(generateDayTotals(WEB, day), { org: 'web' }));
      expect([...samples.keys()].some((key) => key.includes('"team":"core"')), day).toBe(true);
      expect([...samples.keys()].some((key) => key.includes('"repository":')), day).toBe(true);
    }
    expect(summary.file?.samples).toBe([...byDay.values()].reduce((sum, samples) => sum + samples.size, 0));
    // Not a terminal: a line per tenth of the work, the last one at the end.
    expect(progress.at(-1)).toMatch(new RegExp(`^backfill: ${COLLECTOR_DAYS}/${COLLECTOR_DAYS} collector-days, ETA 0s, GitHub API budget left \\d+$`));
    expect(progress.length).toBeLessThanOrEqual(10);
  });

  it('resumes from its cache: asks again only for the days GitHub had no report for, and writes the same file', async () => {
    const { dir } = first;
    const written = readFileSync(join(dir, 'history.om'));
    const before = fake.requests.length;
    const second = await runBackfill(config(), options(dir), silentLogger);

    expect(second).toMatchObject({ fetched: 0, cached: COLLECTOR_DAYS - 3 });
    expect(second.noReport).toHaveLength(3);
    const asked = apiRequestsSince(before);
    expect(asked).toHaveLength(3);
    for (const request of asked) expect(request.path).toContain(`day=${UNTIL}`);
    expect(readFileSync(join(dir, 'history.om')).equals(written)).toBe(true);
  });

  it('leaves out the days GitHub refuses to an optional collector, writes everything else and does not fail; the next run asks for those days again', async () => {
    const dir = newDir();
    const failing = addDays(SINCE, 2);
    fake.addFault({ on: 'api', pathIncludes: `repos-1-day?day=${failing}`, status: 404, body: JSON.stringify({ message: 'Not Found' }) });
    onTestFinished(() => fake.clearFaults());
    const summary = await runBackfill(config(), options(dir), silentLogger);

    expect(summary.fetched).toBe(COLLECTOR_DAYS - 3 - 1);
    expect(summary.failed).toEqual([]);
    expect(summary.refused).toEqual([
      { target: 'org:web', collector: 'repositories', day: failing, reason: 'not_found', message: expect.stringContaining('GitHub answered 404 Not Found'), advice: expect.stringContaining('turn it off with COPILOT_REPOSITORY_METRICS=false') },
    ]);
    const written = historyByDay(readFileSync(join(dir, 'history.om'), 'utf8'));
    expect([...(written.get(failing)?.keys() ?? [])].some((key) => key.includes('"repository":'))).toBe(false);
    expect([...(written.get(failing)?.keys() ?? [])].some((key) => key.includes('"team":'))).toBe(true);

    fake.clearFaults();
    const again = await runBackfill(config(), options(dir), silentLogger);
    expect(again).toMatchObject({ fetched: 1, cached: COLLECTOR_DAYS - 3 - 1, failed: [], refused: [] });
  });

  it('counts any failure of the main report, and transient failures of the others, as failed', async () => {
    const dir = newDir();
    fake.addFault({ on: 'api', pathIncludes: `organization-1-day?day=${SINCE}`, status: 503, body: JSON.stringify({ message: 'Service Unavailable' }) });
    fake.addFault({ on: 'api', pathIncludes: `users-1-day?day=${addDays(SINCE, 1)}`, status: 503, body: JSON.stringify({ message: 'Service Unavailable' }) });
    onTestFinished(() => fake.clearFaults());
    const summary = await runBackfill(config(), options(dir, { retry: { attempts: 1, baseMs: 1, capMs: 1, maxRateLimitWaitMs: 0 } }), silentLogger);
    expect(summary.refused).toEqual([]);
    // The people and repositories days of SINCE read the same 1-day entity report first, which failed too.
    expect(summary.failed.map(({ collector, day, reason }) => `${collector} ${day} ${reason}`).sort()).toEqual([
      `people ${SINCE} server_error`,
      `people ${addDays(SINCE, 1)} server_error`,
      `repositories ${SINCE} server_error`,
      `usage ${SINCE} server_error`,
    ]);
  });
  it('leaves out the series beyond MAX_SERIES_PER_FAMILY of each collector-day, as the live exporter would, and counts them', async () => {
    const full = first.summary;
    const capped = newDir();
    const guarded = await runBackfill(config({ MAX_SERIES_PER_FAMILY: '2' }), options(capped), silentLogger);

    expect(guarded.droppedSeries).toBeGreaterThan(0);
    expect(guarded.file!.samples).toBe(full.file!.samples - guarded.droppedSeries);
    // Three collectors: at most two series of a family from each, each day.
    for (const [day, samples] of historyByDay(readFileSync(join(capped, 'history.om'), 'utf8'))) {
      const perFamily = new Map<string, number>();
      for (const key of samples.keys()) perFamily.set(key.slice(0, key.indexOf('{')), (perFamily.get(key.slice(0, key.indexOf('{'))) ?? 0) + 1);
      for (const [family, count] of perFamily) expect(count, `${family} on ${day}`).toBeLessThanOrEqual(6);
    }
  });
});

describe('runBackfill and provisional days (docs/contract.md §4g)', () => {
  /** 2026-11-22 12:00 UTC: the fake's last two days (2026-11-19 and 2026-11-20) are provisional, the days before settled. */
  const clock = () => new FakeClock(Date.parse('2026-11-22T12:00:00Z'));
  const PROVISIONAL = ['2026-11-19', '2026-11-20'];
  const requested = (since: number, day: string) => apiRequestsSince(since).filter((request) => request.path.includes(`day=${day}`)).length;

  it('caches settled days only: a provisional day is fetched again by every run and written with what GitHub serves then; settled days are not asked again', async () => {
    const dir = newDir();
    const first = await runBackfill(config(), options(dir, { clock: clock() }), silentLogger);
    expect(first.provisional.map(({ collector, day }) => `${collector} ${day}`).sort()).toEqual(PROVISIONAL.flatMap((day) => ['people', 'repositories', 'usage'].map((collector) => `${collector} ${day}`)).sort());
    const before = historyByDay(readFileSync(join(dir, 'history.om'), 'utf8'));

    fake.revise(...PROVISIONAL);
    onTestFinished(() => fake.revise(...PROVISIONAL));
    const requests = fake.requests.length;
    const second = await runBackfill(config(), options(dir, { clock: clock() }), silentLogger);
    expect(second).toMatchObject({ fetched: 6, cached: COLLECTOR_DAYS - 3 - 6 });
    for (const day of [SINCE, addDays(SINCE, 1)]) expect(requested(requests, day), day).toBe(0);
    for (const day of PROVISIONAL) expect(requested(requests, day), day).toBeGreaterThan(0);
    const after = historyByDay(readFileSync(join(dir, 'history.om'), 'utf8'));
    for (const day of [SINCE, addDays(SINCE, 1)]) expect(after.get(day), day).toEqual(before.get(day));
    for (const day of PROVISIONAL) {
      const entity = entitySeries(after.get(day) ?? new Map());
      const revisedRow = (fake.oneDayRows('org', 'web', day)[0]?.day_totals as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
      expect(entity, day).toEqual(expectedUsageSamples(revisedRow, { org: 'web' }));
      expect(after.get(day), day).not.toEqual(before.get(day));
    }
  });

  it('--refetch fetches every day of the range again and replaces the cache: a correction of every day reaches the output', async () => {
    const dir = newDir();
    await runBackfill(config(), options(dir), silentLogger);
    const days = Array.from({ length: 4 }, (_, i) => addDays(SINCE, i));
    fake.revise(...days);
    onTestFinished(() => fake.revise(...days));

    const cachedRun = await runBackfill(config(), options(dir), silentLogger);
    expect(cachedRun.fetched).toBe(0);
    const refetched = await runBackfill(config(), options(dir, { refetch: true }), silentLogger);
    expect(refetched).toMatchObject({ fetched: COLLECTOR_DAYS - 3, cached: 0 });
    const written = historyByDay(readFileSync(join(dir, 'history.om'), 'utf8'));
    for (const day of days) {
      const entity = entitySeries(written.get(day) ?? new Map());
      const corrected = (fake.oneDayRows('org', 'web', day)[0]?.day_totals as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
      expect(entity, day).toEqual(expectedUsageSamples(corrected, { org: 'web' }));
    }
    // The cache now holds the corrected days: a run without --refetch writes them again.
    const after = await runBackfill(config(), options(dir), silentLogger);
    expect(after.fetched).toBe(0);
    expect(historyByDay(readFileSync(join(dir, 'history.om'), 'utf8'))).toEqual(written);
  });
});

describe('runBackfill with remote write', () => {
  /** A receiver on loopback that answers `statuses` in turn (then 204), keeping what it was sent. */
  async function receiver(statuses: number[]) {
    const bodies: Buffer[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const status = statuses[bodies.length] ?? 204;
        bodies.push(Buffer.concat(chunks));
        // Retry-After: 0, so that the retry does not wait.
        response.writeHead(status, status === 503 ? { 'retry-after': '0' } : {}).end(status === 400 ? 'out of bounds' : '');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`, bodies };
  }

  /** The options the CLI makes of these flags: the remote write settings as `--remote-write` gives them. */
  function withRemoteWrite(cache: string, url: string, output?: string): BackfillOptions {
    const flags = ['--since', SINCE, '--until', UNTIL, '--cache', cache, '--remote-write', url, '--label', 'job=github-copilot'];
    return { ...parseBackfillArgs(output ? [...flags, '--output', output] : flags, NOW, {}), stream: progressSink().stream };
  }

  it('sends what the file holds, with the labels, retrying a receiver that is briefly unavailable (and saying so)', async () => {
    const stub = await receiver([503]);
    const { logger, lines } = capturingLogger();
    // From the first run's cache: nothing to fetch but the days GitHub had no report for.
    const summary = await runBackfill(config(), withRemoteWrite(join(first.dir, 'cache'), stub.url, join(newDir(), 'history.om')), logger);

    expect(summary.remote?.samples).toBe(summary.file?.samples);
    expect(stub.bodies).toHaveLength((summary.remote?.requests ?? 0) + 1);
    expect(stub.bodies[0]!.equals(stub.bodies[1]!)).toBe(true);
    for (const body of stub.bodies) expect(Buffer.from(SnappyJS.uncompress(body)).includes('github-copilot')).toBe(true);
    expect(lines.filter((line) => line.includes('remote write failed, retrying'))).toHaveLength(1);
  });

  it('stops with the receiver’s refusal, keeping the days fetched in the cache for the next run', async () => {
    const dir = newDir();
    const refusing = await receiver([400]);
    await expect(runBackfill(config(), withRemoteWrite(join(dir, 'cache'), refusing.url), silentLogger)).rejects.toThrow(RemoteWriteError);
    expect(refusing.bodies).toHaveLength(1);

    const accepting = await receiver([]);
    const before = fake.requests.length;
    const again = await runBackfill(config(), withRemoteWrite(join(dir, 'cache'), accepting.url), silentLogger);
    expect(again).toMatchObject({ fetched: 0, cached: COLLECTOR_DAYS - 3 });
    expect(apiRequestsSince(before)).toHaveLength(3);
    expect(again.remote?.samples).toBeGreaterThan(0);
  });
});
