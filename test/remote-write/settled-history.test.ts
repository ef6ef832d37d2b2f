/**
 * Which days the continuous push writes, and when (remote-write/settled-history.ts, docs/contract.md §4g):
 * settled days only, with the figures GitHub serves once they have settled; the main report's window at
 * once; people and repositories days read again after they settle. The sending itself is day-pusher.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Collected, Collector, CollectorName } from '../../src/collectors/collector.js';
import { ExporterError } from '../../src/errors.js';
import { type MetricDefinition, findDefinition } from '../../src/metrics/definitions.js';
import type { Sample } from '../../src/metrics/sample.js';
import { SelfMetrics } from '../../src/metrics/self-metrics.js';
import { SettledHistory } from '../../src/remote-write/settled-history.js';
import type { Target } from '../../src/targets.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { FakeClock, capturingLogger } from '../helpers/fakes.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const web: Target = { kind: 'org', slug: 'web' };
const at = (iso: string) => Date.parse(iso);
const samples = (value: number): Sample[] => [{ family: users, labels: { org: 'web' }, value }];

/** A collector of the given kind; a day-keyed one (not main) reads past days from `pastDays`, answering in order. */
function collector(name: CollectorName, options: { main?: boolean; perDay?: boolean; pastDays?: Record<string, Array<number | Error>> } = {}) {
  const reads: string[] = [];
  const fake: Collector = {
    name,
    main: options.main ?? false,
    switchedBy: 'X',
    needs: 'y',
    definitions: [],
    enabled: () => true,
    appliesTo: () => true,
    refreshIntervalMs: () => undefined,
    endpoints: () => (options.perDay === false ? [{ endpoint: { template: '/x', path: '/x' } as never }] : [{ endpoint: { template: '/x', path: '/x' } as never, perDay: true }]),
    async collect(_deps, _target, _previous, context) {
      const report = await context.latestReport();
      if (report === 'no-report') return 'unchanged';
      reads.push(report.day);
      const answer = options.pastDays?.[report.day]?.shift();
      if (answer === undefined) return 'unchanged';
      if (answer instanceof Error) throw answer;
      return { token: {}, samples: samples(answer), day: report.day };
    },
  };
  return { collector: fake, reads };
}

function setup(collectors: Collector[], now = at('2026-11-24T12:00:00Z')) {
  const clock = new FakeClock(now);
  const deps = collectorDeps({ apiUrl: 'http://127.0.0.1:9', token: 'ghp_x', clock, config: configFrom({ COPILOT_ORGS: 'web' }) });
  // Past days are read through a poll context whose latest report is that day: answered here without GitHub.
  deps.client.getJson = (async (_endpoint: unknown, query: Record<string, string>) => ({ status: 200, body: { download_links: ['x'], report_day: query.day }, notModified: false })) as never;
  const pushed: string[] = [];
  const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
  const { logger, lines } = capturingLogger();
  const history = new SettledHistory({
    deps,
    pusher: { push: (what, day, daySamples) => pushed.push(`${what} @${day} = ${daySamples.map((sample) => sample.value).join(',')}`) },
    selfMetrics,
    logger,
    targets: [{ target: web, collectors }],
  });
  return { history, pushed, clock, selfMetrics, lines };
}

const collected = (day: string, value: number, pastDays: Array<[string, number]> = []): Collected<unknown> => ({
  token: {},
  samples: samples(value),
  day,
  pastDays: pastDays.map(([past, pastValue]) => ({ day: past, samples: () => samples(pastValue) })),
});

