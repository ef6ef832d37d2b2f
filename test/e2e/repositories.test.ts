/**
 * The repositories collector end to end, with the default configuration: the real exporter process
 * against the fake GitHub API. Every repository in the day's repos-1-day report has its series (as
 * docs/contract.md §4e says, written out here from the fake's rows), a new day replaces them and is read once,
 * and an organization whose repos-1-day answers 404 loses only its repository series.
 */
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { type ExporterProcess, waitFor } from '../helpers/exporter-process.js';
import { isCopilotSeries, sampleKey } from '../helpers/exposition.js';
import { errors, up } from '../helpers/scenario.js';
import { expectedUsageSamples, latestDay, scopeOf } from '../helpers/usage-oracle.js';

type Row = Record<string, unknown>;

const steady: EntityProfile = { kind: 'org', slug: 'steady', id: 81, seats: 40, teams: ['api', 'web'] };
const corp: EntityProfile = { kind: 'enterprise', slug: 'corp', id: 82, seats: 60 };
const flaky: EntityProfile = { kind: 'org', slug: 'flaky', id: 83, seats: 40, teams: ['core', 'apps'], missingReports: ['repos'] };

async function start(entities: EntityProfile[]): Promise<{ fake: FakeGitHub; exporter: ExporterProcess }> {
  const fake = await fakeGitHubForTest({ entities });
  // Only what a user sets: the credential, the targets, and a short interval for the test.
  const exporter = await exporterForTest({
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_TOKEN: fake.token,
    COPILOT_ENTERPRISES: entities.filter((entity) => entity.kind === 'enterprise').map((entity) => entity.slug).join(','),
    COPILOT_ORGS: entities.filter((entity) => entity.kind === 'org').map((entity) => entity.slug).join(','),
    REFRESH_INTERVAL: '1',
  });
  return { fake, exporter };
}

const shortened = (field: string) => field.replace(/_(count|sum)$/, '').replace(/^total_/, '');

/**
 * docs/contract.md §4e and §4i on the fake's rows: `pull_requests.F` → github_copilot_repository_pull_requests_<F''>{repository,
 * visibility}; an array's entry → `…_<pull_requests_><array>_<F''>` (a bare count: the array's name) with its text fields as labels.
 */
function expectedRepositories(rows: Row[], scope: Record<string, string>): Map<string, number> {
  const expected = new Map<string, number>();
  const arrayEntries = (name: string, entries: Row[], labels: Record<string, string>) => {
    for (const entry of entries) {
      const entryLabels = { ...labels, ...Object.fromEntries(Object.entries(entry).filter(([, value]) => typeof value === 'string')) } as Record<string, string>;
      for (const [field, value] of Object.entries(entry)) {
        if (typeof value === 'number') expected.set(sampleKey(`github_copilot_repository_${name}${field === 'count' ? '' : `_${shortened(field)}`}`, entryLabels), value);
      }
    }
  };
  for (const row of rows) {
    const labels = { ...scope, repository: `${row.repo_owner_name}/${row.repo_name}`, visibility: String(row.repo_visibility) };
    for (const [field, value] of Object.entries(row.pull_requests as Row)) {
      if (typeof value === 'number') expected.set(sampleKey(`github_copilot_repository_pull_requests_${shortened(field)}`, labels), value);
      else if (Array.isArray(value)) arrayEntries(`pull_requests_${field}`, value as Row[], labels);
    }
    arrayEntries('pull_request_review_times', row.pull_request_review_times as Row[], labels);
  }
  return expected;
}

/** The repository series of one target, as /metrics serves them. */
function repositoriesOf(values: Map<string, number>, scope: Record<string, string>): Map<string, number> {
  const scopeText = JSON.stringify(scope).slice(1, -1);
  return new Map([...values].filter(([key]) => key.startsWith('github_copilot_repository_') && key.includes(scopeText)));
}

const collectorSuccess = (values: Map<string, number>, scope: Record<string, string>, collector: string) => values.get(sampleKey('github_copilot_exporter_collector_success', { ...scope, collector }));

/** repos-1-day requests GitHub answered for a target. */
const reposRequests = (fake: FakeGitHub, entity: EntityProfile) =>
  fake.requests.filter((request) => request.on === 'api' && request.path.startsWith(`/${entity.kind === 'org' ? 'orgs' : 'enterprises'}/${entity.slug}/copilot/metrics/reports/repos-1-day?`));

