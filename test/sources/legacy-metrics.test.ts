import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { LegacyMetricsSource } from '../../src/sources/legacy-metrics.js';
import type { TargetData } from '../../src/sources/source.js';
import type { Target } from '../../src/targets.js';
import { FakeClock, silentLogger, staticCredentials } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_legacyTestToken0123456789abcdef';

function makeSource() {
  const client = new GitHubClient({ apiUrl: API, credentials: staticCredentials(TOKEN), timeoutMs: 2000, logger: silentLogger, clock: new FakeClock(), random: () => 0.5 });
  return new LegacyMetricsSource(client);
}

const day = (date: string, active: number) => ({ date, total_active_users: active });
const activeUsers = (data: TargetData | 'unchanged') =>
  data === 'unchanged' ? undefined : data.samples.find((sample) => sample.family.name === 'github_copilot_active_users');

useNock();

describe('LegacyMetricsSource', () => {
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
    const sample = activeUsers(await makeSource().poll(target, undefined));
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
    const data = await makeSource().poll({ kind: 'org', slug: 'octo' }, undefined);
    expect(activeUsers(data)?.value).toBe(5);
    expect(data).toMatchObject({ day: '2026-11-05' });
  });

  it('refuses a next link that leaves the API', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [], { link: '<https://evil.test/steal?page=2>; rel="next"' });
    const error = await rejection(makeSource().poll({ kind: 'org', slug: 'octo' }, undefined));
    expect(error.reason).toBe('invalid_response');
  });

  it('passes since and until through to GitHub', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query({ per_page: '100', since: '2026-11-01', until: '2026-11-03' }).reply(200, [day('2026-11-02', 2)]);
    await expect(makeSource().fetchDays({ kind: 'org', slug: 'octo' }, { since: '2026-11-01', until: '2026-11-03' })).resolves.toEqual([day('2026-11-02', 2)]);
  });

  it('reports an unchanged latest day as unchanged', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).twice().reply(200, [day('2026-11-19', 4)]);
    const source = makeSource();
    const first = await source.poll({ kind: 'org', slug: 'octo' }, undefined);
    if (first === 'unchanged') throw new Error('expected data');
    await expect(source.poll({ kind: 'org', slug: 'octo' }, first.reportKey)).resolves.toBe('unchanged');
  });

  it('gives no series when GitHub returns no day', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, []);
    await expect(makeSource().poll({ kind: 'org', slug: 'octo' }, undefined)).resolves.toEqual({ samples: [], reportKey: '' });
  });

  it.each([
    [403, 'forbidden', 'These endpoints need a token with manage_billing:copilot, read:org (organizations and teams) or read:enterprise (enterprises)'],
    [404, 'not_found', 'GitHub closed the /copilot/metrics endpoints on 2026-04-02 and answers 404 since: for live data set COPILOT_API=usage-metrics.'],
    [422, 'policy_disabled', 'Enable the "Copilot Metrics API access" policy'],
  ])('%i becomes %s with what to do', async (status, reason, hint) => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(status, { message: 'GitHub says no' });
    const error = await rejection(makeSource().poll({ kind: 'org', slug: 'octo' }, undefined));
    expect(error.reason).toBe(reason);
    expect(error.describe()).toContain(hint);
    expect(error.details.endpoint).toBe('/orgs/{org}/copilot/metrics');
  });

  it('retries a 500 and then succeeds', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(500, { message: 'boom' });
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [day('2026-11-19', 4)]);
    expect(activeUsers(await makeSource().poll({ kind: 'org', slug: 'octo' }, undefined))?.value).toBe(4);
  });

  it('rejects a latest day with a wrong type, naming the field and the day', async () => {
    nock(API).get('/orgs/octo/copilot/metrics').query(true).reply(200, [{ date: '2026-11-19', total_engaged_users: '12' }]);
    const error = await rejection(makeSource().poll({ kind: 'org', slug: 'octo' }, undefined));
    expect(error.message).toBe('The Copilot metrics of organization octo for 2026-11-19 are malformed: total_engaged_users is "12", expected a non-negative number.');
  });
});
