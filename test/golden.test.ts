/**
 * Golden exposition tests: GitHub's documentation examples and generated reports, through the real
 * client, downloader and source against the fake GitHub API, must render exactly the committed
 * test/fixtures/golden/*.prom text, which promtool must accept. `UPDATE_GOLDEN=1 npm test` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubClient } from '../src/github/client.js';
import { ReportDownloader } from '../src/github/download.js';
import { renderSamples } from '../src/metrics/exposition.js';
import { mapUsageDay } from '../src/metrics/map/usage-day.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { buildSnapshot, snapshotText } from '../src/metrics/snapshot.js';
import { LegacyMetricsSource } from '../src/sources/legacy-metrics.js';
import type { Source } from '../src/sources/source.js';
import { UsageMetricsSource } from '../src/sources/usage-metrics.js';
import { scopeLabels, type Target } from '../src/targets.js';
import { type FakeGitHub, startFakeGitHub } from './fake-github/server.js';
import { generateLegacyDays } from './fake-github/legacy-report.js';
import { generateEntityReport } from './fake-github/usage-report.js';
import { parseExposition } from './helpers/exposition.js';
import { LEGACY_CONTRACT, MODEL_INFO_LABELS } from './helpers/legacy-contract.js';
import { silentLogger, staticCredentials } from './helpers/fakes.js';
import { readGitHubExample } from './helpers/github-api.js';
import { CONTRACT_FIXED_LINT, itWithTool, promtoolCheckMetrics } from './helpers/tools.js';

const GOLDEN = new URL('./fixtures/golden/', import.meta.url);
const readExample = (name: string) => readGitHubExample<Array<Record<string, unknown>>>(name);

let fake: FakeGitHub;
let usage: UsageMetricsSource;
let legacy: LegacyMetricsSource;

beforeAll(async () => {
  fake = await startFakeGitHub({ endDay: '2026-11-20' });
  const [first, second] = readExample('docs-example-usage-metrics-enterprise-level.json');
  fake.setReport('enterprise', 'ent-one', [first!]);
  fake.setReport('enterprise', 'ent-two', [second!]);
  // Small generated reports (split over two files each) keep the golden file reviewable.
  fake.setReport('enterprise', 'gen-ent', generateEntityReport({ kind: 'enterprise', slug: 'gen-ent', id: 11, seats: 9 }, '2026-11-20', { parts: 2 }));
  fake.setReport('org', 'gen-org', generateEntityReport({ kind: 'org', slug: 'gen-org', id: 12, seats: 4 }, '2026-11-20', { parts: 2 }));
  fake.setLegacyDays('org', 'octo-org', undefined, readExample('example-copilot-usage-metrics-for-day.json'));
  // Null sections, missing fields, duplicate names, names with quotes, backslashes, newlines and slashes.
  fake.setLegacyDays('enterprise', 'octo-ent', 'rough-team', generateLegacyDays('golden-rough', 30, '2026-11-20', { rough: true }));
  const http = { timeoutMs: 5000, logger: silentLogger };
  const client = new GitHubClient({ ...http, apiUrl: fake.apiUrl, credentials: staticCredentials(fake.token) });
  usage = new UsageMetricsSource(client, new ReportDownloader({ ...http, maxBytes: 10_000_000 }), silentLogger);
  legacy = new LegacyMetricsSource(client);
});
afterAll(() => fake.close());

async function exposition(targets: Target[], source: Source = usage): Promise<string> {
  const rendered = [];
  for (const target of targets) {
    const result = await source.poll(target, undefined);
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
  ['legacy-docs-example.prom', () => exposition([LEGACY_EXAMPLE], legacy)],
  ['legacy-generated-rough-team.prom', () => exposition([LEGACY_ROUGH], legacy)],
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
