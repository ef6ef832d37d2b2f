import { describe, expect, it } from 'vitest';
import { ExporterError } from '../src/errors.js';
import { findDefinition, type MetricDefinition } from '../src/metrics/definitions.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { SnapshotStore, snapshotText } from '../src/metrics/snapshot.js';
import { Poller } from '../src/poller.js';
import type { Source, TargetData } from '../src/sources/source.js';
import { scopeLabels, targetKey, type Target } from '../src/targets.js';
import { capturingLogger, silentLogger } from './helpers/fakes.js';

const text = (store: SnapshotStore) => snapshotText(store.current());
const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const byIde = findDefinition('github_copilot_loc_added_by_ide') as MetricDefinition;
const targets: Target[] = [
  { kind: 'enterprise', slug: 'ent' },
  { kind: 'org', slug: 'web' },
];

type Answer = TargetData | 'unchanged' | Error;

/** A source whose answers are scripted per target and poll. */
class ScriptedSource implements Source {
  readonly part = 'scripted';
  readonly calls: Array<{ target: string; previousKey?: string }> = [];
  constructor(private readonly script: Record<string, Answer[]>) {}
  async poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'> {
    this.calls.push({ target: targetKey(target), ...(previousKey !== undefined ? { previousKey } : {}) });
    const answer = this.script[targetKey(target)]?.shift();
    if (!answer) throw new Error('script ran out');
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

function data(target: Target, key: string, dau: number, ides: string[] = []): TargetData {
  const scope = scopeLabels(target);
  return {
    reportKey: key,
    samples: [
      { family: users, labels: scope, value: dau },
      ...ides.map((ide) => ({ family: byIde, labels: { ...scope, ide }, value: 1 })),
    ],
  };
}

function setup(script: Record<string, Answer[]>, logger = silentLogger) {
  const source = new ScriptedSource(script);
  const store = new SnapshotStore();
  const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
  const poller = new Poller({ targets, sources: [source], store, selfMetrics, logger, intervalMs: 60_000, concurrency: 2 });
  return { source, store, selfMetrics, poller };
}

const [ent, web] = targets as [Target, Target];
const forbidden = new ExporterError('GITHUB_FORBIDDEN', 'GitHub refused access with 403 Forbidden (GET x).', { status: 403, endpoint: '/orgs/{org}/x' });

describe('Poller', () => {
  it('keeps the parts of a target apart: a failing part keeps its series, the others move on', async () => {
    const usage = new ScriptedSource({ 'enterprise:ent': [data(ent, 'd1', 5), data(ent, 'd2', 6)], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    const seats = new ScriptedSource({
      'enterprise:ent': [{ reportKey: 's1', samples: [{ family: byIde, labels: { enterprise: 'ent', ide: 'seat-part' }, value: 9 }] }, forbidden],
      'org:web': [{ reportKey: 's1', samples: [] }, { reportKey: 's2', samples: [] }],
    });
    const store = new SnapshotStore();
    const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
    const poller = new Poller({ targets, sources: [usage, seats], store, selfMetrics, logger: silentLogger, intervalMs: 60_000, concurrency: 2 });
    await poller.pollOnce();
    await poller.pollOnce();
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 6\n');
    expect(text(store)).toContain('github_copilot_loc_added_by_ide{enterprise="ent",ide="seat-part"} 9\n');
    const self = await selfMetrics.render('text');
    expect(self).toContain('github_copilot_exporter_target_up{enterprise="ent"} 0\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",reason="forbidden"} 1\n');
    expect(self).toContain('github_copilot_exporter_target_up{org="web"} 1\n');
  });


  it('swaps in the series of every target after a poll', async () => {
    const { store, poller } = setup({ 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    expect(poller.isReady()).toBe(false);
    await poller.pollOnce();
    expect(poller.isReady()).toBe(true);
    expect(text(store)).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
    expect(text(store)).toContain('github_copilot_daily_active_users{org="web"} 3\n');
    expect(store.current().series).toBe(2);
  });

  it('reports a target up only once its new series are served', async () => {
    const { store, selfMetrics, poller } = setup({ 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    const servedWhenRecorded: string[] = [];
    const recordPoll = selfMetrics.recordPoll.bind(selfMetrics);
    selfMetrics.recordPoll = (scope, outcome) => {
      servedWhenRecorded.push(text(store));
      recordPoll(scope, outcome);
    };
    await poller.pollOnce();
    expect(servedWhenRecorded).toHaveLength(2);
    for (const served of servedWhenRecorded) {
      expect(served).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
      expect(served).toContain('github_copilot_daily_active_users{org="web"} 3\n');
    }
  });

  it('keeps the last good values of a failing target and reports it down, while the other moves on', async () => {
    const { store, selfMetrics, poller } = setup({
      'enterprise:ent': [data(ent, 'd1', 5), forbidden],
      'org:web': [data(web, 'd1', 3), data(web, 'd2', 4)],
    });
    await poller.pollOnce();
    await poller.pollOnce();
    const exposition = text(store);
    expect(exposition).toContain('github_copilot_daily_active_users{enterprise="ent"} 5\n');
    expect(exposition).toContain('github_copilot_daily_active_users{org="web"} 4\n');
    const self = await selfMetrics.render('text');
    expect(self).toContain('github_copilot_exporter_target_up{enterprise="ent"} 0\n');
    expect(self).toContain('github_copilot_exporter_target_up{org="web"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{enterprise="ent",reason="forbidden"} 1\n');
    expect(self).toContain('github_copilot_exporter_poll_errors_total{org="web",reason="forbidden"} 0\n');
  });

  it('removes series that vanished from the latest day', async () => {
    const { store, poller } = setup({
      'enterprise:ent': [data(ent, 'd1', 5, ['vscode', 'jetbrains']), data(ent, 'd2', 6, ['vscode'])],
      'org:web': [data(web, 'd1', 3), 'unchanged'],
    });
    await poller.pollOnce();
    expect(text(store)).toContain('ide="jetbrains"');
    await poller.pollOnce();
    expect(text(store)).not.toContain('ide="jetbrains"');
    expect(text(store)).toContain('github_copilot_loc_added_by_ide{enterprise="ent",ide="vscode"} 1\n');
  });

  it('passes the key of the last good report, so an unchanged report is not downloaded again', async () => {
    const { source, store, poller } = setup({ 'enterprise:ent': [data(ent, 'd1', 5), 'unchanged'], 'org:web': [data(web, 'd1', 3), 'unchanged'] });
    await poller.pollOnce();
    const before = store.current();
    await poller.pollOnce();
    expect(store.current()).toBe(before);
    expect(source.calls.slice(2)).toEqual([
      { target: 'enterprise:ent', previousKey: 'd1' },
      { target: 'org:web', previousKey: 'd1' },
    ]);
  });

  it('never runs two polls at once', async () => {
    const { source, poller } = setup({ 'enterprise:ent': [data(ent, 'd1', 5)], 'org:web': [data(web, 'd1', 3)] });
    const first = poller.pollOnce();
    const second = poller.pollOnce();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(source.calls).toHaveLength(2);
  });

  it('is ready after the first poll even when a target failed', async () => {
    const { poller, selfMetrics } = setup({ 'enterprise:ent': [forbidden], 'org:web': [data(web, 'd1', 3)] });
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_target_up{enterprise="ent"} 0\n');
    await poller.pollOnce();
    expect(poller.isReady()).toBe(true);
  });

  it('logs a failure once, with what to do, and treats an unexpected error as a bug', async () => {
    const { logger, lines } = capturingLogger([], 'info');
    const { poller, selfMetrics } = setup({ 'enterprise:ent': [forbidden], 'org:web': [new TypeError('x is undefined')] }, logger);
    await poller.pollOnce();
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.target !== undefined);
    expect(entries).toHaveLength(2);
    expect(entries.find((entry) => entry.target === 'enterprise:ent')).toMatchObject({
      level: 'warn',
      reason: 'forbidden',
      status: 403,
      msg: 'poll of enterprise ent failed: GitHub refused access with 403 Forbidden (GET x).',
    });
    expect(entries.find((entry) => entry.target === 'org:web')).toMatchObject({ level: 'error', reason: 'invalid_response' });
    expect(await selfMetrics.render('text')).toContain('github_copilot_exporter_poll_errors_total{org="web",reason="invalid_response"} 1\n');
  });
});
