/**
 * Upstream faults, end to end: for each, the process stays up, /metrics keeps the last good values,
 * target_up and poll_errors_total{reason} tell the truth, and recovery is automatic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { type Scenario, ORGS, errors, requests, startScenario, up } from '../helpers/scenario.js';
import { sampleKey } from '../helpers/exposition.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';

const FLAKY = '/orgs/flaky/';

/**
 * Injects a failure on the flaky target, checks the truth is told and nothing is lost, then clears it.
 * A rate limit belongs to the token, so it holds back every target (`shared`); other faults stay local.
 */
async function failsThenRecovers(s: Scenario, reason: string, inject: () => void, shared = false): Promise<void> {
  const good = await s.copilotOf('flaky');
  const steady = await s.copilotOf('steady');
  expect(good.size).toBeGreaterThan(20);
  inject();
  const during = await s.until(`flaky down with ${reason}`, (values) => up(values, 'flaky') === 0 && errors(values, 'flaky', reason) >= 1, 30_000);
  if (!shared) expect(up(during, 'steady')).toBe(1);
  expect(await s.copilotOf('steady')).toEqual(steady);
  expect(await s.copilotOf('flaky')).toEqual(good);
  expect(s.exporter.child.exitCode).toBeNull();
  s.fake.clearFaults();
  await s.until('flaky up again', (values) => up(values, 'flaky') === 1, 30_000);
  expect(await s.copilotOf('flaky')).toEqual(good);
}

/**
 * Waits until a retried request is counted, then until flaky's poll that met it has ended: the retry is
 * counted while that poll still runs, and whether the poll absorbed the fault (target_up, poll errors) is
 * only known at its end. Returns what /metrics says then.
 */
async function afterRetry(s: Scenario, what: string, counted: (values: Map<string, number>) => boolean): Promise<Map<string, number>> {
  await s.until(what, counted);
  const seen = Date.now() / 1000;
  return s.until(`a poll of flaky ended after ${what}`, (values) => (values.get(sampleKey('github_copilot_exporter_last_success_timestamp_seconds', { org: 'flaky' })) ?? 0) > seen);
}

