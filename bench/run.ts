/**
 * `npm run bench`: the exporter against a naive prom-client baseline, measured in the same run, at about
 * 10k, 100k and 500k series (organizations whose every report is there, so that every default collector
 * serves series); beside them the physical limit, a plain Node server writing the same bytes; an
 * enterprise-scale organization (10,000 and 100,000 active users, every user in two of 200 teams)
 * against the floor of reading its users report; then the GitHub API cost of polling 100 targets.
 * Prints the tables and the budgets, and writes bench/results/results.json and bench/results/chart.svg.
 *
 * Every process polls the project's fake GitHub API (synthetic reports with the last two days of the
 * 28, to keep the run short); the exporter runs with its default configuration. Every measured process
 * runs as compiled JavaScript, as the container runs the exporter (tsc into .tmp/bench-dist first), so
 * that no TypeScript loader sits in their memory. Latency is measured by the client to the last byte,
 * over sequential scrapes, by a scraper that costs next to nothing (scrape-client.ts); CPU per scrape
 * and peak RSS are read from /proc of the measured process.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityProfile } from '../test/fake-github/entity-profile.js';
import type { HeavyReport } from '../test/fake-github/heavy-report.js';
import { type FakeGitHub, startFakeGitHub } from '../test/fake-github/server.js';
import { parseExposition, sampleKey, toMap } from '../test/helpers/exposition.js';
import { renderChart } from './chart.js';
import { imageNodeFlags } from './image-node-flags.js';
import { type Scraped, scrape } from './scrape-client.js';
import type { EnterpriseMeasured, Limit, Measured } from './measurements.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
// BENCH_RESULTS, BENCH_SCRAPES and BENCH_SIZES=smoke let a test run the whole bench small and elsewhere.
const RESULTS = process.env.BENCH_RESULTS ? new URL(`file://${process.env.BENCH_RESULTS.replace(/\/?$/, '/')}`) : new URL('./results/', import.meta.url);
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? 50);
const CLOCK_TICKS = 100;
const COMPILED = join(ROOT, '.tmp', 'bench-dist');
// The exporter is measured as the container runs it.
const IMAGE_NODE_FLAGS = imageNodeFlags(join(ROOT, 'Dockerfile'));

const SIZES =
  process.env.BENCH_SIZES === 'smoke'
    ? [
        { name: '1k', targets: 1 },
        { name: '4k', targets: 3 },
      ]
    : [
        { name: '10k', targets: 8 },
        { name: '100k', targets: 75 },
        { name: '500k', targets: 375 },
      ];

// Active users of the enterprise-scale organization; a quarter as many again hold seats without activity.
const ENTERPRISE =
  process.env.BENCH_SIZES === 'smoke'
    ? [
        { users: 200, teams: 20 },
        { users: 1000, teams: 20 },
      ]
    : [
        { users: 10_000, teams: 200 },
        { users: 100_000, teams: 200 },
      ];

interface Running {
  child: ChildProcess;
  url: string;
  lines: string[];
}

/**
 * The scrape cases' organizations, about 1,340 series each with the default collectors: the entity
 * report's, the teams', the repositories', the seats' and the AI credits'. Many targets, as in a large
 * enterprise's organizations, since the self-metrics grow with targets × collectors.
 */
function orgs(count: number): EntityProfile[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'org', slug: `bench-org-${i + 1}`, id: 1000 + i, seats: 200 }));
}

