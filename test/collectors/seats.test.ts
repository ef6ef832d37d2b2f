/**
 * The `seats` collector: the billing breakdown of organizations, the paginated seat list of
 * enterprises (and of organizations with per-user metrics), read every SEATS_REFRESH_INTERVAL.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/collectors/collector.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import { type SeatsToken, seatsCollector } from '../../src/collectors/seats.js';
import type { ExporterConfig, Target } from '../../src/config/exporter-config.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { valuesOf } from '../helpers/exposition.js';
import { FakeClock } from '../helpers/fakes.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_seatsTestToken0123456789abcdefg';
const ORG: Target = { kind: 'org', slug: 'octo' };
const ENTERPRISE: Target = { kind: 'enterprise', slug: 'acme' };
const BILLING = '/orgs/octo/copilot/billing';
const ORG_SEATS = '/orgs/octo/copilot/billing/seats';
const ENTERPRISE_SEATS = '/enterprises/acme/copilot/billing/seats';
const NOW = Date.parse('2026-11-20T12:00:00Z');

function setup(env: Record<string, string> = {}) {
  const clock = new FakeClock(NOW);
  const config = configFrom(env);
  return { clock, config, deps: collectorDeps({ apiUrl: API, token: TOKEN, clock, config }) };
}

function collect(target: Target, shared = setup().deps, previous?: SeatsToken): Promise<Attempt<SeatsToken>> {
  return seatsCollector.collect(shared, target, previous, targetPollContext(shared, target));
}

function collected(attempt: Attempt<SeatsToken>) {
  if (attempt === 'unchanged') throw new Error('seats are never unchanged');
  return { ...attempt, values: valuesOf(attempt.samples) };
}

const seat = (login: string, at: string | null, plan = 'business') => ({ assignee: { login }, last_activity_at: at, plan_type: plan });

/** Link headers of a paginated seat list. */
const nextLink = (path: string, page: number) => ({ link: `<${API}${path}?per_page=100&page=${page}>; rel="next"` });

useNock();

