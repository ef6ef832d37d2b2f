/**
 * Golden exposition tests: GitHub's documentation examples and generated reports, through the real
 * client, downloader and collectors against the fake GitHub API, must render exactly the committed
 * test/fixtures/golden/*.prom text (which test/golden-promtool.test.ts has promtool check). `UPDATE_GOLDEN=1
 * npm test` rewrites them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiCreditsCollector } from '../src/collectors/ai-credits.js';
import type { Collector, CollectorDeps } from '../src/collectors/collector.js';
import { legacyCollector } from '../src/collectors/legacy.js';
import { repositoriesCollector } from '../src/collectors/repositories.js';
import { targetPollContext } from '../src/collectors/reports-api.js';
import { usageCollector } from '../src/collectors/usage.js';
import { type RenderedFamilies, renderSamples } from '../src/metrics/exposition.js';
import { RepositoryRows } from '../src/metrics/map/repositories.js';
import { mapUsageDay } from '../src/metrics/map/usage-day.js';
import { TopUsers } from '../src/metrics/map/users.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { type CopilotSnapshot, SnapshotStore, buildSnapshot, snapshotText } from '../src/metrics/snapshot.js';
import { scopeLabels, type Target } from '../src/targets.js';
import { aiCreditUsage } from './fake-github/ai-credits.js';
import { DEFAULT_ENTITIES, type FakeGitHub, startFakeGitHub } from './fake-github/server.js';
import { generateLegacyDays } from './fake-github/legacy-report.js';
import { generateEntityReport } from './fake-github/usage-report.js';
import { parseExposition } from './helpers/exposition.js';
import { LEGACY_CONTRACT, MODEL_INFO_LABELS } from './helpers/legacy-contract.js';
import { collectorDeps, configFrom } from './helpers/collectors.js';
import { FakeClock } from './helpers/fakes.js';
import { readGitHubExample } from './helpers/github-api.js';
import { rejection } from './helpers/nock.js';
import { type ServedApp, scrapeEveryWay, serveApp } from './helpers/served-app.js';

const GOLDEN = new URL('./fixtures/golden/', import.meta.url);
const readExample = (name: string) => readGitHubExample<Array<Record<string, unknown>>>(name);
/** A hand-written day row with every field group GitHub added after April 2026 (see its SOURCE.md). */
const DAY_ROW_2026 = JSON.parse(readFileSync(new URL('./fixtures/usage-2026-fields/day-row.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let fake: FakeGitHub;
let deps: CollectorDeps;
const store = new SnapshotStore();
const selfMetrics = new SelfMetrics({ version: '0.0.0-test', processMetrics: false });
let app: ServedApp;

beforeAll(async () => {
  fake = await startFakeGitHub({ endDay: '2026-11-20', billedUntil: '2026-11-20' });
  // GitHub's enterprise example holds two different rows for 2025-10-01 (enterprise_id 1 and 2): one
  // report cannot hold both (the usage collector rejects it, see below), so each row is a report of its own.
  const [first, second] = readExample('docs-example-usage-metrics-enterprise-level.json');
  fake.setReport('enterprise', 'ent-one', [first!]);
  fake.setReport('enterprise', 'ent-two', [second!]);
  fake.setReport('enterprise', 'ent-both', [first!, second!]);
  fake.setReport('enterprise', 'ent-2026', [{ report_start_day: '2026-10-24', report_end_day: DAY_ROW_2026.day, enterprise_id: '7', day_totals: [DAY_ROW_2026] }]);
  // Small generated reports (split over two files each) keep the golden file reviewable.
  fake.setReport('enterprise', 'gen-ent', generateEntityReport({ kind: 'enterprise', slug: 'gen-ent', id: 11, seats: 9 }, '2026-11-20', { parts: 2 }));
  fake.setReport('org', 'gen-org', generateEntityReport({ kind: 'org', slug: 'gen-org', id: 12, seats: 4 }, '2026-11-20', { parts: 2 }));
  fake.setLegacyDays('org', 'octo-org', undefined, readExample('example-copilot-usage-metrics-for-day.json'));
  // Null sections, missing fields, duplicate names, names with quotes, backslashes, newlines and slashes.
  fake.setLegacyDays('enterprise', 'octo-ent', 'rough-team', generateLegacyDays('golden-rough', 30, '2026-11-20', { rough: true }));
  deps = collectorDeps({ apiUrl: fake.apiUrl, token: fake.token, config: configFrom({ GITHUB_API_URL: fake.apiUrl }), maxBytes: 10_000_000 });
  app = await serveApp(store, selfMetrics);
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

/** What the collector makes of each target's first poll, rendered. */
async function collected(targets: Target[], collector: Collector, using: CollectorDeps = deps): Promise<RenderedFamilies[]> {
  const rendered = [];
  for (const target of targets) {
    const result = await collector.collect(using, target, undefined, targetPollContext(using, target));
    if (result === 'unchanged') throw new Error('unexpected unchanged');
    rendered.push(renderSamples(result.samples));
  }
  return rendered;
}

async function exposition(targets: Target[], collector: Collector = usageCollector): Promise<CopilotSnapshot> {
  return buildSnapshot(await collected(targets, collector));
}

/** The golden text, from the snapshot and from /metrics in every form it is served in (the self-metrics follow it there). */
async function expectGolden(name: string, snapshot: CopilotSnapshot): Promise<void> {
  const file = new URL(name, GOLDEN);
  const text = snapshotText(snapshot);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, text);
  const golden = readFileSync(file, 'utf8');
  expect(text).toBe(golden);
  store.swap(snapshot);
  const served = await scrapeEveryWay(app);
  expect(served.text).toBe(golden + (await selfMetrics.render('text')));
  expect(served.openMetrics).toBe(golden + (await selfMetrics.render('openmetrics')));
  expect(served.gunzipped).toBe(served.text);
}

const LEGACY_EXAMPLE: Target = { kind: 'org', slug: 'octo-org' };
const GENERATED: Target[] = [
  { kind: 'enterprise', slug: 'gen-ent' },
  { kind: 'org', slug: 'gen-org' },
];

/** repos-1-day rows beyond the fake's: fields GitHub may add (nested too), nulls, no visibility, a full name field. */
const ROUGH_REPOSITORY_ROWS: Array<Record<string, unknown>> = [
  {
    day: '2026-11-20',
    repo_id: 1,
    repo_owner_name: 'rough',
    repo_name: 'new-fields',
    repo_visibility: 'public',
    total_commits_count: 12,
    code_review: { comments_count: 4, threads: { resolved_count: 3, open_sum: 1.5 } },
    pull_requests: { total_created_by_copilot: 2, total_merged_created_by_copilot: null },
  },
  {
    day: '2026-11-20',
    repo_id: 2,
    repo_full_name: 'rough/no-visibility',
    pull_requests: { total_reviewed_by_copilot: 5, total_copilot_suggestions: 11, total_copilot_applied_suggestions: 3, median_minutes_to_merge_copilot_authored: null },
  },
  { day: '2026-11-20', repo_id: 3, repo_owner_name: 'rough', repo_name: 'quoted"\\name', repo_visibility: 'internal', total_x: 1, pull_requests: null },
];
const LEGACY_ROUGH: Target = { kind: 'enterprise', slug: 'octo-ent', team: 'rough-team' };
/** Default entities of the fake: several products, SKUs and models, the first line listed twice. */
const AI_CREDIT_TARGETS: Target[] = [
  { kind: 'enterprise', slug: 'acme' },
  { kind: 'org', slug: 'acme-web' },
];

const scenarios: Array<[string, () => Promise<CopilotSnapshot>]> = [
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
      return buildSnapshot([renderSamples(samples)]);
    },
  ],
  ['usage-2026-fields.prom', () => exposition([{ kind: 'enterprise', slug: 'ent-2026' }])],
  [
    'docs-example-user-level-per-user.prom',
    async () => {
      // Per-user series of GitHub's user-level row, breakdowns and version info included.
      const users = new TopUsers('2025-10-01', scopeLabels({ kind: 'enterprise', slug: 'octo-ent' }), { label: 'login', salt: '', maxUsers: 1, breakdowns: true });
      for (const row of readExample('docs-example-usage-metrics-user-level.json')) users.offer(row);
      const { samples, problems } = users.finish();
      expect(problems).toEqual([]);
      return buildSnapshot([renderSamples(samples)]);
    },
  ],
  ['generated-enterprise-and-orgs.prom', () => exposition(GENERATED)],
  [
    'repositories.prom',
    async () => {
      const rough = new RepositoryRows('2026-11-20', scopeLabels({ kind: 'org', slug: 'rough-org' }));
      for (const row of ROUGH_REPOSITORY_ROWS) rough.offer(row);
      const { samples, problems } = rough.finish();
      expect(problems).toEqual([]);
      return buildSnapshot([...(await collected(GENERATED, repositoriesCollector)), renderSamples(samples)]);
    },
  ],
  [
    'ai-credits.prom',
    async () => {
      // Read at noon of the day after 2026-11-19: the day, and November billed up to the fake's today (the 20th).
      const atNoon = collectorDeps({ apiUrl: fake.apiUrl, token: fake.token, config: deps.config, clock: new FakeClock(Date.parse('2026-11-20T12:00:00Z')) });
      return buildSnapshot(await collected(AI_CREDIT_TARGETS, aiCreditsCollector, atNoon));
    },
  ],
  ['legacy-docs-example.prom', () => exposition([LEGACY_EXAMPLE], legacyCollector)],
  ['legacy-generated-rough-team.prom', () => exposition([LEGACY_ROUGH], legacyCollector)],
];

describe('golden exposition', () => {
  it.each([
    ['legacy-docs-example.prom', ['org']],
    ['legacy-generated-rough-team.prom', ['enterprise', 'team']],
  ])('%s holds only the families of docs/contract.md §4b, each with its labels', (name, scope) => {
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

  it('usage-2026-fields.prom describes every 2026 field group with a curated HELP, labelled as docs/contract.md rule 4b says', () => {
    const text = readFileSync(new URL('usage-2026-fields.prom', GOLDEN), 'utf8');
    expect(text).not.toContain('no description in this exporter version yet');
    const samples = parseExposition(text);
    const labelsOf = (name: string) => samples.filter((sample) => sample.name === name).map((sample) => Object.keys(sample.labels));
    for (const name of ['github_copilot_daily_active_copilot_app_users', 'github_copilot_copilot_app_token_usage_output_tokens', 'github_copilot_vscode_agent_total_user_messages', 'github_copilot_distinct_plugin_use', 'github_copilot_pull_requests_avg_pull_requests_minutes_to_review']) {
      expect(labelsOf(name), name).toEqual([['enterprise']]);
    }
    expect(labelsOf('github_copilot_session_by_3rd_party_agent')).toEqual([
      ['enterprise', 'agent_id', 'agent_name'],
      ['enterprise', 'agent_id', 'agent_name'],
    ]);
    expect(new Set(labelsOf('github_copilot_avg_loc_added_by_ai_adoption_phase').map(String))).toEqual(new Set(['enterprise,phase,version']));
    expect(labelsOf('github_copilot_interaction_by_slash_cmd')).toHaveLength(2);
    expect(samples.some((sample) => sample.name.includes('phase_number') || 'phase_number' in sample.labels)).toBe(false);
    // Nullable, and null that day: no series, not a zero.
    expect(labelsOf('github_copilot_monthly_active_copilot_cloud_agent_users')).toEqual([]);
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

  it('ai-credits.prom holds one series for what GitHub lists twice, the sum (the fake splits its first line in two)', () => {
    const organization = DEFAULT_ENTITIES.find((entity) => entity.slug === 'acme-web');
    const [first, second] = (organization ? aiCreditUsage(organization, { year: 2026, month: 11, day: 19 }, '2026-11-20').usageItems : []) as Array<Record<string, number | string>>;
    expect([second?.product, second?.sku, second?.model]).toEqual([first?.product, first?.sku, first?.model]);
    const gross = parseExposition(readFileSync(new URL('ai-credits.prom', GOLDEN), 'utf8')).filter(
      (sample) => sample.name === 'github_copilot_ai_credits_gross_quantity' && sample.labels.org === 'acme-web' && sample.labels.period === 'day' && sample.labels.sku === first?.sku && sample.labels.model === first?.model,
    );
    expect(gross.map((sample) => sample.value)).toEqual([Number(first?.grossQuantity) + Number(second?.grossQuantity)]);
  });

  it.each(scenarios)('%s', async (name, produce) => {
    await expectGolden(name, await produce());
  });
});