describe('repositories, with the default configuration', () => {
  it('serve every active repository of every organization and enterprise, and follow a new day, read once', async () => {
    const { fake, exporter } = await start([corp, steady]);
    const expectedOn = () => new Map([corp, steady].flatMap((entity) => [...expectedRepositories(fake.repoRows(entity.kind, entity.slug, fake.endDay), scopeOf(entity))]));
    const first = expectedOn();
    await waitFor('readiness: the first poll of every target done', async () => ((await fetch(`${exporter.url}/readyz`)).status === 200 ? true : undefined), 20_000);
    const values = await scrapeValues(exporter.url);
    for (const entity of [corp, steady]) {
      const rows = fake.repoRows(entity.kind, entity.slug, fake.endDay);
      expect(rows.length, entity.slug).toBeGreaterThan(0);
      const scope = scopeOf(entity);
      expect(repositoriesOf(values, scope)).toEqual(expectedRepositories(rows, scope));
      // Every active repository, public and private ones alike.
      const served = new Set([...repositoriesOf(values, scope).keys()].map((key) => /"repository":"([^"]+)"/.exec(key)?.[1]));
      expect(served).toEqual(new Set(rows.map((row) => `${row.repo_owner_name}/${row.repo_name}`)));
      expect(collectorSuccess(values, scope, 'repositories'), entity.slug).toBe(1);
      expect(values.get(sampleKey('github_copilot_exporter_target_up', scope)), entity.slug).toBe(1);
    }
    expect([...first.keys()].some((key) => key.includes('"visibility":"PUBLIC"'))).toBe(true);
    expect([...first.keys()].some((key) => key.includes('"visibility":"PRIVATE"'))).toBe(true);
    // The review stages and Copilot's suggestions by comment type are among them, exact.
    expect([...first.keys()].some((key) => key.startsWith('github_copilot_repository_pull_request_review_times_p90_minutes_final_review_to_merge{'))).toBe(true);
    expect([...first.keys()].some((key) => key.startsWith('github_copilot_repository_pull_requests_copilot_suggestions_by_comment_type{'))).toBe(true);

    fake.advanceDay();
    const second = expectedOn();
    expect(second).not.toEqual(first);
    await waitFor('the new day’s repository series', async () => {
      const now = await scrapeValues(exporter.url);
      const served = new Map([corp, steady].flatMap((entity) => [...repositoriesOf(now, scopeOf(entity))]));
      return JSON.stringify([...served].sort()) === JSON.stringify([...second].sort()) ? true : undefined;
    }, 20_000);
    // One repos-1-day request per target and day: unchanged days cost no request.
    const polls = () => exporter.stdout.filter((line) => line.includes('"msg":"poll complete"')).length;
    const pollsSoFar = polls();
    await waitFor('two more polls', async () => (polls() >= pollsSoFar + 2 ? true : undefined), 20_000);
    for (const entity of [corp, steady]) expect(reposRequests(fake, entity).map((request) => request.path.slice(-10))).toEqual(['2026-11-20', '2026-11-21']);
  }, 60_000);

  it('a 404 on repos-1-day costs only the repository series: the other collectors and target_up are untouched', async () => {
    const { fake, exporter } = await start([steady, flaky]);
    await waitFor('four polls', async () => (exporter.stdout.filter((line) => line.includes('"msg":"poll complete"')).length >= 4 ? true : undefined), 20_000);
    const values = await scrapeValues(exporter.url);
    const scope = scopeOf(flaky);

    expect(reposRequests(fake, flaky).every((request) => request.status === 404)).toBe(true);
    expect(collectorSuccess(values, scope, 'repositories')).toBe(0);
    expect(errors(values, 'flaky', 'not_found', 'repositories')).toBeGreaterThanOrEqual(3);
    expect(repositoriesOf(values, scope).size).toBe(0);
    // The rest of the organization as without the repositories collector.
    expect(up(values, 'flaky')).toBe(1);
    for (const collector of ['usage', 'people', 'seats']) expect(collectorSuccess(values, scope, collector), collector).toBe(1);
    for (const collector of ['usage', 'people', 'seats']) expect(errors(values, 'flaky', 'not_found', collector), collector).toBe(0);
    const core = new Map([...values].filter(([key]) => isCopilotSeries(key) && !/^github_copilot_(seat|repository_|users_by_)/.test(key) && key.includes('"org":"flaky"') && !key.includes('"team":')));
    expect(core).toEqual(expectedUsageSamples(latestDay(fake.reportRows('org', 'flaky')), scope));
    expect([...values.keys()].filter((key) => key.startsWith('github_copilot_daily_active_users{') && key.includes('"org":"flaky"') && key.includes('"team":')).length).toBe(2);
    expect(values.get(sampleKey('github_copilot_seats', { ...scope, state: 'total' }))).toBe(40);
    // The other organization has its repositories.
    expect(repositoriesOf(values, scopeOf(steady))).toEqual(expectedRepositories(fake.repoRows('org', 'steady', fake.endDay), scopeOf(steady)));
    // Logged once, naming what the collector needs and how to turn it off.
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"') && line.includes('"collector":"repositories"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('COPILOT_REPOSITORY_METRICS=false');
  }, 60_000);
});