describe('the seats collector', () => {
  it('is optional, on by default, read every SEATS_REFRESH_INTERVAL, for organizations and enterprises but not teams', () => {
    expect(seatsCollector).toMatchObject({ name: 'seats', main: false });
    expect(seatsCollector.enabled(configFrom())).toBe(true);
    expect(seatsCollector.enabled(configFrom({ COPILOT_SEAT_METRICS: 'false' }))).toBe(false);
    expect(seatsCollector.refreshIntervalMs(configFrom())).toBe(21_600_000);
    expect(seatsCollector.refreshIntervalMs(configFrom({ SEATS_REFRESH_INTERVAL: '60' }))).toBe(60_000);
    expect(seatsCollector.appliesTo(ORG)).toBe(true);
    expect(seatsCollector.appliesTo(ENTERPRISE)).toBe(true);
    expect(seatsCollector.appliesTo({ kind: 'org', slug: 'octo', team: 'web' })).toBe(false);
  });

  it.each<[string, Target, ExporterConfig, string[]]>([
    ['an organization', ORG, configFrom(), ['/orgs/{org}/copilot/billing']],
    ['an organization with per-user metrics', ORG, configFrom({ COPILOT_USER_METRICS: 'true' }), ['/orgs/{org}/copilot/billing', '/orgs/{org}/copilot/billing/seats']],
    ['an enterprise', ENTERPRISE, configFrom(), ['/enterprises/{enterprise}/copilot/billing/seats']],
  ])('reads for %s', (_case, target, config, templates) => {
    expect(seatsCollector.endpoints(target, config).map((use) => use.endpoint.template)).toEqual(templates);
  });

  it('maps an organization’s billing breakdown (GitHub’s example) to one series per state, without reading the seat list', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get(BILLING)
      .reply(200, readGitHubExample('example-copilot-organization-details.json'));
    const { token, values, droppedUsers } = collected(await collect(ORG));
    expect(token).toEqual({ readAt: NOW });
    expect(droppedUsers).toBe(0);
    expect(values).toEqual({
      'github_copilot_seats{"org":"octo","state":"total"}': 12,
      'github_copilot_seats{"org":"octo","state":"active_this_cycle"}': 12,
      'github_copilot_seats{"org":"octo","state":"inactive_this_cycle"}': 11,
      'github_copilot_seats{"org":"octo","state":"added_this_cycle"}': 9,
      'github_copilot_seats{"org":"octo","state":"pending_invitation"}': 0,
      'github_copilot_seats{"org":"octo","state":"pending_cancellation"}': 0,
    });
  });

  it('reads an enterprise’s seat list over every page: total_seats, plan types and activity windows', async () => {
    nock(API)
      .get(ENTERPRISE_SEATS)
      .query({ per_page: '100' })
      .reply(200, { total_seats: 5, seats: [seat('ann', '2026-11-19T12:00:00Z'), seat('bob', '2026-11-01T00:00:00Z', 'enterprise')] }, nextLink(ENTERPRISE_SEATS, 2))
      .get(ENTERPRISE_SEATS)
      .query({ per_page: '100', page: '2' })
      .reply(200, { total_seats: 5, seats: [seat('cid', null), seat('dee', '2026-10-01T00:00:00Z')] }, nextLink(ENTERPRISE_SEATS, 3))
      .get(ENTERPRISE_SEATS)
      .query({ per_page: '100', page: '3' })
      .reply(200, { total_seats: 5, seats: [{ assignee: { login: 'eve' }, last_activity_at: '2026-11-18T00:00:00Z' }] });
    const { token, values } = collected(await collect(ENTERPRISE));
    expect(token).toEqual({ readAt: NOW });
    expect(values).toEqual({
      'github_copilot_seats{"enterprise":"acme","state":"total"}': 5,
      'github_copilot_seats_active{"enterprise":"acme","window":"7d"}': 2,
      'github_copilot_seats_active{"enterprise":"acme","window":"28d"}': 3,
      'github_copilot_seats_by_plan_type{"enterprise":"acme","plan_type":"business"}': 3,
      'github_copilot_seats_by_plan_type{"enterprise":"acme","plan_type":"enterprise"}': 1,
      'github_copilot_seats_by_plan_type{"enterprise":"acme","plan_type":"unknown"}': 1,
    });
  });

  it('with per-user metrics, also reads an organization’s seat list for each holder’s last activity, capped', async () => {
    const { deps } = setup({ COPILOT_USER_METRICS: 'true', COPILOT_USER_METRICS_MAX_USERS: '2' });
    nock(API)
      .get(BILLING)
      .reply(200, readGitHubExample('example-copilot-organization-details.json'))
      .get(ORG_SEATS)
      .query({ per_page: '100' })
      .reply(200, { total_seats: 3, seats: [seat('ann', '2026-11-19T12:00:00Z'), seat('bob', '2026-11-01T00:00:00Z')] }, nextLink(ORG_SEATS, 2))
      .get(ORG_SEATS)
      .query({ per_page: '100', page: '2' })
      .reply(200, { total_seats: 3, seats: [seat('cid', '2026-10-01T00:00:00Z')] });
    const { values, droppedUsers } = collected(await collect(ORG, deps));
    expect(droppedUsers).toBe(1);
    expect(values['github_copilot_seats{"org":"octo","state":"total"}']).toBe(12);
    expect(values['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"ann"}']).toBe(Date.parse('2026-11-19T12:00:00Z') / 1000);
    expect(values['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"bob"}']).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
    expect(Object.keys(values).filter((key) => key.includes('"user":"cid"'))).toEqual([]);
  });

  it('reads again whenever asked (the poller keeps the refresh interval), with the time of each read as the token', async () => {
    const { deps, clock } = setup();
    nock(API).get(BILLING).twice().reply(200, readGitHubExample('example-copilot-organization-details.json'));
    const first = collected(await collect(ORG, deps));
    clock.time += 3_600_000;
    const second = collected(await collect(ORG, deps, first.token));
    expect(second.token).toEqual({ readAt: NOW + 3_600_000 });
    expect(second.values).toEqual(first.values);
  });

  it('rejects a malformed answer, naming what is wrong', async () => {
    nock(API).get(ENTERPRISE_SEATS).query(true).reply(200, { total_seats: 1, seats: [seat('ann', 'yesterday')] });
    const error = await rejection(collect(ENTERPRISE));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe('The Copilot seats of enterprise acme are malformed: last_activity_at is "yesterday", expected a date.');
  });

  it.each<[string, unknown]>([
    ['a negative count', -1],
    ['a fraction', 11.5],
    ['text', '11'],
  ])('rejects a billing breakdown with %s, in the one message format', async (_case, inactive) => {
    const example = readGitHubExample<{ seat_breakdown: Record<string, unknown> }>('example-copilot-organization-details.json');
    nock(API)
      .get(BILLING)
      .reply(200, { ...example, seat_breakdown: { ...example.seat_breakdown, inactive_this_cycle: inactive } });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`The Copilot seats of organization octo are malformed: seat_breakdown.inactive_this_cycle is ${JSON.stringify(inactive)}, expected a non-negative integer.`);
  });

  it.each<[unknown, string]>([
    [-3, '-3'],
    [2.5, '2.5'],
    ['five', '"five"'],
  ])('rejects an enterprise seat list whose total_seats is %j', async (total, shown) => {
    nock(API).get(ENTERPRISE_SEATS).query(true).reply(200, { total_seats: total, seats: [seat('ann', null)] });
    const error = await rejection(collect(ENTERPRISE));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`The Copilot seats of enterprise acme are malformed: total_seats is ${shown}, expected a non-negative integer.`);
  });

  it('counts a null total_seats as no seats, not as a malformed answer', async () => {
    nock(API).get(ENTERPRISE_SEATS).query(true).reply(200, { total_seats: null, seats: [] });
    expect(collected(await collect(ENTERPRISE)).values['github_copilot_seats{"enterprise":"acme","state":"total"}']).toBe(0);
  });

  it('rejects a billing answer without seat_breakdown', async () => {
    nock(API).get(BILLING).reply(200, { plan_type: 'business' });
    const error = await rejection(collect(ORG));
    expect(error.message).toBe('The Copilot seats of organization octo are malformed: the billing answer has no seat_breakdown.');
  });

  it('rejects a seat list page of the wrong shape', async () => {
    nock(API).get(ENTERPRISE_SEATS).query(true).reply(200, [{ login: 'ann' }]);
    expect((await rejection(collect(ENTERPRISE))).reason).toBe('invalid_response');
  });
});

describe.each([
  [403, 'forbidden'],
  [404, 'not_found'],
])('GitHub answers %i', (status, reason) => {
  it.each<[string, Target, string, string]>([
    ['the organization billing', ORG, BILLING, '/orgs/{org}/copilot/billing'],
    ['the enterprise seat list', ENTERPRISE, ENTERPRISE_SEATS, '/enterprises/{enterprise}/copilot/billing/seats'],
  ])(`for %s: ${reason}`, async (_what, target, path, template) => {
    nock(API).get(path).query(true).reply(status, { message: 'no' });
    const error = await rejection(collect(target));
    expect(error.reason).toBe(reason);
    expect(error.details).toMatchObject({ status, endpoint: template });
  });

  it(`for a later page of the seat list: ${reason}, and no partial seats`, async () => {
    nock(API)
      .get(ENTERPRISE_SEATS)
      .query({ per_page: '100' })
      .reply(200, { total_seats: 2, seats: [seat('ann', null)] }, nextLink(ENTERPRISE_SEATS, 2))
      .get(ENTERPRISE_SEATS)
      .query({ per_page: '100', page: '2' })
      .reply(status, { message: 'no' });
    expect((await rejection(collect(ENTERPRISE))).reason).toBe(reason);
  });
});
