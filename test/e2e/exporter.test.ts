/**
 * End to end over loopback: the project's fake GitHub API → the real exporter process → HTTP scrape.
 * Reports are randomized per run (the seed is printed) and every scraped value is compared with
 * what docs/contract.md §4a says the latest day must give (test/helpers/usage-oracle.ts).
 */
import { describe, expect, it } from 'vitest';
import type { FakeGitHub } from '../fake-github/server.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { DATA_CHANGES } from '../../src/metrics/data-changes.js';
import { copilotValues, sampleKey } from '../helpers/exposition.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';
import { expectedUsageSamples, latestDay, scopeOf } from '../helpers/usage-oracle.js';
import { scrape } from '../helpers/scrape.js';
import { reportSeedOnFailure, testSeed } from '../helpers/seed.js';

function expectedFor(fakeGitHub: FakeGitHub, entities: EntityProfile[]): Map<string, number> {
  const expected = new Map<string, number>();
  for (const entity of entities) {
    const scope = scopeOf(entity);
    for (const [key, value] of expectedUsageSamples(latestDay(fakeGitHub.reportRows(entity.kind, entity.slug)), scope)) expected.set(key, value);
  }
  return expected;
}

function selfValue(values: Map<string, number>, name: string, labels: Record<string, string>): number | undefined {
  return values.get(sampleKey(name, labels));
}

function randomEntities(seed: number): EntityProfile[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return [
    { kind: 'enterprise', slug: `ent-${seed % 1000}`, id: 1 + Math.floor(next() * 1e6), seats: 20 + Math.floor(next() * 400) },
    { kind: 'org', slug: 'org-one', id: 1 + Math.floor(next() * 1e6), seats: 5 + Math.floor(next() * 200) },
    { kind: 'org', slug: 'org-two', id: 1 + Math.floor(next() * 1e6), seats: 1 + Math.floor(next() * 50) },
  ];
}

function exporterEnv(fakeGitHub: FakeGitHub, entities: EntityProfile[], extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_API_URL: fakeGitHub.apiUrl,
    GITHUB_TOKEN: fakeGitHub.token,
    COPILOT_ENTERPRISES: entities.filter((entity) => entity.kind === 'enterprise').map((entity) => entity.slug).join(','),
    COPILOT_ORGS: entities.filter((entity) => entity.kind === 'org').map((entity) => entity.slug).join(','),
    REFRESH_INTERVAL: '1',
    LOG_LEVEL: 'info',
    // These tests check docs/contract.md §4a on the entity reports; teams, repositories and seats have their own
    // (test/e2e/people.test.ts, test/e2e/repositories.test.ts).
    COPILOT_TEAM_METRICS: 'false',
    COPILOT_REPOSITORY_METRICS: 'false',
    COPILOT_SEAT_METRICS: 'false',
    ...extra,
  };
}

