/**
 * Collectors end to end, with the default configuration (teams and seats on): the real exporter process
 * against the fake GitHub API. An optional report that GitHub refuses costs only its own collector: the
 * organization keeps its core values and target_up, its unchanged entity report is not downloaded again,
 * each failed attempt is counted once, and the collector recovers at the next poll once GitHub answers.
 */
import { describe, expect, it } from 'vitest';
import type { FakeGitHub, Fault } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { type ExporterProcess, waitFor, waitForLog } from '../helpers/exporter-process.js';
import { isCopilotSeries, sampleKey } from '../helpers/exposition.js';
import { errors, up } from '../helpers/scenario.js';
import { expectedUsageSamples, latestDay } from '../helpers/usage-oracle.js';

const entities: EntityProfile[] = [
  { kind: 'org', slug: 'steady', id: 51, seats: 40, teams: ['api', 'web'] },
  { kind: 'org', slug: 'flaky', id: 52, seats: 40, teams: ['core', 'apps'] },
];
const NOT_FOUND = JSON.stringify({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/copilot/copilot-usage-metrics' });

/**
 * `fault` is in place before the exporter starts: its first poll begins as soon as it listens, and a
 * seats read that got through then would not be asked again for 6 h.
 */
async function start(fault: Fault): Promise<{ fake: FakeGitHub; exporter: ExporterProcess }> {
  const fake = await fakeGitHubForTest({ entities });
  fake.addFault(fault);
  // Only what a user sets: the credential, the targets, and a short interval for the test.
  const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'steady,flaky', REFRESH_INTERVAL: '1', LOG_LEVEL: 'debug' });
  return { fake, exporter };
}

const polls = (exporter: ExporterProcess) => exporter.stdout.filter((line) => line.includes('"msg":"poll complete"')).length;
const collectorSuccess = (values: Map<string, number>, org: string, collector: string) => values.get(sampleKey('github_copilot_exporter_collector_success', { org, collector }));

/** The organization's series of its entity report (no team, user, client-version, repository or seat series), as /metrics serves them. */
function coreOf(values: Map<string, number>, org: string): Map<string, number> {
  const other = ['github_copilot_seat', 'github_copilot_repository_', 'github_copilot_users_by_'];
  return new Map([...values].filter(([key]) => isCopilotSeries(key) && !other.some((prefix) => key.startsWith(prefix)) && key.includes(`"org":"${org}"`) && !key.includes('"team":')));
}

function teamSeries(values: Map<string, number>, org: string): string[] {
  return [...values.keys()].filter((key) => key.startsWith('github_copilot_daily_active_users{') && key.includes(`"org":"${org}"`) && key.includes('"team":'));
}

/** Requests the fake answered on this path with this status. */
const answered = (fake: FakeGitHub, path: string, status: number) => fake.requests.filter((request) => request.path.includes(path) && request.status === status).length;

/** Waits until the failure counter equals the refused requests: each failed attempt is counted exactly once. */
async function countedOncePerAttempt(fake: FakeGitHub, url: string, path: string, status: number, collector: string, reason: string): Promise<number> {
  return waitFor(`one ${reason} per failed ${collector} attempt`, async () => {
    const refused = answered(fake, path, status);
    const counted = errors(await scrapeValues(url), 'flaky', reason, collector);
    return refused >= 3 && counted === refused && answered(fake, path, status) === refused ? counted : undefined;
  }, 20_000);
}