describe('upstream faults', () => {
  it('absorbs a short burst of 500/502/503 with retries, and survives a long one', async () => {
    const s = await startScenario();
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 502, times: 1 });
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 503, times: 1 });
    const absorbed = await afterRetry(s, 'the burst retried', (values) => requests(values, '502') >= 1 && requests(values, '503') >= 1);
    expect(up(absorbed, 'flaky')).toBe(1);
    expect(errors(absorbed, 'flaky', 'server_error')).toBe(0);
    await failsThenRecovers(s, 'server_error', () => s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 500 }));
  }, 60_000);

  it('waits out a 429 with a short retry-after, and fails fast then recovers on a long one', async () => {
    const s = await startScenario();
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 429, headers: { 'retry-after': '1' }, times: 1 });
    const waited = await afterRetry(s, 'the 429 waited out', (values) => requests(values, '429') >= 1);
    expect(errors(waited, 'flaky', 'rate_limited')).toBe(0);
    // A wait longer than GITHUB_RATE_LIMIT_MAX_WAIT (1 s): the poll fails as rate_limited, requests pause, then resume.
    await failsThenRecovers(s, 'rate_limited', () => s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 429, headers: { 'retry-after': '3' }, times: 2 }), true);
  }, 60_000);

  it('treats a 403 with x-ratelimit-remaining 0 as a rate limit until x-ratelimit-reset', async () => {
    const s = await startScenario();
    await failsThenRecovers(s, 'rate_limited', () =>
      s.fake.addFault({
        on: 'api',
        pathIncludes: FLAKY,
        status: 403,
        body: JSON.stringify({ message: 'API rate limit exceeded' }),
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3) },
        times: 1,
      }),
      true,
    );
  }, 60_000);

  it('times out a request that hangs and retries it; a host that keeps hanging fails as timeout', async () => {
    const s = await startScenario();
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, delayMs: 2500, times: 1 });
    const retried = await afterRetry(s, 'a timed-out request', (values) => requests(values, 'timeout') >= 1);
    expect(errors(retried, 'flaky', 'timeout')).toBe(0);
    await failsThenRecovers(s, 'timeout', () => s.fake.addFault({ on: 'api', pathIncludes: FLAKY, delayMs: 2500 }));
  }, 90_000);

  it('retries a connection reset, and reports a persistent one as network', async () => {
    const s = await startScenario();
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, reset: true, times: 1 });
    const retried = await afterRetry(s, 'a reset retried', (values) => requests(values, 'network') >= 1);
    expect(errors(retried, 'flaky', 'network')).toBe(0);
    await failsThenRecovers(s, 'network', () => s.fake.addFault({ on: 'api', pathIncludes: FLAKY, reset: true }));
  }, 60_000);

  it('fetches fresh links once when the download host refuses an expired one', async () => {
    const s = await startScenario();
    s.fake.addFault({ on: 'download', pathIncludes: '/org/flaky/', status: 403, body: '<Error><Code>AuthenticationFailed</Code></Error>', times: 1 });
    s.fake.advanceDay();
    const day = Date.parse(`${s.fake.endDay}T00:00:00Z`) / 1000;
    const after = await s.until('the new day', (values) => values.get(sampleKey('github_copilot_metrics_day_timestamp_seconds', { org: 'flaky' })) === day);
    expect(errors(after, 'flaky', 'invalid_response')).toBe(0);
    expect(up(after, 'flaky')).toBe(1);
    await waitForLog(s.exporter, 'asking GitHub for fresh links');
  });

  it('shows no series but an up target for a 204 (no report yet)', async () => {
    const s = await startScenario();
    const fresh = await fakeGitHubForTest({ entities: ORGS });
    fresh.addFault({ on: 'api', pathIncludes: '/orgs/flaky/', status: 204, body: '' });
    const exporter = await exporterForTest({ GITHUB_API_URL: fresh.apiUrl, GITHUB_TOKEN: fresh.token, COPILOT_ORGS: 'steady,flaky', REFRESH_INTERVAL: '1', COPILOT_SEAT_METRICS: 'false', COPILOT_TEAM_METRICS: 'false' });
    const values = await waitFor('both polled', async () => {
      const map = await scrapeValues(exporter.url);
      return up(map, 'flaky') === 1 && up(map, 'steady') === 1 ? map : undefined;
    });
    expect([...values.keys()].some((key) => key.startsWith('github_copilot_daily_active_users') && key.includes('"org":"flaky"'))).toBe(false);
    await waitForLog(exporter, 'GitHub has no usage report for this target yet');
    // 204 after good data keeps the good data.
    expect((await s.copilotOf('flaky')).size).toBeGreaterThan(20);
    const noReport = () => s.exporter.stdout.filter((line) => line.includes('GitHub has no usage report for this target yet')).length;
    const before = noReport();
    s.fake.addFault({ on: 'api', pathIncludes: FLAKY, status: 204, body: '' });
    // The second 204 starts a poll after the first one (and whatever it did to the values) is done.
    await waitFor('two polls of flaky answered 204', async () => (noReport() >= before + 2 ? true : undefined));
    expect(up((await s.metrics()).values, 'flaky')).toBe(1);
    expect((await s.copilotOf('flaky')).size).toBeGreaterThan(20);
  }, 60_000);
});

