import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GITHUB_API_VERSION } from '../../src/github/api-version.js';
import { GitHubClient } from '../../src/github/client.js';
import { latest28DayReport } from '../../src/github/endpoints.js';
import { USER_AGENT } from '../../src/version.js';
import { rejection, useNock } from '../helpers/nock.js';
import { FakeClock, RecordingObserver, capturingLogger, silentLogger, staticCredentials } from '../helpers/fakes.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_clientTestToken0123456789abcdef';
const org = latest28DayReport({ kind: 'org', slug: 'octo-org' });
const enterprise = latest28DayReport({ kind: 'enterprise', slug: 'octo-ent' });
const LINKS = { download_links: ['https://copilot-reports.github.test/a.ndjson'], report_start_day: '2026-10-24', report_end_day: '2026-11-20' };

function makeClient(options: { timeoutMs?: number } = {}) {
  const clock = new FakeClock();
  const observer = new RecordingObserver();
  const client = new GitHubClient({
    apiUrl: API,
    credentials: staticCredentials(TOKEN),
    timeoutMs: options.timeoutMs ?? 2000,
    logger: silentLogger,
    observer,
    clock,
    random: () => 0.5,
  });
  return { client, clock, observer };
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}


useNock();

describe('GitHubClient requests', () => {
  it('sends GitHub headers and parses a 200', async () => {
    nock(API, {
      reqheaders: {
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': GITHUB_API_VERSION,
        'user-agent': USER_AGENT,
      },
    })
      .get('/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest')
      .reply(200, LINKS);
    const { client, observer } = makeClient();
    await expect(client.getJson(org)).resolves.toEqual({ status: 200, body: LINKS, notModified: false });
    expect(observer.requests).toEqual([{ endpoint: '/orgs/{org}/copilot/metrics/reports/organization-28-day/latest', code: '200' }]);
    expect(USER_AGENT).toMatch(/^github-copilot-exporter\/\d+\.\d+\.\d+/);
  });

  it('passes query parameters', async () => {
    nock(API).get('/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest').query({ day: '2026-11-01' }).reply(200, LINKS);
    await expect(makeClient().client.getJson(org, { day: '2026-11-01' })).resolves.toMatchObject({ status: 200 });
  });

  it('answers 204 without a body', async () => {
    nock(API).get(org.path).reply(204);
    await expect(makeClient().client.getJson(org)).resolves.toEqual({ status: 204, body: undefined, notModified: false });
  });

  it('sends If-None-Match with the last ETag and reuses the cached body on 304', async () => {
    nock(API).get(org.path).reply(200, LINKS, { etag: '"v1"' });
    nock(API, { reqheaders: { 'if-none-match': '"v1"' } })
      .get(org.path)
      .reply(304);
    const { client, observer } = makeClient();
    await client.getJson(org);
    await expect(client.getJson(org)).resolves.toEqual({ status: 200, body: LINKS, notModified: true });
    expect(observer.requests.map((request) => request.code)).toEqual(['200', '304']);
  });

  it('keeps ETags per URL', async () => {
    nock(API).get(org.path).reply(200, LINKS, { etag: '"org"' });
    nock(API, { badheaders: ['if-none-match'] })
      .get(enterprise.path)
      .reply(200, LINKS, { etag: '"ent"' });
    const { client } = makeClient();
    await client.getJson(org);
    await client.getJson(enterprise);
  });

  it('feeds rate-limit headers to the observer', async () => {
    nock(API)
      .get(org.path)
      .reply(200, LINKS, { 'x-ratelimit-remaining': '4321', 'x-ratelimit-reset': '1795550000', 'x-ratelimit-resource': 'core' });
    const { client, observer } = makeClient();
    await client.getJson(org);
    expect(observer.rateLimits).toEqual([{ resource: 'core', remaining: 4321, resetEpochSeconds: 1795550000 }]);
  });

  it('rejects a 200 that is not JSON as invalid_response', async () => {
    nock(API).get(org.path).reply(200, '<html>captive portal</html>');
    const error = await rejection(makeClient().client.getJson(org));
    expect(error.reason).toBe('invalid_response');
  });
});

