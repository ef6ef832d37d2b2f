import { describe, expect, it } from 'vitest';
import type { Attempt, Collected, Collector, CollectorName } from '../src/collectors/collector.js';
import { ExporterError } from '../src/errors.js';
import { findDefinition, type MetricDefinition } from '../src/metrics/definitions.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { SnapshotStore, snapshotText } from '../src/metrics/snapshot.js';
import { Poller, type PollerOptions } from '../src/poller.js';
import { scopeLabels, targetKey, type Target } from '../src/targets.js';
import { configFrom } from './helpers/collectors.js';
import { capturingLogger, silentLogger } from './helpers/fakes.js';

const text = (store: SnapshotStore) => snapshotText(store.current());
const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const byIde = findDefinition('github_copilot_loc_added_by_ide') as MetricDefinition;
const targets: Target[] = [
  { kind: 'enterprise', slug: 'ent' },
  { kind: 'org', slug: 'web' },
];
const [ent, web] = targets as [Target, Target];

type Token = { key: string };
type Answer = Attempt<Token> | Error | (() => Promise<Attempt<Token>>);

/** A collector whose answers are scripted per target and attempt, recording the token it was given. */
function scripted(name: CollectorName, script: Record<string, Answer[]>, options: { main?: boolean; refreshIntervalMs?: number } = {}) {
  const calls: Array<{ target: string; previous?: string }> = [];
  const collector: Collector<Token> = {
    name,
    main: options.main ?? name === 'usage',
    switchedBy: `SWITCH_${name.toUpperCase()}`,
    needs: `the ${name} permission`,
    definitions: [],
    enabled: () => true,
    appliesTo: () => true,
    refreshIntervalMs: () => options.refreshIntervalMs,
    endpoints: () => [],
    async collect(_deps, target, previous) {
      calls.push({ target: targetKey(target), ...(previous ? { previous: previous.key } : {}) });
      const answer = script[targetKey(target)]?.shift();
      if (!answer) throw new Error('script ran out');
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer() : answer;
    },
  };
  return { collector: collector as Collector, calls };
}

function data(target: Target, key: string, dau: number, ides: string[] = []): Attempt<Token> {
  const scope = scopeLabels(target);
  return {
    token: { key },
    samples: [{ family: users, labels: scope, value: dau }, ...ides.map((ide) => ({ family: byIde, labels: { ...scope, ide }, value: 1 }))],
  };
}

function setup(collectors: Collector[], logger = silentLogger, extra: Partial<PollerOptions> = {}) {
  const store = new SnapshotStore();
  const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
  const config = configFrom();
  const poller = new Poller({
    targets: targets.map((target) => ({ target, collectors })),
    deps: { config } as never,
    pollContext: () => ({ latestReport: async () => 'no-report' }),
    store,
    selfMetrics,
    logger,
    intervalMs: 60_000,
    concurrency: 2,
    ...extra,
  });
  return { store, selfMetrics, poller };
}

const forbidden = new ExporterError('GITHUB_FORBIDDEN', 'GitHub refused access with 403 Forbidden (GET x).', { status: 403, endpoint: '/orgs/{org}/x' });
const notFound = new ExporterError('GITHUB_NOT_FOUND', 'GitHub answered 404 Not Found (GET y).', { status: 404, endpoint: '/orgs/{org}/y' });