describe('credentials and names that fail', () => {
  it('reports a 401 once per poll (no retry storm) and recovers when GITHUB_TOKEN_FILE is rewritten', async () => {
    const fake = await fakeGitHubForTest({ entities: ORGS });
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'copilot-token-')), 'token');
    writeFileSync(tokenFile, `${fake.token}\n`);
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN_FILE: tokenFile, COPILOT_ORGS: 'steady,flaky', REFRESH_INTERVAL: '1', COPILOT_SEAT_METRICS: 'false', COPILOT_TEAM_METRICS: 'false', LOG_LEVEL: 'debug' });
    const read = () => scrapeValues(exporter.url);
    // Both targets must have served their data before the token goes bad, or `good` misses one.
    await waitFor('both up', async () => {
      const values = await read();
      return up(values, 'flaky') === 1 && up(values, 'steady') === 1 ? true : undefined;
    });
    const good = [...(await read())].filter(([key]) => key.startsWith('github_copilot_daily_active_users'));
    fake.setToken('ghp_rotatedTokenNobodyToldTheExporter00');
    const before = fake.requests.length;
    // The targets are polled side by side: a poll may have asked for one before the token changed and for
    // the other after. Wait until both have failed twice, so that both are down now.
    const unauthorized = (values: Map<string, number>) => ORGS.map((org) => errors(values, org.slug, 'unauthorized'));
    await waitFor('unauthorized', async () => (unauthorized(await read()).every((count) => count >= 2) ? true : undefined));
    const failedAttempts = unauthorized(await read()).reduce((sum, count) => sum + count, 0);
    const apiRequests = fake.requests.slice(before).filter((request) => request.on === 'api').length;
    // One request per failed attempt, and at most one more per target in flight: a 401 is not retried.
    expect(apiRequests).toBeLessThanOrEqual(failedAttempts + ORGS.length);
    const during = await read();
    expect(up(during, 'steady')).toBe(0);
    expect([...during].filter(([key]) => key.startsWith('github_copilot_daily_active_users'))).toEqual(good);
    expect(exporter.stdout.join('\n')).toContain('GitHub rejected the credential with 401 Bad credentials');
    writeFileSync(tokenFile, `${fake.token}\n`);
    await waitFor('recovered', async () => (up(await read(), 'flaky') === 1 && up(await read(), 'steady') === 1 ? true : undefined));
    expect(exporter.stdout.join('\n') + exporter.stderr.join('')).not.toContain('ghp_rotatedTokenNobodyToldTheExporter00');
  }, 60_000);

  it('stays up when the API host name does not resolve, saying network', async () => {
    const exporter = await exporterForTest({ GITHUB_API_URL: 'http://api.copilot-fake.invalid', GITHUB_TOKEN: 'ghp_dnsTestToken000000000000000000000', COPILOT_ORGS: 'octo', REFRESH_INTERVAL: '1', GITHUB_REQUEST_TIMEOUT: '2', COPILOT_SEAT_METRICS: 'false' });
    const values = await waitFor(
      'a network error',
      async () => {
        const map = await scrapeValues(exporter.url);
        return errors(map, 'octo', 'network') >= 1 ? map : undefined;
      },
      30_000,
    );
    expect(up(values, 'octo')).toBe(0);
    // The failure is logged just after it is counted.
    await waitForLog(exporter, /Network error talking to GitHub: (ENOTFOUND|EAI_AGAIN)/);
    expect(exporter.child.exitCode).toBeNull();
  }, 40_000);

  it('keeps the last good values through a DNS outage of the API host, and recovers when it resolves again', async () => {
    const dnsDown = join(mkdtempSync(join(tmpdir(), 'copilot-dns-')), 'down');
    const s = await startScenario({}, { FAKE_DNS_DOWN_FILE: dnsDown }, { apiHost: 'api.copilot-fake.test', imports: ['test/e2e/programs/switchable-dns.ts'] });
    const everyOrg = () => Promise.all(ORGS.map((org) => s.copilotOf(org.slug)));
    const good = await everyOrg();
    expect(good.reduce((series, org) => series + org.size, 0)).toBeGreaterThan(40);
    writeFileSync(dnsDown, '');
    // Kept-alive connections outlive a DNS outage; only new ones need the name resolved.
    s.fake.dropApiConnections();
    await s.until('both down with network', (values) => ORGS.every((org) => up(values, org.slug) === 0 && errors(values, org.slug, 'network') >= 1), 30_000);
    expect(await everyOrg()).toEqual(good);
    await waitForLog(s.exporter, /Network error talking to GitHub: ENOTFOUND/);
    rmSync(dnsDown);
    await s.until('both up again', (values) => ORGS.every((org) => up(values, org.slug) === 1), 30_000);
    expect(await everyOrg()).toEqual(good);
    expect(s.exporter.child.exitCode).toBeNull();
  }, 60_000);
});