describe('GitHubClient errors', () => {
  it.each([
    [401, 'unauthorized', 'GitHub rejected the credential with 401 Bad credentials'],
    [404, 'not_found', 'GitHub answered 404 Not Found'],
    [422, 'policy_disabled', 'GitHub answered 422 Unprocessable Entity'],
    [410, 'not_found', 'GitHub answered 410 Gone'],
    [418, 'invalid_response', 'GitHub answered an unexpected 418'],
  ])('%i becomes %s without a retry', async (status, reason, start) => {
    nock(API).get(org.path).once().reply(status, { message: 'GitHub message' });
    const { client, clock } = makeClient();
    const error = await rejection(client.getJson(org));
    expect(error.reason).toBe(reason);
    expect(error.details).toMatchObject({ status, endpoint: org.template });
    expect(error.message).toBe(`${start} (GET ${API}${org.path}). GitHub says: "GitHub message".`);
    expect(error.message).not.toContain(TOKEN);
    expect(clock.sleeps).toEqual([]);
  });

  it('403 for a missing scope names X-Accepted-GitHub-Permissions', async () => {
    nock(API)
      .get(org.path)
      .reply(403, { message: 'Resource not accessible by personal access token' }, { 'x-accepted-github-permissions': 'organization_copilot_metrics=read' });
    const error = await rejection(makeClient().client.getJson(org));
    expect(error.reason).toBe('forbidden');
    expect(error.describe()).toContain('X-Accepted-GitHub-Permissions: organization_copilot_metrics=read');
    expect(error.describe()).toContain('Resource not accessible by personal access token');
  });

  it('403 without the header names the classic scopes', async () => {
    nock(API).get(enterprise.path).reply(403, { message: 'Must have admin rights' });
    const error = await rejection(makeClient().client.getJson(enterprise));
    expect(error.describe()).toContain('manage_billing:copilot or read:enterprise for enterprises, read:org for organizations');
  });

  it('retries a 500 with growing, jittered backoff, then succeeds', async () => {
    nock(API).get(org.path).times(2).reply(500, { message: 'boom' });
    nock(API).get(org.path).reply(200, LINKS);
    const { client, clock, observer } = makeClient();
    await expect(client.getJson(org)).resolves.toMatchObject({ status: 200 });
    // base 1 s doubling, half of it random (random() = 0.5 here): 0.75 s, then 1.5 s
    expect(clock.sleeps).toEqual([750, 1500]);
    expect(observer.requests.map((request) => request.code)).toEqual(['500', '500', '200']);
  });

  it('gives up on a persisting 5xx as server_error', async () => {
    nock(API).get(org.path).times(4).reply(502, 'bad gateway');
    const { client, clock } = makeClient();
    const error = await rejection(client.getJson(org));
    expect(error.reason).toBe('server_error');
    expect(clock.sleeps).toHaveLength(3);
  });

  it('retries a connection reset, then reports network', async () => {
    nock(API).get(org.path).times(4).replyWithError(networkError('ECONNRESET'));
    const error = await rejection(makeClient().client.getJson(org));
    expect(error.reason).toBe('network');
    expect(error.message).toContain('ECONNRESET');
  });

  it('recovers when a network error is followed by an answer', async () => {
    nock(API).get(org.path).replyWithError(networkError('ECONNREFUSED'));
    nock(API).get(org.path).reply(200, LINKS);
    const { client, observer } = makeClient();
    await expect(client.getJson(org)).resolves.toMatchObject({ status: 200 });
    expect(observer.requests.map((request) => request.code)).toEqual(['network', '200']);
  });

  it('abandons a request that hangs past the timeout, as timeout', async () => {
    nock(API).get(org.path).times(4).delay(500).reply(200, LINKS);
    const error = await rejection(makeClient({ timeoutMs: 50 }).client.getJson(org));
    expect(error.reason).toBe('timeout');
  });
});

describe('GitHubClient rate limits', () => {
  it('429 with retry-after waits exactly that long, then retries', async () => {
    nock(API).get(org.path).reply(429, { message: 'slow down' }, { 'retry-after': '30' });
    nock(API).get(org.path).reply(200, LINKS);
    const { client, clock } = makeClient();
    await expect(client.getJson(org)).resolves.toMatchObject({ status: 200 });
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('403 with x-ratelimit-remaining 0 waits until x-ratelimit-reset', async () => {
    const { client, clock } = makeClient();
    const reset = Math.floor(clock.now() / 1000) + 90;
    nock(API)
      .get(org.path)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    nock(API).get(org.path).reply(200, LINKS);
    await client.getJson(org);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBe(reset * 1000 - Date.parse('2026-11-24T12:00:00Z') + 1000);
  });

  it('a secondary limit without headers backs off at least a minute', async () => {
    nock(API).get(org.path).reply(403, { message: 'You have exceeded a secondary rate limit' });
    nock(API).get(org.path).reply(200, LINKS);
    const { client, clock } = makeClient();
    await client.getJson(org);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(60_000);
  });

  it('a wait longer than the limit fails as rate_limited and holds back every request until the reset', async () => {
    const { client, clock } = makeClient();
    const reset = Math.floor(clock.now() / 1000) + 3600;
    nock(API)
      .get(org.path)
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) });
    const error = await rejection(client.getJson(org));
    expect(error.reason).toBe('rate_limited');
    expect(error.describe()).toContain(`Requests pause until ${new Date(reset * 1000 + 1000).toISOString()}`);
    // No request leaves (nock would fail on an unexpected one) until the reset has passed.
    expect((await rejection(client.getJson(enterprise))).reason).toBe('rate_limited');
    clock.time = reset * 1000 + 2000;
    nock(API).get(enterprise.path).reply(200, LINKS);
    await expect(client.getJson(enterprise)).resolves.toMatchObject({ status: 200 });
  });

  it('stops retrying a rate limit that keeps coming back', async () => {
    nock(API).get(org.path).times(4).reply(429, {}, { 'retry-after': '1' });
    const { client, clock } = makeClient();
    expect((await rejection(client.getJson(org))).reason).toBe('rate_limited');
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });
});

describe('GitHubClient credentials', () => {
  it('does not send the token along a redirect to another host', async () => {
    nock(API).get(org.path).reply(302, '', { location: 'https://elsewhere.test/landing' });
    nock('https://elsewhere.test', { badheaders: ['authorization'] })
      .get('/landing')
      .reply(200, LINKS);
    await expect(makeClient().client.getJson(org)).resolves.toMatchObject({ status: 200 });
  });

  it('logs requests at debug level without the token', async () => {
    nock(API).get(org.path).reply(401, { message: 'Bad credentials' });
    const { logger, lines } = capturingLogger([]);
    const client = new GitHubClient({ apiUrl: API, credentials: staticCredentials(TOKEN), timeoutMs: 1000, logger, clock: new FakeClock() });
    await rejection(client.getJson(org));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(org.template);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});