describe('Poller', () => {
  it('keeps collectors apart: a failing optional collector keeps its series and never sets target_up 0', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5), data(ent, 'd2', 6)], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    const seats = scripted('seats', {
      'enterprise:ent': [{ token: { key: 's1' }, samples: [{ family: byIde, labels: { enterprise: 'ent', ide: 'seat-part' }, value: 9 }] }, forbidden],
      'org:web': [{ token: { key: 's1' }, samples: [] }, { token: { key: 's2' }, samples: [] }],
    });
    const { store, selfMetrics, poller } = setup([usage.collector, seats.collector]);
    await poller.pollOnce();
    await poller.pollOnce();
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 6\n');
    expect(text(store)).toContain('github_copilot_loc_added_by_ide{enterprise="ent",ide="seat-part"} 9\n');
    const self = await selfMetrics.render('text');
    expect(self).toContain('github_copilot_exporter_target_up{enterprise="ent"} 1\n');
    expect(self).toContain('github_copilot_exporter_collector_success{enterprise="ent",collector="seats"} 0\n');
    expect(self).toContain('github_copilot_exporter_collector_success{enterprise="ent",collector="usage"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",collector="seats",reason="forbidden"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",collector="usage",reason="forbidden"} 0\n');
    expect(self).toContain('github_copilot_exporter_target_up{org="web"} 1\n');
  });

  it('sets target_up 0 when the main report fails, keeping its last good values, while the other target moves on', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5), forbidden], 'org:web': [data(web, 'd1', 3), data(web, 'd2', 4)] });
    const { store, selfMetrics, poller } = setup([usage.collector]);
    await poller.pollOnce();
    await poller.pollOnce();
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
    expect(text(store)).toContain('github_copilot_daily_active_users{org="web"} 4\n');
    const self = await selfMetrics.render('text');
    expect(self).toContain('github_copilot_exporter_target_up{enterprise="ent"} 0\n');
    expect(self).toContain('github_copilot_exporter_target_up{org="web"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",collector="usage",reason="forbidden"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="usage",reason="forbidden"} 0\n');
  });

  it('gives each collector its own token: a failing collector never makes another download again', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5), 'unchanged', 'unchanged'], 'org:web': [data(web, 'd1', 3), 'unchanged', 'unchanged'] });
    const people = scripted('people', { 'enterprise:ent': [notFound, notFound, data(ent, 'p1', 2)], 'org:web': [data(web, 'p1', 1), 'unchanged', 'unchanged'] });
    const { selfMetrics, poller } = setup([usage.collector, people.collector]);
    for (let poll = 0; poll < 3; poll += 1) await poller.pollOnce();
    expect(usage.calls.filter((call) => call.target === 'enterprise:ent')).toEqual([{ target: 'enterprise:ent' }, { target: 'enterprise:ent', previous: 'd1' }, { target: 'enterprise:ent', previous: 'd1' }]);
    // The failing collector is asked again at every poll, without a token until it has data.
    expect(people.calls.filter((call) => call.target === 'enterprise:ent')).toEqual([{ target: 'enterprise:ent' }, { target: 'enterprise:ent' }, { target: 'enterprise:ent' }]);
    const self = await selfMetrics.render('text');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",collector="people",reason="not_found"} 2\n');
    expect(self).toContain('github_copilot_exporter_collector_success{enterprise="ent",collector="people"} 1\n');
  });

  it('asks a collector with a refresh interval again only once it has passed, but retries a failure at the next poll', async () => {
    const usage = scripted('usage', { 'enterprise:ent': ['unchanged', 'unchanged', 'unchanged'], 'org:web': ['unchanged', 'unchanged', 'unchanged'] });
    const seats = scripted('seats', { 'enterprise:ent': [data(ent, 's1', 1)], 'org:web': [forbidden, data(web, 's1', 1)] }, { refreshIntervalMs: 3_600_000 });
    const { poller } = setup([usage.collector, seats.collector]);
    for (let poll = 0; poll < 3; poll += 1) await poller.pollOnce();
    expect(seats.calls).toEqual([{ target: 'enterprise:ent' }, { target: 'org:web' }, { target: 'org:web' }]);
  });

  it('serves a collector’s new series without waiting for a slow collector of the same poll', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<Attempt<Token>>((resolve) => {
      release = () => resolve(data(ent, 'p1', 7, ['slow']));
    });
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    const people = scripted('people', { 'enterprise:ent': [() => slow], 'org:web': ['unchanged'] });
    const { store, selfMetrics, poller } = setup([usage.collector, people.collector]);
    const polling = poller.pollOnce();
    await expect.poll(() => text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_target_up{enterprise="ent"} 1\n');
    expect(poller.isReady()).toBe(false);
    release();
    await polling;
    expect(text(store)).toContain('ide="slow"');
    expect(poller.isReady()).toBe(true);
  });

  it('reports a collector up only once its new series are served', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    const { store, selfMetrics, poller } = setup([usage.collector]);
    const servedWhenRecorded: string[] = [];
    const record = selfMetrics.recordCollector.bind(selfMetrics);
    selfMetrics.recordCollector = (scope, collector, main, outcome) => {
      servedWhenRecorded.push(`${JSON.stringify(scope)} ${text(store)}`);
      record(scope, collector, main, outcome);
    };
    await poller.pollOnce();
    expect(servedWhenRecorded).toHaveLength(2);
    expect(servedWhenRecorded.find((entry) => entry.startsWith('{"enterprise"'))).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
    expect(servedWhenRecorded.find((entry) => entry.startsWith('{"org"'))).toContain('github_copilot_daily_active_users{org="web"} 3\n');
  });

  it('hands what a collector read to onCollected once it is served; unchanged and failed attempts hand nothing', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [{ ...(data(ent, 'd1', 5) as Collected<Token>), day: '2026-11-20' }, 'unchanged'], 'org:web': [new Error('boom'), { ...(data(web, 'd2', 3) as Collected<Token>), day: '2026-11-21' }] });
    const handed: string[] = [];
    const { store, poller } = setup([usage.collector], silentLogger, {
      onCollected: (target, collector, { samples, day }) => handed.push(`${targetKey(target)} ${collector.name} ${day} ${samples.map((sample) => sample.value).join(',')} served:${text(store).includes(`${samples[0]?.value}\n`)}`),
    });
    await poller.pollOnce();
    await poller.pollOnce();
    expect(handed).toEqual(['enterprise:ent usage 2026-11-20 5 served:true', 'org:web usage 2026-11-21 3 served:true']);
  });

  it('serves, counts and says a revision: the same day read again with other figures; a re-read with the same figures changes nothing', async () => {
    const day = (target: Target, key: string, dau: number, on: string) => ({ ...(data(target, key, dau, ['vscode']) as Collected<Token>), day: on });
    const usage = scripted('usage', {
      'enterprise:ent': [day(ent, 'r1', 5, '2026-11-20'), day(ent, 'r2', 5, '2026-11-20'), day(ent, 'r3', 7, '2026-11-20'), day(ent, 'r4', 8, '2026-11-21')],
      'org:web': [day(web, 'r1', 3, '2026-11-20'), 'unchanged', 'unchanged', 'unchanged'],
    });
    const { logger, lines } = capturingLogger();
    const handed: string[] = [];
    const { store, selfMetrics, poller } = setup([usage.collector], logger, { onCollected: (target, _collector, collected) => handed.push(`${targetKey(target)} ${collected.day}`) });
    const revisions = async () => (await selfMetrics.render('text')).split('\n').filter((line) => line.startsWith('github_copilot_exporter_report_revisions_total'));
    expect(await revisions()).toEqual(['github_copilot_exporter_report_revisions_total{enterprise="ent",collector="usage"} 0', 'github_copilot_exporter_report_revisions_total{org="web",collector="usage"} 0']);

    await poller.pollOnce();
    const first = store.current();
    await poller.pollOnce();
    // The same figures read again: nothing rebuilt, nothing counted, the token moved on.
    expect(store.current()).toBe(first);
    expect(usage.calls.at(-2)).toEqual({ target: 'enterprise:ent', previous: 'r1' });
    expect(await revisions()).toContain('github_copilot_exporter_report_revisions_total{enterprise="ent",collector="usage"} 0');
    await poller.pollOnce();
    expect(usage.calls.at(-2)).toEqual({ target: 'enterprise:ent', previous: 'r2' });
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 7\n');
    expect(await revisions()).toContain('github_copilot_exporter_report_revisions_total{enterprise="ent",collector="usage"} 1');
    expect(lines.filter((line) => line.includes('GitHub revised'))).toEqual([expect.stringContaining('GitHub revised 2026-11-20 (provisional until it settles): the usage series of enterprise ent now show its new figures')]);
    // A new day is new data, not a revision.
    await poller.pollOnce();
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 8\n');
    expect(await revisions()).toContain('github_copilot_exporter_report_revisions_total{enterprise="ent",collector="usage"} 1');
    expect(handed).toEqual(['enterprise:ent 2026-11-20', 'org:web 2026-11-20', 'enterprise:ent 2026-11-20', 'enterprise:ent 2026-11-20', 'enterprise:ent 2026-11-21']);
  });

  it('tells a revision from a re-read by the figures, not by the order GitHub lists them in', async () => {
    const reordered = (order: string[]) => ({ ...(data(ent, order.join(), 5, order) as Collected<Token>), day: '2026-11-20' });
    const usage = scripted('usage', { 'enterprise:ent': [reordered(['vscode', 'jetbrains']), reordered(['jetbrains', 'vscode'])], 'org:web': ['unchanged', 'unchanged'] });
    const { store, selfMetrics, poller } = setup([usage.collector]);
    await poller.pollOnce();
    const first = store.current();
    await poller.pollOnce();
    expect(store.current()).toBe(first);
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_report_revisions_total{enterprise="ent",collector="usage"} 0');
  });

  it('calls afterPoll once each poll has ended', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5), 'unchanged'], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    const ended: number[] = [];
    const { poller } = setup([usage.collector], silentLogger, { afterPoll: () => ended.push(usage.calls.length) });
    await poller.pollOnce();
    await poller.pollOnce();
    expect(ended).toEqual([2, 4]);
  });

  it('removes series that vanished from the latest day', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5, ['vscode', 'jetbrains']), data(ent, 'd2', 6, ['vscode'])], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    const { store, poller } = setup([usage.collector]);
    await poller.pollOnce();
    expect(text(store)).toContain('ide="jetbrains"');
    await poller.pollOnce();
    expect(text(store)).not.toContain('ide="jetbrains"');
    expect(text(store)).toContain('github_copilot_loc_added_by_ide{enterprise="ent",ide="vscode"} 1\n');
  });

  it('keeps the snapshot when nothing changed', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5), 'unchanged'], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    const { store, poller } = setup([usage.collector]);
    await poller.pollOnce();
    const before = store.current();
    await poller.pollOnce();
    expect(store.current()).toBe(before);
  });

  it('never runs two polls at once', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    const { poller } = setup([usage.collector]);
    const first = poller.pollOnce();
    const second = poller.pollOnce();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(usage.calls).toHaveLength(2);
  });

  it('is ready after the first poll even when a target failed', async () => {
    const usage = scripted('usage', { 'enterprise:ent': [forbidden], 'org:web': [data(web, 'd1', 3)] });
    const { poller, selfMetrics } = setup([usage.collector]);
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_target_up{enterprise="ent"} 0\n');
    await poller.pollOnce();
    expect(poller.isReady()).toBe(true);
  });

  it('logs a main report failure at every poll, an optional one once per change with what it needs, and an unexpected error as a bug', async () => {
    const { logger, lines } = capturingLogger([], 'info');
    const usage = scripted('usage', { 'enterprise:ent': [forbidden, forbidden, forbidden], 'org:web': [new TypeError('x is undefined'), 'unchanged', 'unchanged'] });
    const seats = scripted('seats', { 'enterprise:ent': [notFound, notFound, 'unchanged'], 'org:web': ['unchanged', 'unchanged', 'unchanged'] });
    const { poller, selfMetrics } = setup([usage.collector, seats.collector], logger);
    for (let poll = 0; poll < 3; poll += 1) await poller.pollOnce();
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.target !== undefined && entry.level !== 'debug');
    const of = (target: string, collector: string) => entries.filter((entry) => entry.target === target && entry.collector === collector).map((entry) => ({ level: entry.level, msg: entry.msg }));
    expect(of('enterprise:ent', 'usage')).toEqual(
      Array.from({ length: 3 }, () => ({ level: 'warn', msg: 'the usage collector of enterprise ent failed: GitHub refused access with 403 Forbidden (GET x).' })),
    );
    expect(of('enterprise:ent', 'seats')).toEqual([
      {
        level: 'warn',
        msg: 'the seats collector of enterprise ent failed: GitHub answered 404 Not Found (GET y). This collector needs the seats permission; turn it off with SWITCH_SEATS=false if that is intended. Its last good series stay exposed; the rest of the target is not affected.',
      },
      { level: 'info', msg: 'the seats collector of enterprise ent works again' },
    ]);
    expect(of('org:web', 'usage')[0]).toMatchObject({ level: 'error' });
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="usage",reason="invalid_response"} 1\n');
  });

  it('says a token GitHub does not accept once per target and poll: the main report warns, the optional collectors of that target say nothing more', async () => {
    const { logger, lines } = capturingLogger([], 'info');
    const unauthorized = () => new ExporterError('GITHUB_UNAUTHORIZED', 'GitHub answered 401 Unauthorized (GET z).', { status: 401, endpoint: '/orgs/{org}/z' });
    const usage = scripted('usage', { 'enterprise:ent': [unauthorized(), unauthorized()], 'org:web': [unauthorized(), unauthorized()] });
    const people = scripted('people', { 'enterprise:ent': [unauthorized(), unauthorized()], 'org:web': [unauthorized(), unauthorized()] });
    const seats = scripted('seats', { 'enterprise:ent': [unauthorized(), unauthorized()], 'org:web': [unauthorized(), unauthorized()] });
    const { poller, selfMetrics } = setup([usage.collector, people.collector, seats.collector], logger);
    await poller.pollOnce();
    const warnings = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.level === 'warn');
    expect(warnings().map((entry) => `${entry.target} ${entry.collector}`).sort()).toEqual(['enterprise:ent usage', 'org:web usage']);
    await poller.pollOnce();
    expect(warnings()).toHaveLength(4);
    // Every failed attempt still counts.
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="seats",reason="unauthorized"} 2\n');
  });
});