/** Compiles src/ and the bench's child processes into COMPILED (tsc, as the container build does). */
function compile(): void {
  const config = join(ROOT, '.tmp', 'tsconfig.bench.json');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  writeFileSync(config, JSON.stringify({ extends: '../tsconfig.build.json', compilerOptions: { outDir: COMPILED, rootDir: ROOT, sourceMap: false }, include: ['../src', '../bench/baseline.ts', '../bench/floor.ts', '../bench/limit.ts'] }));
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsc failed:\n${run.stdout}${run.stderr}`);
}

function env(fake: FakeGitHub, entities: EntityProfile[], extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_TOKEN: fake.token,
    COPILOT_ORGS: entities.map((entity) => entity.slug).join(','),
    REFRESH_INTERVAL: '3600',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Starts a compiled script (`src/cli.js`, `bench/baseline.js`, …) and resolves once a JSON log line matches. */
function start(args: string[], environment: NodeJS.ProcessEnv, ready: (entry: Record<string, unknown>) => boolean): Promise<Running & { entry: Record<string, unknown> }> {
  const [script, ...rest] = args as [string, ...string[]];
  const flags = script === 'src/cli.js' ? IMAGE_NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, join(COMPILED, script), ...rest], { cwd: ROOT, env: environment, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffer = '';
  let url = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${lines.slice(-5).join('\n')}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += String(chunk);
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (typeof entry.url === 'string') url = entry.url;
        if (ready(entry)) resolve({ child, url, lines, entry });
      }
    });
  });
}

function procStat(pid: number): { cpuSeconds: number; peakRssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuSeconds, peakRssMb: Number(peak?.[1] ?? 0) / 1024 };
}

async function scrapeMetrics(url: string, gzip: boolean): Promise<Scraped> {
  const scraped = await scrape(url, '/metrics', gzip);
  if (scraped.status !== 200) throw new Error(`${url}/metrics answered ${scraped.status}`);
  return scraped;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function scrapes(running: Running, gzip: boolean): Promise<Measured['plain']> {
  await scrapeMetrics(running.url, gzip); // warm-up, not counted
  const pid = running.child.pid as number;
  const before = procStat(pid).cpuSeconds;
  const results: Scraped[] = [];
  for (let i = 0; i < SCRAPES; i += 1) results.push(await scrapeMetrics(running.url, gzip));
  const after = procStat(pid).cpuSeconds;
  const ms = results.map((result) => result.ms);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), bytes: results[0]?.bytes ?? 0, cpuSecondsPerScrape: (after - before) / SCRAPES };
}

async function stop(running: Running): Promise<void> {
  running.child.removeAllListeners('exit');
  running.child.kill('SIGKILL');
  await new Promise((resolve) => running.child.once('exit', resolve));
}

async function measureExporter(fake: FakeGitHub, entities: EntityProfile[]): Promise<{ exporter: Measured; limit: Limit }> {
  let polled: Record<string, unknown> = {};
  let rebuilds = 0;
  const running = await start(['src/cli.js', 'serve'], env(fake, entities), (entry) => {
    if (entry.msg === 'snapshot swapped in') {
      polled = entry;
      rebuilds += 1;
    }
    return entry.msg === 'poll complete';
  });
  // No swap: the exporter serves none of the reports' series.
  const series = Number(polled.series ?? 0);
  const pollSeconds = Number(running.entry.durationMs) / 1000;
  const plain = await scrapes(running, false);
  const gzip = await scrapes(running, true);
  const { peakRssMb } = procStat(running.child.pid as number);
  const limit = await measureLimit(running.url);
  await stop(running);
  return { exporter: { series, pollSeconds, plain, gzip, peakRssMb, rebuilds }, limit };
}

/** The limit: a plain Node server writing the bytes the exporter at `url` serves, scraped by the same client. */
async function measureLimit(url: string): Promise<Limit> {
  const running = await start(['bench/limit.js'], { PATH: process.env.PATH, LIMIT_URL: url }, (entry) => entry.msg === 'limit ready');
  const plain = await scrapes(running, false);
  const gzip = await scrapes(running, true);
  await stop(running);
  return { plainP50: plain.p50, plainP99: plain.p99, gzipP50: gzip.p50, gzipP99: gzip.p99 };
}

async function measureBaseline(fake: FakeGitHub, entities: EntityProfile[]): Promise<Measured> {
  const running = await start(['bench/baseline.js'], env(fake, entities), (entry) => entry.msg === 'baseline ready');
  const plain = await scrapes(running, false);
  const gzip = await scrapes(running, true);
  const { peakRssMb } = procStat(running.child.pid as number);
  await stop(running);
  return { series: Number(running.entry.series), pollSeconds: Number(running.entry.pollMs) / 1000, plain, gzip, peakRssMb };
}

/** GitHub requests of polls of 100 targets: unchanged, then with a new day. */
async function apiEconomy(): Promise<Record<string, number>> {
  const entities = Array.from({ length: process.env.BENCH_SIZES === 'smoke' ? 5 : 100 }, (_, i): EntityProfile => ({ kind: 'org', slug: `economy-${i + 1}`, id: 5000 + i, seats: 20, teams: ['core'] }));
  const fake = await startFakeGitHub({ entities, historyDays: 2 });
  let polls = 0;
  // When each poll completed, by the exporter's clock (the machine's, as the fake's): a request belongs
  // to the poll it arrived before. Counting what had arrived when the log line was read would give the
  // next poll's first requests to this one when it starts at once (a poll longer than the interval).
  const marks: number[] = [];
  const running = await start(['src/cli.js', 'serve'], env(fake, entities, { REFRESH_INTERVAL: '2' }), (entry) => {
    if (entry.msg === 'poll complete') {
      polls += 1;
      marks.push(new Date(entry.time as string).getTime());
    }
    return polls === 2;
  });
  const during = (from: number, to: number) => fake.requests.filter((request) => request.at > from && request.at <= to);
  const firstPoll = during(-Infinity, marks[0] as number);
  const unchanged = during(marks[0] as number, marks[1] as number);
  fake.advanceDay();
  // The readiness callback keeps counting polls: wait for the one that sees the new day.
  while (polls < 3) await new Promise((resolve) => setTimeout(resolve, 50));
  const newDay = during(marks[1] as number, marks[2] as number);
  await stop(running);
  await fake.close();
  const api = (list: typeof unchanged) => list.filter((request) => request.on === 'api');
  const counted = (list: typeof unchanged) => api(list).filter((request) => request.status !== 304).length;
  const seatReads = api(firstPoll).filter((request) => request.path.includes('/copilot/billing')).length;
  const targets = entities.length;
  const perDayRequests = 23 * api(unchanged).length + api(newDay).length + 4 * seatReads;
  return {
    targets,
    unchangedPollRequests: api(unchanged).length,
    unchangedPoll304s: api(unchanged).filter((request) => request.status === 304).length,
    unchangedPollDownloads: unchanged.filter((request) => request.on === 'download').length,
    newDayPollRequests: api(newDay).length,
    newDayPollDownloads: newDay.filter((request) => request.on === 'download').length,
    seatReadRequests: seatReads,
    requestsPerDay: perDayRequests,
    // 304 answers do not count against the primary rate limit; the first answers of the day do.
    rateLimitBudgetPerDay: 23 * counted(unchanged) + counted(newDay) + 4 * seatReads,
  };
}

/** The floor: a child process downloads the users report from the same link the exporter gets and parses every line. */
async function measureFloor(fake: FakeGitHub, slug: string, users: number): Promise<{ seconds: number; peakRssMb: number }> {
  const answer = await fetch(`${fake.apiUrl}/orgs/${slug}/copilot/metrics/reports/users-1-day?day=${fake.endDay}`, { headers: { authorization: `Bearer ${fake.token}` } });
  const [link] = ((await answer.json()) as { download_links: string[] }).download_links;
  const running = await start(['bench/floor.js'], { PATH: process.env.PATH, FLOOR_URL: link }, (entry) => entry.msg === 'floor done');
  const { peakRssMb } = procStat(running.child.pid as number);
  await stop(running);
  if (running.entry.rows !== users) throw new Error(`the floor parsed ${String(running.entry.rows)} rows of ${users}`);
  return { seconds: Number(running.entry.ms) / 1000, peakRssMb };
}

/** Teams whose daily active users and activity counters on /metrics are what the fake's rows add up to. */
function correctTeams(values: Map<string, number>, slug: string, heavy: HeavyReport): number {
  return Object.entries(heavy.teams).filter(([team, expected]) =>
    // docs/contract.md §4a: a field's trailing _count or _sum is dropped from its series name.
    Object.entries(expected).every(([field, value]) => values.get(sampleKey(`github_copilot_${field.replace(/_(count|sum)$/, '')}`, { org: slug, team })) === value),
  ).length;
}

/**
 * The exporter, default configuration, on the enterprise-scale organization: how long after the users
 * report's download begins (its request reaching the fake, whose clock is the exporter's) the team
 * series are served, and whether they are right.
 *
 * "Served" is the swap of a snapshot that holds them: each 'snapshot swapped in' line carries the time
 * of the swap, and /metrics is scraped after each such line until a scrape holds a team series, which
 * dates them to that swap. Scraping only after swaps keeps the measurement off the exporter while it
 * streams (the swaps before the team series are small); a swap is logged after it happens, so a scrape
 * can be ahead of its line only when two swaps come within the time a log line takes to arrive.
 */
async function measureTeamsServed(fake: FakeGitHub, entity: EntityProfile, heavy: HeavyReport): Promise<Pick<EnterpriseMeasured, 'exporterSeconds' | 'exporterPeakRssMb' | 'teamsCorrect' | 'correct' | 'failure'>> {
  const { slug } = entity;
  const teamCount = Object.keys(heavy.teams).length;
  const someTeam = sampleKey('github_copilot_daily_active_users', { org: slug, team: Object.keys(heavy.teams)[0] as string });
  const firstRequest = fake.requests.length;
  let url = '';
  let checks = Promise.resolve();
  let served: { at: number; values: Map<string, number> } | undefined;
  const running = await start(['src/cli.js', 'serve'], env(fake, [entity]), (entry) => {
    if (typeof entry.url === 'string') url = entry.url;
    if (entry.msg === 'snapshot swapped in') {
      const at = new Date(entry.time as string).getTime();
      checks = checks.then(async () => {
        if (served) return;
        const values = toMap(parseExposition(await (await fetch(`${url}/metrics`)).text()));
        if (values.has(someTeam)) served = { at, values };
      });
    }
    return entry.msg === 'poll complete';
  }).catch((error: unknown) => new Error(`the exporter died: ${String(error).split('\n')[0]}`));
  if (running instanceof Error) return { exporterSeconds: null, exporterPeakRssMb: null, teamsCorrect: 0, correct: false, failure: running.message };
  await checks;
  const { peakRssMb } = procStat(running.child.pid as number);
  await stop(running);
  const download = fake.requests.slice(firstRequest).find((request) => request.on === 'download' && request.path.startsWith(`/reports/org/${slug}/users/`));
  if (!served || !download) return { exporterSeconds: null, exporterPeakRssMb: peakRssMb, teamsCorrect: 0, correct: false, failure: 'no team series after the first poll' };
  const teamsCorrect = correctTeams(served.values, slug, heavy);
  const teamsServed = [...served.values.keys()].filter((key) => key.startsWith('github_copilot_daily_active_users{') && key.includes('"team":')).length;
  return { exporterSeconds: (served.at - download.at) / 1000, exporterPeakRssMb: peakRssMb, teamsCorrect, correct: teamsCorrect === teamCount && teamsServed === teamCount };
}

/** One enterprise-scale organization: its reports written to a scratch directory (deleted after), the floor, then the exporter. */
async function measureEnterprise(size: { users: number; teams: number }): Promise<EnterpriseMeasured> {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-bench-reports-'));
  // About 8.3 KB a users row and 300 B of memberships a seat holder; with room to spare.
  const needed = size.users * 10_000;
  const { bavail, bsize } = statfsSync(dir);
  if (bavail * bsize < needed) throw new Error(`${dir} has ${((bavail * bsize) / 1e9).toFixed(1)} GB free; the reports of ${size.users} users need ${(needed / 1e9).toFixed(1)} GB`);
  const slug = 'enterprise-scale';
  const entity: EntityProfile = { kind: 'org', slug, id: 9000, seats: Math.round(size.users * 1.25), heavyUsers: { count: size.users, teams: size.teams } };
  try {
    const fake = await startFakeGitHub({ entities: [entity], historyDays: 2, linksPerReport: 1, heavyDir: dir });
    try {
      const heavy = await fake.heavyReport('org', slug, fake.endDay);
      const floor = await measureFloor(fake, slug, size.users);
      const exporter = await measureTeamsServed(fake, entity, heavy);
      return { users: size.users, teams: Object.keys(heavy.teams).length, reportBytes: heavy.users.bytes, floorSeconds: floor.seconds, floorPeakRssMb: floor.peakRssMb, ...exporter };
    } finally {
      await fake.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(value: number, digits = 1): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}

async function main(): Promise<void> {
  const started = Date.now();
  // Other work on the machine distorts timings (ratios within one run less so): the load is recorded with them.
  const loadAtStart = loadavg()[0] as number;
  compile();
  const rows: Array<{ size: string; exporter: Measured; baseline: Measured; limit: Limit }> = [];
  for (const size of SIZES) {
    const entities = orgs(size.targets);
    const fake = await startFakeGitHub({ entities, historyDays: 2, linksPerReport: 1 });
    const { exporter, limit } = await measureExporter(fake, entities);
    const baseline = await measureBaseline(fake, entities);
    await fake.close();
    rows.push({ size: size.name, exporter, baseline, limit });
    console.error(`measured ${size.name}: ${exporter.series} series`);
  }
  const enterprise: EnterpriseMeasured[] = [];
  for (const size of ENTERPRISE) {
    enterprise.push(await measureEnterprise(size));
    console.error(`measured ${size.users} users`);
  }
  const economy = await apiEconomy();

  const table = [
    '| series | poll s (exporter / baseline) | rebuilds | /metrics p50 ms | p99 ms | gzip p50 ms | gzip p99 ms | limit p50 ms (plain / gzip) | bytes (plain / gzip) | CPU ms per scrape | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ exporter: e, baseline: b, limit }) =>
      [
        e.series,
        `${fmt(e.pollSeconds, 2)} / ${fmt(b.pollSeconds, 2)}`,
        e.rebuilds ?? '—',
        `${fmt(e.plain.p50, 2)} / ${fmt(b.plain.p50)}`,
        `${fmt(e.plain.p99, 2)} / ${fmt(b.plain.p99)}`,
        `${fmt(e.gzip.p50, 2)} / ${fmt(b.gzip.p50)}`,
        `${fmt(e.gzip.p99, 2)} / ${fmt(b.gzip.p99)}`,
        `${fmt(limit.plainP50, 2)} / ${fmt(limit.gzipP50, 2)}`,
        `${(e.plain.bytes / 1e6).toFixed(1)} MB / ${(e.gzip.bytes / 1e6).toFixed(2)} MB`,
        `${fmt(e.plain.cpuSecondsPerScrape * 1000, 2)} / ${fmt(b.plain.cpuSecondsPerScrape * 1000)}`,
        `${fmt(e.peakRssMb)} / ${fmt(b.peakRssMb)}`,
      ].join(' | '),
    ).map((line) => `| ${line} |`),
  ].join('\n');
  const enterpriseTable = [
    '| active users | users report | teams | users report → team series s (exporter / floor) | peak RSS MiB (exporter / floor) | team series |',
    '|---|---|---|---|---|---|',
    ...enterprise.map((e) =>
      [
        e.users,
        `${(e.reportBytes / 1e6).toFixed(0)} MB`,
        e.teams,
        `${e.exporterSeconds === null ? '—' : fmt(e.exporterSeconds, 2)} / ${fmt(e.floorSeconds, 2)}`,
        `${e.exporterPeakRssMb === null ? '—' : fmt(e.exporterPeakRssMb)} / ${fmt(e.floorPeakRssMb)}`,
        e.failure ?? (e.correct ? 'correct' : `WRONG (${e.teamsCorrect} of ${e.teams} teams right)`),
      ].join(' | '),
    ).map((line) => `| ${line} |`),
  ].join('\n');
  const largest = rows.at(-1) as (typeof rows)[number];
  const tenth = rows.at(-2) ?? largest;
  const scale = enterprise.at(-1) as EnterpriseMeasured;
  const users = `${scale.users / 1000}k users`;
  const percent = (value: number) => `${(value * 100).toFixed(2)} %`;
  const yes = (value: boolean) => ({ value: value ? 1 : 0, limit: 1, exact: true, shown: value ? 'yes' : 'no' });
  const sizeOf = (row: (typeof rows)[number]) => `${Math.round(row.exporter.series / 1000)}k`;
  const size = sizeOf(largest);
  const ratios = {
    p50: largest.exporter.plain.p50 / largest.baseline.plain.p50,
    p99: largest.exporter.plain.p99 / largest.baseline.plain.p99,
    gzipP50: largest.exporter.gzip.p50 / largest.baseline.gzip.p50,
    gzipP99: largest.exporter.gzip.p99 / largest.baseline.gzip.p99,
    peakRss: largest.exporter.peakRssMb / largest.baseline.peakRssMb,
    peakRssTenth: tenth.exporter.peakRssMb / tenth.baseline.peakRssMb,
    // How far the exporter's scrape is from a plain server writing the same bytes (1 is the limit).
    overLimitPlain: largest.exporter.plain.p50 / largest.limit.plainP50,
    overLimitGzip: largest.exporter.gzip.p50 / largest.limit.gzipP50,
  };
  // A time or peak RSS that was never measured (the team series never came) misses its budget.
  const teamsRatio = (scale.exporterSeconds ?? Infinity) / scale.floorSeconds;
  const measured = (value: number, shown: string) => (Number.isFinite(value) ? shown : 'not measured');
  const budgets = [
    { budget: `gzip /metrics p50 at ${size} ≤ 0.5 % of the baseline`, value: ratios.gzipP50, limit: 0.005, shown: percent(ratios.gzipP50) },
    { budget: `/metrics p50 at ${size} ≤ 2 % of the baseline`, value: ratios.p50, limit: 0.02, shown: percent(ratios.p50) },
    { budget: `/metrics p99 at ${size} ≤ 5 % of the baseline (plain and gzip)`, value: Math.max(ratios.p99, ratios.gzipP99), limit: 0.05, shown: `${percent(ratios.p99)} and ${percent(ratios.gzipP99)}` },
    { budget: `peak RSS at ${size} ≤ 20 % of the baseline`, value: ratios.peakRss, limit: 0.2, shown: percent(ratios.peakRss) },
    { budget: `peak RSS at ${sizeOf(tenth)} ≤ 40 % of the baseline`, value: ratios.peakRssTenth, limit: 0.4, shown: percent(ratios.peakRssTenth) },
    { budget: 'the exporter serves the baseline\'s series (series = baseline)', ...yes(rows.every((row) => row.exporter.series === row.baseline.series)) },
    { budget: `team series at ${users} correct`, ...yes(scale.correct) },
    { budget: `users report → team series at ${users} ≤ 1.5 × the floor`, value: teamsRatio, limit: 1.5, shown: measured(teamsRatio, `${teamsRatio.toFixed(2)} ×`) },
    { budget: `exporter peak RSS at ${users} ≤ 256 MiB`, value: scale.exporterPeakRssMb ?? Infinity, limit: 256, shown: measured(scale.exporterPeakRssMb ?? Infinity, `${fmt(scale.exporterPeakRssMb ?? 0)} MiB`) },
    { budget: 'unchanged poll: requests = targets, no download', ...yes(economy.unchangedPollRequests === economy.targets && economy.unchangedPollDownloads === 0) },
  ].map((entry) => ({ ...entry, met: 'exact' in entry ? entry.value === entry.limit : entry.value <= entry.limit }));

  const summary = [
    'Exporter / naive prom-client baseline, same run, same fake GitHub API:',
    '',
    table,
    '',
    `Ratios at ${largest.exporter.series} series, exporter / baseline: p50 ${percent(ratios.p50)}, p99 ${percent(ratios.p99)}, gzip p50 ${percent(ratios.gzipP50)}, gzip p99 ${percent(ratios.gzipP99)}, peak RSS ${percent(ratios.peakRss)} (${percent(ratios.peakRssTenth)} at ${tenth.exporter.series} series).`,
    `The limit, a plain Node server writing the same bytes to the same client: p50 ${fmt(largest.limit.plainP50, 2)} ms plain, ${fmt(largest.limit.gzipP50, 2)} ms gzip; the exporter's scrape is ${ratios.overLimitPlain.toFixed(2)} × that plain and ${ratios.overLimitGzip.toFixed(2)} × gzip. Rebuilds: snapshots swapped in during the first poll, in which every target changes.`,
    '',
    'Enterprise scale: one organization whose users report is one file of about 8 KB a user, every seat holder in two teams. The exporter (default configuration) from the users report download reaching GitHub to the team series served, against the floor: a plain Node download of the same file and JSON.parse of every line.',
    '',
    enterpriseTable,
    '',
    `GitHub API, ${economy.targets} targets: an unchanged poll makes ${economy.unchangedPollRequests} requests (${economy.unchangedPoll304s} answered 304) and ${economy.unchangedPollDownloads} downloads; a poll with a new day makes ${economy.newDayPollRequests} requests (report links, the users and user-teams reports for teams, and the repos-1-day report) and ${economy.newDayPollDownloads} downloads; seats take ${economy.seatReadRequests} requests every 6 hours.`,
    `A day at the default hourly interval: ${economy.requestsPerDay} requests, of which at most ${economy.rateLimitBudgetPerDay} count against the rate limit (5,000 an hour for a token).`,
    '',
    'Budgets:',
    ...budgets.map((entry) => `  ${entry.met ? 'met    ' : 'MISSED '} ${entry.budget} (${entry.shown})`),
    '',
    `Scrapes per measurement: ${SCRAPES}. Total time: ${((Date.now() - started) / 1000).toFixed(0)} s. Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] as number).toFixed(1)} at the end.`,
  ].join('\n');
  console.log(summary);

  mkdirSync(RESULTS, { recursive: true });
  const results = { date: new Date().toISOString().slice(0, 10), node: process.version, scrapes: SCRAPES, loadAverage: { start: loadAtStart, end: loadavg()[0] }, rows, ratios, enterprise, economy, budgets, table, enterpriseTable, summary };
  writeFileSync(new URL('results.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('chart.svg', RESULTS), renderChart(rows));
  // The smoke run proves the bench works; its tiny sizes say nothing about the budgets.
  if (budgets.some((entry) => !entry.met) && process.env.BENCH_SIZES !== 'smoke') process.exitCode = 1;
}

await main();