describe('SettledHistory', () => {
  it('writes the main report’s settled days at once, oldest first, and never its provisional ones; a later read writes only what settled since', () => {
    const usage = collector('usage', { main: true, perDay: false });
    // 2026-11-24 12:00: days up to 2026-11-20 are settled, 2026-11-21 and 2026-11-22 provisional.
    const { history, pushed, clock } = setup([usage.collector]);
    history.onCollected(web, usage.collector, collected('2026-11-22', 22, [['2026-11-21', 21], ['2026-11-19', 19], ['2026-11-20', 20]]));
    expect(pushed).toEqual(['org:web usage 2026-11-19 @2026-11-19 = 19', 'org:web usage 2026-11-20 @2026-11-20 = 20']);
    history.onCollected(web, usage.collector, collected('2026-11-22', 22, [['2026-11-19', 19], ['2026-11-20', 20], ['2026-11-21', 21]]));
    expect(pushed).toHaveLength(2);
    clock.time = at('2026-11-25T00:00:00Z');
    history.onCollected(web, usage.collector, collected('2026-11-23', 23, [['2026-11-20', 20], ['2026-11-21', 24], ['2026-11-22', 22]]));
    expect(pushed.slice(2)).toEqual(['org:web usage 2026-11-21 @2026-11-21 = 24']);
  });

  it('writes the same days again after a restart: the same samples', () => {
    const usage = collector('usage', { main: true, perDay: false });
    const runs = [setup([usage.collector]), setup([usage.collector])];
    for (const { history } of runs) history.onCollected(web, usage.collector, collected('2026-11-22', 22, [['2026-11-19', 19], ['2026-11-20', 20]]));
    expect(runs[1]?.pushed).toEqual(runs[0]?.pushed);
  });

  it('reads a people day again once it has settled, after the next poll, and writes what GitHub serves then', async () => {
    const usage = collector('usage', { main: true, perDay: false });
    const people = collector('people', { pastDays: { '2026-11-22': [122] } });
    const { history, pushed, clock } = setup([usage.collector, people.collector]);
    history.onCollected(web, people.collector, collected('2026-11-22', 99));
    await history.afterPoll();
    expect(pushed).toEqual([]);
    expect(people.reads).toEqual([]);
    clock.time = at('2026-11-26T00:00:00Z');
    await history.afterPoll();
    expect(people.reads).toEqual(['2026-11-22']);
    expect(pushed).toEqual(['org:web people 2026-11-22 @2026-11-22 = 122']);
    await history.afterPoll();
    expect(people.reads).toEqual(['2026-11-22']);
  });

  it('waits for the main report’s provisional days in the other day-keyed collectors too (a previous process may have served them)', async () => {
    const usage = collector('usage', { main: true, perDay: false });
    const people = collector('people', { pastDays: { '2026-11-21': [121], '2026-11-22': [122] } });
    const seats = collector('seats', { perDay: false });
    const { history, pushed, clock } = setup([usage.collector, people.collector, seats.collector]);
    history.onCollected(web, usage.collector, collected('2026-11-22', 22, [['2026-11-21', 21], ['2026-11-20', 20]]));
    history.onCollected(web, seats.collector, { token: {}, samples: samples(7) });
    clock.time = at('2026-11-26T01:00:00Z');
    await history.afterPoll();
    expect(people.reads.sort()).toEqual(['2026-11-21', '2026-11-22']);
    expect(pushed.filter((line) => line.includes('people')).sort()).toEqual(['org:web people 2026-11-21 @2026-11-21 = 121', 'org:web people 2026-11-22 @2026-11-22 = 122']);
    expect(pushed.filter((line) => line.includes('seats'))).toEqual([]);
  });

  it('retries a settled day that could not be read, saying so once and counting each failure; a refusal is given up', async () => {
    const unavailable = new ExporterError('GITHUB_SERVER_ERROR', 'GitHub answered 503 Service Unavailable.', { status: 503 });
    const refused = new ExporterError('GITHUB_NOT_FOUND', 'GitHub answered 404 Not Found.', { status: 404 });
    const people = collector('people', { pastDays: { '2026-11-20': [unavailable, unavailable, 120] } });
    const repositories = collector('repositories', { pastDays: { '2026-11-20': [refused] } });
    const { history, pushed, clock, selfMetrics, lines } = setup([people.collector, repositories.collector], at('2026-11-22T12:00:00Z'));
    history.onCollected(web, people.collector, collected('2026-11-20', 1));
    history.onCollected(web, repositories.collector, collected('2026-11-20', 1));
    clock.time = at('2026-11-24T00:00:00Z');
    for (let poll = 0; poll < 4; poll += 1) await history.afterPoll();
    expect(pushed).toEqual(['org:web people 2026-11-20 @2026-11-20 = 120']);
    expect(people.reads).toHaveLength(3);
    expect(repositories.reads).toHaveLength(1);
    const warnings = lines.filter((line) => line.includes('"level":"warn"'));
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toContain('the people report of organization web for 2026-11-20 has settled but could not be read to write it (tried again after the next poll)');
    expect(warnings.join('\n')).toContain('the repositories report of organization web for 2026-11-20 has settled but could not be read to write it (it is not written; backfill --remote-write can write it once GitHub grants the report)');
    const metrics = await selfMetrics.render('text');
    expect(metrics).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="people",reason="server_error"} 2');
    expect(metrics).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="repositories",reason="not_found"} 1');
  });
});