describe('collectors, with the default configuration', () => {
  it('keeps core values and target_up when users-1-day answers 404, downloads nothing again, and recovers', async () => {
    const usersPath = '/orgs/flaky/copilot/metrics/reports/users-1-day';
    const { fake, exporter } = await start({ on: 'api', pathIncludes: usersPath, status: 404, body: NOT_FOUND });
    await waitFor('four polls', async () => (polls(exporter) >= 4 ? true : undefined), 20_000);
    const values = await scrapeValues(exporter.url);

    const expected = expectedUsageSamples(latestDay(fake.reportRows('org', 'flaky')), { org: 'flaky' });
    expect(coreOf(values, 'flaky')).toEqual(expected);
    expect(up(values, 'flaky')).toBe(1);
    expect(collectorSuccess(values, 'flaky', 'people')).toBe(0);
    expect(collectorSuccess(values, 'flaky', 'usage')).toBe(1);
    expect(collectorSuccess(values, 'flaky', 'seats')).toBe(1);
    expect(teamSeries(values, 'flaky')).toEqual([]);
    expect(teamSeries(values, 'steady').length).toBe(2);
    expect(collectorSuccess(values, 'steady', 'people')).toBe(1);
    // The entity report's files were read once, at the first poll, and never again: its report is unchanged.
    const reportFiles = fake.requests.filter((request) => request.on === 'download' && request.path.startsWith('/reports/org/flaky/') && request.path.includes('/part-'));
    expect(reportFiles).toHaveLength(fake.reportRows('org', 'flaky').length);
    await countedOncePerAttempt(fake, exporter.url, usersPath, 404, 'people', 'not_found');
    expect(errors(await scrapeValues(exporter.url), 'flaky', 'not_found')).toBe(0);
    // Logged once, naming what the collector needs, however many polls fail.
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"') && line.includes('"collector":"people"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('COPILOT_TEAM_METRICS=false');

    fake.clearFaults();
    const recovered = await waitFor('people back', async () => {
      const now = await scrapeValues(exporter.url);
      return collectorSuccess(now, 'flaky', 'people') === 1 ? now : undefined;
    }, 20_000);
    const members = new Map<string, number>();
    const active = new Set(fake.userRows('org', 'flaky', fake.endDay).map((row) => row.user_id));
    for (const row of fake.userTeamRows('org', 'flaky', fake.endDay)) if (active.has(row.user_id)) members.set(String(row.slug), (members.get(String(row.slug)) ?? 0) + 1);
    for (const [team, count] of members) expect(recovered.get(sampleKey('github_copilot_daily_active_users', { org: 'flaky', team }))).toBe(count);
    expect(coreOf(recovered, 'flaky')).toEqual(expected);
    // Logged just before collector_success turns 1: the line may reach the test after the scrape that shows it.
    await waitForLog(exporter, 'the people collector of organization flaky works again');
  }, 60_000);

  it('keeps target_up 1 when the seats endpoint answers 403, retries it at every poll despite its 6 h interval, and recovers', async () => {
    const billingPath = '/orgs/flaky/copilot/billing';
    const { fake, exporter } = await start({
      on: 'api',
      pathIncludes: billingPath,
      status: 403,
      headers: { 'x-accepted-github-permissions': 'organization_copilot_seat_management=read' },
      body: JSON.stringify({ message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest/copilot/copilot-user-management' }),
    });
    await countedOncePerAttempt(fake, exporter.url, billingPath, 403, 'seats', 'forbidden');
    const values = await scrapeValues(exporter.url);
    expect(up(values, 'flaky')).toBe(1);
    expect(collectorSuccess(values, 'flaky', 'seats')).toBe(0);
    expect(collectorSuccess(values, 'flaky', 'usage')).toBe(1);
    expect(errors(values, 'flaky', 'forbidden')).toBe(0);
    expect(values.get(sampleKey('github_copilot_seats', { org: 'steady', state: 'total' }))).toBe(40);
    expect(values.get(sampleKey('github_copilot_seats', { org: 'flaky', state: 'total' }))).toBeUndefined();
    expect(coreOf(values, 'flaky').size).toBeGreaterThan(20);
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"') && line.includes('"collector":"seats"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('X-Accepted-GitHub-Permissions: organization_copilot_seat_management=read');

    fake.clearFaults();
    const recovered = await waitFor('seats back', async () => {
      const now = await scrapeValues(exporter.url);
      return collectorSuccess(now, 'flaky', 'seats') === 1 ? now : undefined;
    }, 20_000);
    expect(recovered.get(sampleKey('github_copilot_seats', { org: 'flaky', state: 'total' }))).toBe(40);
    // Once read, the seats wait for their interval: later polls do not ask again.
    const reads = answered(fake, billingPath, 200);
    const pollsSoFar = polls(exporter);
    await waitFor('two more polls', async () => (polls(exporter) >= pollsSoFar + 2 ? true : undefined), 20_000);
    expect(answered(fake, billingPath, 200)).toBe(reads);
  }, 60_000);
});

describe('a users report larger than the old 100 MiB cap', () => {
  it('is streamed and joined into exact team series with the default configuration', async () => {
    // 13,000 active users of about 8 KB a row: over 100 MiB in one file, as an organization of that size has.
    const entity: EntityProfile = { kind: 'org', slug: 'large', id: 61, seats: 14_000, heavyUsers: { count: 13_000, teams: 200 } };
    const fake = await fakeGitHubForTest({ entities: [entity] });
    const heavy = await fake.heavyReport('org', 'large', fake.endDay);
    expect(heavy.users.bytes).toBeGreaterThan(100 * 1024 * 1024);
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'large', REFRESH_INTERVAL: '3600' });
    // The usage and people collectors run side by side: wait for the outcome of both, whichever ends first.
    const values = await waitFor('the team series and the organization report', async () => {
      const now = await scrapeValues(exporter.url);
      return collectorSuccess(now, 'large', 'people') !== undefined && collectorSuccess(now, 'large', 'usage') !== undefined ? now : undefined;
    }, 100_000);
    expect(collectorSuccess(values, 'large', 'people')).toBe(1);
    const teams = Object.entries(heavy.teams);
    expect(teams).toHaveLength(200);
    for (const [team, expected] of teams) {
      for (const [field, value] of Object.entries(expected)) {
        const name = `github_copilot_${field.replace(/_(count|sum)$/, '')}`;
        expect(values.get(sampleKey(name, { org: 'large', team })), `${team} ${name}`).toBe(value);
      }
    }
    expect(up(values, 'large')).toBe(1);
  }, 180_000);
});
