/**
 * Golden exposition tests: GitHub's documentation examples and generated reports, through the real
 * client, downloader and collectors against the fake GitHub API, must render exactly the committed
 * test/fixtures/golden/*.prom text, which promtool must accept. `UPDATE_GOLDEN=1 npm test` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector, CollectorDeps } from '../src/collectors/collector.js';
import { legacyCollector } from '../src/collectors/legacy.js';
import { targetPollContext } from '../src/collectors/reports-api.js';
import { usageCollector } from '../src/collectors/usage.js';
import { renderSamples } from '../src/metrics/exposition.js';
import { mapUsageDay } from '../src/metrics/map/usage-day.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { buildSnapshot, snapshotText } from '../src/metrics/snapshot.js';
import { scopeLabels, type Target } from '../src/targets.js';
import { type FakeGitHub, startFakeGitHub } from './fake-github/server.js';
import { generateLegacyDays } from './fake-github/legacy-report.js';
import { generateEntityReport } from './fake-github/usage-report.js';
import { parseExposition } from './helpers/exposition.js';
import { LEGACY_CONTRACT, MODEL_INFO_LABELS } from './helpers/legacy-contract.js';
import { collectorDeps, configFrom } from './helpers/collectors.js';
import { readGitHubExample } from './helpers/github-api.js';
import { rejection } from './helpers/nock.js';
import { CONTRACT_FIXED_LINT, itWithTool, promtoolCheckMetrics } from './helpers/tools.js';

const GOLDEN = new URL('./fixtures/golden/', import.meta.url);
const readExample = (name: string) => readGitHubExample<Array<Record<string, unknown>>>(name);

let fake: FakeGitHub;
let deps: CollectorDeps;

beforeAll(async () => {
  fake = await startFakeGitHub({ endDay: '2026-11-20' });
  // GitHub's enterprise example holds two different rows for 2025-10-01 (enterprise_id 1 and 2): one
  // report cannot hold both (the usage collector rejects it, see below), so each row is a report of its own.
  const [first, second] = readExample('docs-example-usage-metrics-enterprise-level.json');
  fake.setReport('enterprise', 'ent-one', [first!]);
  fake.setReport('enterprise', 'ent-two', [second!]);
  fake.setReport('enterprise', 'ent-both', [first!, second!]);
  // Small generated reports (split over two files each) keep the golden file reviewable.
  fake.setReport('enterprise', 'gen-ent', generateEntityReport({ kind: 'enterprise', slug: 'gen-ent', id: 11, seats: 9 }, '2026-11-20', { parts: 2 }));
  fake.setReport('org', 'gen-org', generateEntityReport({ kind: 'org', slug: 'gen-org', id: 12, seats: 4 }, '2026-11-20', { parts: 2 }));
  fake.setLegacyDays('org', 'octo-org', undefined, readExample('example-copilot-usage-metrics-for-day.json'));
  // Null sections, missing fields, duplicate names, names with quotes, backslashes, newlines and slashes.
  fake.setLegacyDays('enterprise', 'octo-ent', 'rough-team', generateLegacyDays('golden-rough', 30, '2026-11-20', { rough: true }));
  deps = collectorDeps({ apiUrl: fake.apiUrl, token: fake.token, config: configFrom({ GITHUB_API_URL: fake.apiUrl }), maxBytes: 10_000_000 });
});
afterAll(() => fake.close());

async function exposition(targets: Target[], collector: Collector = usageCollector): Promise<string> {
  const rendered = [];
  for (const target of targets) {
    const result = await collector.collect(deps, target, undefined, targetPollContext(deps, target));
    if (result === 'unchanged') throw new Error('unexpected unchanged');
    rendered.push(renderSamples(result.samples));
  }
  return snapshotText(await buildSnapshot(rendered));
}

function expectGolden(name: string, text: string): void {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const LEGACY_EXAMPLE: Target = { kind: 'org', slug: 'octo-org' };
const LEGACY_ROUGH: Target = { kind: 'enterprise', slug: 'octo-ent', team: 'rough-team' };

const scenarios: Array<[string, () => Promise<string>]> = [
  [
    'docs-example-enterprise-level.prom',
    () =>
      exposition([
        { kind: 'enterprise', slug: 'ent-one' },
        { kind: 'enterprise', slug: 'ent-two' },
      ]),
  ],
  [
    'docs-example-user-level.prom',
    async () => {
      const { samples, problems } = mapUsageDay(readExample('docs-example-usage-metrics-user-level.json')[0]!, scopeLabels({ kind: 'org', slug: 'octo-org' }));
      expect(problems).toEqual([]);
      return snapshotText(await buildSnapshot([renderSamples(samples)]));
    },
  ],
  [
    'generated-enterprise-and-orgs.prom',
    () =>
      exposition([
        { kind: 'enterprise', slug: 'gen-ent' },
        { kind: 'org', slug: 'gen-org' },
      ]),
  ],
  ['legacy-docs-example.prom', () => exposition([LEGACY_EXAMPLE], legacyCollector)],
  ['legacy-generated-rough-team.prom', () => exposition([LEGACY_ROUGH], legacyCollector)],
];

describe('golden exposition', () => {
  it.each([
    ['legacy-docs-example.prom', ['org']],
    ['legacy-generated-rough-team.prom', ['enterprise', 'team']],
  ])('%s holds only the families of CONTRACT §4b, each with its labels', (name, scope) => {
    const allowed = new Map(LEGACY_CONTRACT.map((row) => [row.metric, row.labels]));
    allowed.set('github_copilot_model_info', MODEL_INFO_LABELS);
    allowed.set('github_copilot_metrics_day_timestamp_seconds', []);
    const samples = parseExposition(readFileSync(new URL(name, GOLDEN), 'utf8'));
    expect(samples.length).toBeGreaterThan(20);
    for (const sample of samples) {
      const labels = allowed.get(sample.name);
      expect(labels, sample.name).toBeDefined();
      const expected = [...scope, ...(labels ?? [])];
      const actual = Object.keys(sample.labels);
      if (sample.name === 'github_copilot_model_info' && !('custom_model_training_date' in sample.labels)) expect(actual).toEqual(expected.slice(0, -1));
      else expect(actual, sample.name).toEqual(expected);
    }
  });

  it('covers both rows of GitHub’s enterprise example, each as its own report', () => {
    const samples = parseExposition(readFileSync(new URL('docs-example-enterprise-level.prom', GOLDEN), 'utf8'));
    const enterprises = new Set(samples.map((sample) => sample.labels.enterprise));
    expect(enterprises).toEqual(new Set(['ent-one', 'ent-two']));
    for (const enterprise of enterprises) {
      const day = samples.find((sample) => sample.name === 'github_copilot_metrics_day_timestamp_seconds' && sample.labels.enterprise === enterprise);
      expect(day?.value, enterprise).toBe(Date.parse('2025-10-01T00:00:00Z') / 1000);
    }
  });

  it('rejects one report holding both rows of GitHub’s enterprise example, naming the day and both entities', async () => {
    const target: Target = { kind: 'enterprise', slug: 'ent-both' };
    const error = await rejection(usageCollector.collect(deps, target, undefined, targetPollContext(deps, target)));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe('The usage report of enterprise ent-both has different rows for 2025-10-01 (enterprise_id 1, enterprise_id 2).');
  });

  it.each(scenarios)('%s', async (name, produce) => {
    expectGolden(name, await produce());
  });

  itWithTool('promtool').each(scenarios)('%s passes promtool check metrics', async (_name, produce) => {
    const selfMetrics = await new SelfMetrics({ version: '0.0.0-test', processMetrics: true }).render('text');
    const { output } = promtoolCheckMetrics((await produce()) + selfMetrics);
    const findings = output.split('\n').filter(Boolean);
    expect(findings.filter((line) => !CONTRACT_FIXED_LINT.includes(line))).toEqual([]);
  });
});
