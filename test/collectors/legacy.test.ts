/**
 * The `legacy` collector: GitHub's original Copilot Metrics API, its change token (latest day and a
 * digest of its content), and the ranged history read by the backfill.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Attempt, DayResult } from '../../src/collectors/collector.js';
import { type LegacyToken, fetchLegacyDays, legacyCollector, legacyHistory } from '../../src/collectors/legacy.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import type { Target } from '../../src/targets.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { FakeClock } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_legacyTestToken0123456789abcdef';
const ORG: Target = { kind: 'org', slug: 'octo' };

const deps = () => collectorDeps({ apiUrl: API, token: TOKEN, clock: new FakeClock(), config: configFrom({ COPILOT_API: 'legacy-metrics' }) });

function collect(target: Target, previous?: LegacyToken, shared = deps()): Promise<Attempt<LegacyToken>> {
  return legacyCollector.collect(shared, target, previous, targetPollContext(shared, target));
}

const day = (date: string, active: number) => ({ date, total_active_users: active });
const activeUsers = (data: Attempt<LegacyToken>) =>
  data === 'unchanged' ? undefined : data.samples.find((sample) => sample.family.name === 'github_copilot_active_users');

useNock();

describe('the legacy collector', () => {
  it('is the main report with COPILOT_API=legacy-metrics, for every kind of target', () => {
    expect(legacyCollector).toMatchObject({ name: 'legacy', main: true });
    expect(legacyCollector.enabled(configFrom({ COPILOT_API: 'legacy-metrics' }))).toBe(true);
    expect(legacyCollector.enabled(configFrom())).toBe(false);
    expect(legacyCollector.appliesTo({ kind: 'enterprise', slug: 'big', team: 'ai' })).toBe(true);
  });

  it.each<[string, Target, string, Record<string, string>]>([
    ['an enterprise', { kind: 'enterprise', slug: 'big' }, '/enterprises/big/copilot/metrics', { enterprise: 'big' }],
    ['an enterprise team', { kind: 'enterprise', slug: 'big', team: 'ai' }, '/enterprises/big/team/ai/copilot/metrics', { enterprise: 'big', team: 'ai' }],
    ['an organization', { kind: 'org', slug: 'octo' }, '/orgs/octo/copilot/metrics', { org: 'octo' }],
    ['a team', { kind: 'org', slug: 'octo', team: 'web' }, '/orgs/octo/team/web/copilot/metrics', { org: 'octo', team: 'web' }],
  ])('polls %s at its endpoint, with its scope labels', async (_scope, target, path, labels) => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get(path)
      .query({ per_page: '100' })
      .reply(200, [day('2026-11-19', 4)]);
    const sample = activeUsers(await collect(target));
    expect(sample?.labels).toEqual(labels);
    expect(sample?.value).toBe(4);
  });

  it('follows Link rel="next" over several pages and exports the latest day present', async () => {
    const path = '/orgs/octo/copilot/metrics';
    const link = (page: number) => `<${API}${path}?per_page=100&page=${page}>; rel="next", <${API}${path}?per_page=100&page=3>; rel="last"`;
    nock(API).get(path).query({ per_page: '100' }).reply(200, [day('2026-11-01', 1), day('2026-11-02', 2)], { link: link(2) });
    nock(API).get(path).query({ per_page: '100', page: '2' }).reply(200, [day('2026-11-05', 5), day('2026-11-03', 3)], { link: link(3) });
    // GitHub leaves out days with fewer than five licensed members: 2026-11-06 and later are missing.
    nock(API).get(path).query({ per_page: '100', page: '3' }).reply(200, [day('2026-11-04', 4)]);
    const data = await collect(ORG);
    expect(activeUsers(data)?.value).toBe(5);
    expect(data).toMatchObject({ day: '2026-11-05', token: { day: '2026-11-05' } });
  });

  it('refuses a next link that leaves the API', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [], { link: '<https://evil.test/steal?page=2>; rel="next"' });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('invalid_response');
  });

  it('passes since and until through to GitHub', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query({ per_page: '100', since: '2026-11-01', until: '2026-11-03' }).reply(200, [day('2026-11-02', 2)]);
    await expect(fetchLegacyDays(deps().client, ORG, { since: '2026-11-01', until: '2026-11-03' })).resolves.toEqual([day('2026-11-02', 2)]);
  });

  it('gives no series when GitHub returns no day', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, []);
    await expect(collect(ORG)).resolves.toEqual({ token: { day: '', digest: '' }, samples: [] });
  });

  it.each([
    [403, 'forbidden', 'These endpoints need a token with manage_billing:copilot, read:org (organizations and teams) or read:enterprise (enterprises)'],
    [404, 'not_found', 'GitHub closed the /copilot/metrics endpoints on 2026-04-02 and answers 404 since: for live data set COPILOT_API=usage-metrics.'],
    [422, 'policy_disabled', 'Enable the "Copilot Metrics API access" policy'],
  ])('%i becomes %s with what to do', async (status, reason, hint) => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(status, { message: 'GitHub says no' });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe(reason);
    expect(error.details.status).toBe(status);
    expect(error.describe()).toContain(hint);
    expect(error.details.endpoint).toBe('/orgs/{org}/copilot/metrics');
  });

  it('keeps the permission GitHub names in a 403 before its own advice', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(403, { message: 'Resource not accessible by integration' }, { 'x-accepted-github-permissions': 'organization_copilot_seat_management=read' });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('forbidden');
    expect(error.details.hint).toBe(
      'GitHub names the permission it accepts: X-Accepted-GitHub-Permissions: organization_copilot_seat_management=read. These endpoints need a token with manage_billing:copilot, read:org (organizations and teams) or read:enterprise (enterprises), held by an owner or billing manager.',
    );
  });

  it('retries a 500 and then succeeds', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(500, { message: 'boom' });
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [day('2026-11-19', 4)]);
    expect(activeUsers(await collect(ORG))?.value).toBe(4);
  });

  it('rejects a latest day with a wrong type, naming the field and the day', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [{ date: '2026-11-19', total_engaged_users: '12' }]);
    const error = await rejection(collect(ORG));
    expect(error.message).toBe('The Copilot metrics of organization octo for 2026-11-19 are malformed: total_engaged_users is "12", expected a non-negative integer.');
  });
});

describe('the legacy change token (latest day and its digest)', () => {
  it('reports an unchanged latest day as unchanged', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).twice().reply(200, [day('2026-11-19', 4)]);
    const shared = deps();
    const first = await collect(ORG, undefined, shared);
    if (first === 'unchanged') throw new Error('expected data');
    expect(first.token).toEqual({ day: '2026-11-19', digest: expect.stringMatching(/^[0-9a-f]{16}$/) });
    await expect(collect(ORG, first.token, shared)).resolves.toBe('unchanged');
  });

  it('the same day corrected by GitHub is new data, with a new digest', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [day('2026-11-19', 4)]);
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [day('2026-11-19', 6)]);
    const first = await collect(ORG);
    if (first === 'unchanged') throw new Error('expected data');
    const second = await collect(ORG, first.token);
    if (second === 'unchanged') throw new Error('expected data');
    expect(second.token.day).toBe('2026-11-19');
    expect(second.token.digest).not.toBe(first.token.digest);
    expect(activeUsers(second)?.value).toBe(6);
  });

  it('a new day is new data', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [day('2026-11-19', 4), day('2026-11-20', 8)]);
    const data = await collect(ORG, { day: '2026-11-19', digest: 'whatever-it-was' });
    expect(data).toMatchObject({ day: '2026-11-20', token: { day: '2026-11-20' } });
    expect(activeUsers(data)?.value).toBe(8);
  });
});

describe('legacy history (one ranged request, for the backfill)', () => {
  it('asks for the whole range once and reports each day: its samples, no report, or a malformed day', async () => {
    nock(API)
      .get('/orgs/octo/copilot/metrics')
      .query({ per_page: '100', since: '2026-11-17T00:00:00Z', until: '2026-11-19T23:59:59Z' })
      .reply(200, [day('2026-11-17', 3), { date: '2026-11-19', total_engaged_users: 'x' }]);
    const results = new Map<string, DayResult>();
    await legacyHistory(deps().client).fetchHistory(ORG, ['2026-11-19', '2026-11-17', '2026-11-18'], 4, (date, result) => results.set(date, result));
    expect([...results.keys()]).toEqual(['2026-11-17', '2026-11-18', '2026-11-19']);
    const first = results.get('2026-11-17');
    expect(Array.isArray(first) && first.find((sample) => sample.family.name === 'github_copilot_active_users')?.value).toBe(3);
    expect(results.get('2026-11-18')).toBe('no-report');
    expect(results.get('2026-11-19')).toMatchObject({ reason: 'invalid_response' });
  });

  it('reports a failed request for every day', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(404, { message: 'Not Found' });
    const results = new Map<string, DayResult>();
    await legacyHistory(deps().client).fetchHistory(ORG, ['2026-11-18', '2026-11-19'], 1, (date, result) => results.set(date, result));
    expect([...results.values()].map((result) => (result as { reason: string }).reason)).toEqual(['not_found', 'not_found']);
  });
});