describe('exporter end to end', () => {
  it('serves exactly the latest day of every target, follows a new day, and spends one request per target when nothing changed', async () => {
    const seed = testSeed(283325890);
    reportSeedOnFailure(seed);
    const entities = randomEntities(seed);
    const fake = await fakeGitHubForTest({ entities });
    const exporter = await exporterForTest(exporterEnv(fake, entities));
    const url = exporter.url;
    await waitFor('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));

    const first = await scrape(url);
    expect(copilotValues(first.values)).toEqual(expectedFor(fake, entities));
    for (const entity of entities) expect(selfValue(first.values, 'github_copilot_exporter_target_up', scopeOf(entity))).toBe(1);
    // GitHub's announced data changes (docs/contract.md §4h): one series each, 00:00 UTC of its day, no scope labels.
    const changes = new Map([...first.values].filter(([key]) => key.startsWith('github_copilot_data_change_timestamp_seconds{')));
    expect(changes).toEqual(new Map(DATA_CHANGES.map((change) => [sampleKey('github_copilot_data_change_timestamp_seconds', { change: change.id }), Date.parse(`${change.day}T00:00:00Z`) / 1000])));
    expect(changes.get(sampleKey('github_copilot_data_change_timestamp_seconds', { change: 'agent_activity_undercount_outdated_ide' }))).toBe(Date.UTC(2026, 9, 6) / 1000);

    // Steady state: each poll costs one conditional API request per target (304) and no download.
    const before = fake.requests.length;
    const steady = await waitFor('two more polls of every target', async () => {
      const since = fake.requests.slice(before);
      return since.length >= entities.length * 2 ? since : undefined;
    });
    expect(steady.filter((request) => request.on === 'download')).toEqual([]);
    expect(new Set(steady.map((request) => request.status))).toEqual(new Set([304]));

    // A new day in which the JetBrains IDE and Rust were not used: their series must disappear.
    const previousDay = latestDay(fake.reportRows('org', 'org-one')).day;
    expect(first.text).toContain('ide="jetbrains"');
    fake.advanceDay({ ide: ['jetbrains'], language: ['rust'] });
    const newTimestamp = Date.parse(`${fake.endDay}T00:00:00Z`) / 1000;
    const second = await waitFor('the new day', async () => {
      const result = await scrape(url);
      const days = result.samples.filter((sample) => sample.name === 'github_copilot_metrics_day_timestamp_seconds');
      return days.length === entities.length && days.every((sample) => sample.value === newTimestamp) ? result : undefined;
    });
    expect(latestDay(fake.reportRows('org', 'org-one')).day).not.toBe(previousDay);
    expect(copilotValues(second.values)).toEqual(expectedFor(fake, entities));
    expect(second.text).not.toContain('ide="jetbrains"');
    expect(second.text).not.toContain('language="rust"');

    // The token went to the API only: never to the download host, a log line or /metrics.
    expect(fake.downloadsWithAuthorization()).toEqual([]);
    expect(fake.requests.filter((request) => request.on === 'api').every((request) => request.authorization === `Bearer ${fake!.token}`)).toBe(true);
    expect(second.text).not.toContain(fake.token);
    expect(exporter.stdout.join('\n') + exporter.stderr.join('')).not.toContain(fake.token);
  });

  it('keeps good targets serving while others fail, and keeps the last good values through an outage', async () => {
    const entities: EntityProfile[] = [
      { kind: 'org', slug: 'good', id: 1, seats: 30 },
      { kind: 'org', slug: 'broken', id: 2, seats: 10 },
    ];
    const fake = await fakeGitHubForTest({ entities });
    fake.addFault({ on: 'download', pathIncludes: '/org/broken/', replaceBody: '{"day_totals": [{"day": "2026-11-20"\n' });
    const exporter = await exporterForTest(exporterEnv(fake, entities, { COPILOT_ORGS: 'good,broken,ghost' }));
    const url = exporter.url;
    await waitFor('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));
    const { values } = await scrape(url);

    expect(selfValue(values, 'github_copilot_exporter_target_up', { org: 'good' })).toBe(1);
    expect(selfValue(values, 'github_copilot_exporter_target_up', { org: 'broken' })).toBe(0);
    expect(selfValue(values, 'github_copilot_exporter_target_up', { org: 'ghost' })).toBe(0);
    expect(selfValue(values, 'github_copilot_exporter_poll_errors_total', { org: 'broken', collector: 'usage', reason: 'invalid_response' })).toBeGreaterThanOrEqual(1);
    expect(selfValue(values, 'github_copilot_exporter_poll_errors_total', { org: 'ghost', collector: 'usage', reason: 'not_found' })).toBeGreaterThanOrEqual(1);
    const goodValues = copilotValues(values);
    expect(goodValues).toEqual(expectedFor(fake, [entities[0]!]));
    const log = exporter.stdout.join('\n');
    expect(log).toContain('the usage collector of organization ghost failed: GitHub answered 404 Not Found');
    expect(log).toContain('the usage collector of organization broken failed: Report file');

    // GitHub goes down for the good target: its values stay, target_up says the truth, and it recovers.
    fake.addFault({ on: 'api', pathIncludes: '/orgs/good/', status: 503 });
    await waitFor('the outage to show', async () => {
      const { values: now } = await scrape(url);
      return selfValue(now, 'github_copilot_exporter_target_up', { org: 'good' }) === 0 ? true : undefined;
    });
    const during = await scrape(url);
    expect(copilotValues(during.values)).toEqual(goodValues);
    expect(selfValue(during.values, 'github_copilot_exporter_poll_errors_total', { org: 'good', collector: 'usage', reason: 'server_error' })).toBeGreaterThanOrEqual(1);
    fake.clearFaults();
    await waitFor('recovery', async () => {
      const { values: now } = await scrape(url);
      return selfValue(now, 'github_copilot_exporter_target_up', { org: 'broken' }) === 1 &&
        selfValue(now, 'github_copilot_exporter_target_up', { org: 'good' }) === 1
        ? true
        : undefined;
    });
  }, 60_000);

  it('stops within 10 seconds on SIGTERM, exit code 0', async () => {
    const entities: EntityProfile[] = [{ kind: 'org', slug: 'quick', id: 3, seats: 3 }];
    const fake = await fakeGitHubForTest({ entities });
    const exporter = await exporterForTest(exporterEnv(fake, entities));
    await waitFor('readiness', async () => ((await fetch(`${exporter.url}/readyz`)).status === 200 ? true : undefined));
    const { code, ms } = await exporter.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });
});

describe('command line', () => {
  // Word for word, the whole of stderr: one line, no stack trace, no secret.
  it.each([
    [
      'no target is configured',
      {},
      'Configuration error: no target to export. Set COPILOT_ENTERPRISES (enterprise slugs) or COPILOT_ORGS (organization logins), comma-separated. To try the exporter without a GitHub token, run `npm run demo`.',
    ],
    [
      'the only target is mistyped',
      { COPILOT_ORG: 'octo-org' },
      'Configuration error: no target to export. COPILOT_ORG is set, but it is not a setting: did you mean COPILOT_ORGS? Set COPILOT_ENTERPRISES (enterprise slugs) or COPILOT_ORGS (organization logins), comma-separated.',
    ],
  ])('exits 2 with one clear message when %s', async (_case, env, message) => {
    const { code, stderr, stdout } = await runCli(['serve'], { GITHUB_TOKEN: 'ghp_secretNeverPrinted123456', ...env });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(message);
    expect(stdout + stderr).not.toContain('ghp_secretNeverPrinted123456');
  });

  it('healthcheck fails when nothing listens', async () => {
    expect((await runCli(['healthcheck'], { PORT: '1' })).code).toBe(1);
  });
});
