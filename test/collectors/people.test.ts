/**
 * The `people` collector: team and per-user series from the day's `users-1-day` and `user-teams-1-day`
 * reports, the day being the entity report's `report_end_day` (change token `{day}`).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/collectors/collector.js';
import { type PeopleToken, peopleCollector } from '../../src/collectors/people.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import { usageCollector } from '../../src/collectors/usage.js';
import type { Target } from '../../src/config/exporter-config.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { valuesOf } from '../helpers/exposition.js';
import { FakeClock, readOn } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const FILES = 'https://copilot-reports.github.test';
const TOKEN = 'ghp_peopleTestToken0123456789abcdef';
const ORG: Target = { kind: 'org', slug: 'octo' };
const REPORTS = '/orgs/octo/copilot/metrics/reports';
const LATEST = `${REPORTS}/organization-28-day/latest`;
const USERS = `${REPORTS}/users-1-day`;
const TEAMS = `${REPORTS}/user-teams-1-day`;
const DAY = '2026-11-20';

type Row = Record<string, unknown>;

const user = (id: number, login: string, loc: number, extra: Row = {}) => ({
  day: DAY,
  user_id: id,
  user_login: login,
  code_generation_activity_count: loc * 2,
  code_acceptance_activity_count: loc,
  loc_added_sum: loc * 10,
  ...extra,
});
const member = (id: number, slug: string, day = DAY) => ({ user_id: id, user_login: `u${id}`, day, team_id: slug.length, slug });
const ndjson = (rows: Row[]) => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

const USER_ROWS = [user(1, 'ann', 1), user(2, 'bob', 2), user(3, 'cid', 3), user(9, 'old', 50, { day: '2026-11-19' })];
// ann is in both teams; dee (4) is in alpha but was not active; a membership of another day is ignored.
const MEMBERSHIPS = [member(1, 'alpha'), member(2, 'alpha'), member(4, 'alpha'), member(1, 'beta'), member(3, 'beta'), member(3, 'alpha', '2026-11-19')];

function setup(env: Record<string, string> = {}) {
  return collectorDeps({ apiUrl: API, token: TOKEN, clock: new FakeClock(), config: configFrom({ COPILOT_ORGS: 'octo', ...env }) });
}

function collect(previous?: PeopleToken, deps = setup()): Promise<Attempt<PeopleToken>> {
  return peopleCollector.collect(deps, ORG, previous, targetPollContext(deps, ORG));
}

function collected(attempt: Attempt<PeopleToken>) {
  if (attempt === 'unchanged') throw new Error('expected data');
  return { ...attempt, values: valuesOf(attempt.samples) };
}

/** The requests GitHub and the download host saw, in order. */
/** GitHub's answers: rows to serve, a status to answer, or `false` for a report that must not be asked for. */
function github(options: { endDay?: string; teams?: Row[] | number; users?: Row[] | number | false } = {}) {
  const order: string[] = [];
  const seen = (what: string, status: number, body?: unknown) => () => {
    order.push(what);
    return [status, body] as [number, unknown];
  };
  const endDay = options.endDay ?? DAY;
  nock(API).get(LATEST).reply(seen('28-day/latest', 200, { download_links: [`${FILES}/entity.ndjson?sig=e`], report_start_day: '2026-10-24', report_end_day: endDay }));
  for (const [name, path, rows] of [
    ['user-teams', TEAMS, options.teams ?? MEMBERSHIPS],
    ['users', USERS, options.users ?? USER_ROWS],
  ] as const) {
    if (rows === false) continue;
    if (typeof rows === 'number') {
      nock(API).get(path).query({ day: endDay }).reply(seen(`${name}-1-day`, rows, rows === 204 ? undefined : { message: 'no' }));
    } else {
      nock(API).get(path).query({ day: endDay }).reply(seen(`${name}-1-day`, 200, { download_links: [`${FILES}/${name}/${endDay}.ndjson?sig=x`], report_day: endDay }));
      nock(FILES, { badheaders: ['authorization'] }).get(`/${name}/${endDay}.ndjson`).query(true).reply(seen(`download ${name}`, 200, ndjson(rows)));
    }
  }
  return order;
}

useNock();

describe('the people collector', () => {
  it('is optional, on with team metrics (the default) or per-user metrics, for organizations and enterprises', () => {
    expect(peopleCollector).toMatchObject({ name: 'people', main: false });
    expect(peopleCollector.enabled(configFrom())).toBe(true);
    expect(peopleCollector.enabled(configFrom({ COPILOT_TEAM_METRICS: 'false' }))).toBe(false);
    expect(peopleCollector.enabled(configFrom({ COPILOT_TEAM_METRICS: 'false', COPILOT_USER_METRICS: 'true' }))).toBe(true);
    expect(peopleCollector.enabled(configFrom({ COPILOT_API: 'legacy-metrics' }))).toBe(false);
    expect(peopleCollector.appliesTo({ kind: 'org', slug: 'octo', team: 'web' })).toBe(false);
    expect(peopleCollector.endpoints(ORG, configFrom()).map((use) => [use.endpoint.template, use.perDay])).toEqual([
      ['/orgs/{org}/copilot/metrics/reports/user-teams-1-day', true],
      ['/orgs/{org}/copilot/metrics/reports/users-1-day', true],
    ]);
    expect(peopleCollector.endpoints(ORG, configFrom({ COPILOT_TEAM_METRICS: 'false', COPILOT_USER_METRICS: 'true' })).map((use) => use.endpoint.template)).toEqual([
      '/orgs/{org}/copilot/metrics/reports/users-1-day',
    ]);
  });

  it('reads the membership report before the users report, both of the 28-day report’s report_end_day, and joins them', async () => {
    const order = github();
    const { token, day, values, droppedUsers } = collected(await collect());
    expect(order).toEqual(['28-day/latest', 'user-teams-1-day', 'download user-teams', 'users-1-day', 'download users']);
    expect(token).toEqual(readOn(DAY));
    expect(day).toBe(DAY);
    expect(droppedUsers).toBe(0);
    expect(values).toMatchObject({
      'github_copilot_daily_active_users{"org":"octo","team":"alpha"}': 2,
      'github_copilot_daily_active_users{"org":"octo","team":"beta"}': 2,
      'github_copilot_loc_added{"org":"octo","team":"alpha"}': 30,
      'github_copilot_loc_added{"org":"octo","team":"beta"}': 40,
      'github_copilot_metrics_day_timestamp_seconds{"org":"octo","team":"alpha"}': Date.parse(`${DAY}T00:00:00Z`) / 1000,
    });
    // Team series only: no per-user series (off by default), no entity series (the usage collector's), no breakdowns.
    expect(Object.keys(values).every((key) => key.includes('"team":'))).toBe(true);
    expect(Object.keys(values).some((key) => key.includes('_by_'))).toBe(false);
  });

  it('takes the day from report_end_day, whatever day it is', async () => {
    const order = github({ endDay: '2026-11-19', teams: [member(9, 'alpha', '2026-11-19')], users: [user(9, 'old', 5, { day: '2026-11-19' })] });
    const { token, values } = collected(await collect());
    expect(order).toHaveLength(5);
    expect(token).toEqual(readOn('2026-11-19'));
    expect(values['github_copilot_loc_added{"org":"octo","team":"alpha"}']).toBe(50);
  });

  it('adds per-user series, capped, and counts the users left out', async () => {
    github();
    const { values, droppedUsers } = collected(await collect(undefined, setup({ COPILOT_USER_METRICS: 'true', COPILOT_USER_METRICS_MAX_USERS: '2' })));
    expect(droppedUsers).toBe(1);
    expect(values['github_copilot_loc_added{"org":"octo","user":"cid"}']).toBe(30);
    expect(values['github_copilot_loc_added{"org":"octo","user":"bob"}']).toBe(20);
    expect(Object.keys(values).some((key) => key.includes('"user":"ann"'))).toBe(false);
    expect(values['github_copilot_daily_active_users{"org":"octo","team":"alpha"}']).toBe(2);
  });

  it('without team metrics, reads only the users report', async () => {
    const order: string[] = [];
    nock(API).get(LATEST).reply(200, { download_links: [`${FILES}/entity.ndjson`], report_start_day: '2026-10-24', report_end_day: DAY });
    nock(API)
      .get(USERS)
      .query({ day: DAY })
      .reply(() => (order.push('users-1-day'), [200, { download_links: [`${FILES}/users.ndjson`], report_day: DAY }]));
    nock(FILES).get('/users.ndjson').reply(200, ndjson(USER_ROWS));
    const { values } = collected(await collect(undefined, setup({ COPILOT_TEAM_METRICS: 'false', COPILOT_USER_METRICS: 'true' })));
    expect(order).toEqual(['users-1-day']);
    expect(Object.keys(values).some((key) => key.includes('"team":'))).toBe(false);
    expect(values['github_copilot_loc_added{"org":"octo","user":"ann"}']).toBe(10);
  });

  it('keeps only the teams of COPILOT_TEAMS', async () => {
    github();
    const { values } = collected(await collect(undefined, setup({ COPILOT_TEAMS: 'octo/beta,other/alpha' })));
    expect(new Set(Object.keys(values).map((key) => /"team":"(\w+)"/.exec(key)?.[1]))).toEqual(new Set(['beta']));
  });

  it('adds the breakdowns up per team with COPILOT_TEAM_BREAKDOWNS', async () => {
    const withIde = (row: Row, loc: number) => ({ ...row, totals_by_ide: [{ ide: 'vscode', loc_added_sum: loc, last_known_ide_version: { ide_version: '1.0' } }] });
    github({ users: [withIde(user(1, 'ann', 1), 10), withIde(user(3, 'cid', 3), 30)] });
    const { values } = collected(await collect(undefined, setup({ COPILOT_TEAM_BREAKDOWNS: 'true' })));
    expect(values['github_copilot_loc_added_by_ide{"org":"octo","team":"beta","ide":"vscode"}']).toBe(40);
    expect(values['github_copilot_loc_added_by_ide{"org":"octo","team":"alpha","ide":"vscode"}']).toBe(10);
  });

  it('rejects the day when a user row is malformed, naming the report and the problem', async () => {
    github({ users: [user(2, 'bob', 1, { loc_added_sum: 'ten' })] });
    const error = await rejection(collect());
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(
      'The users or user-teams report of organization octo for 2026-11-20 is malformed: loc_added_sum of user bob is "ten", expected a non-negative integer.',
    );
  });

  it('rejects the day when a membership has no team slug', async () => {
    github({ teams: [{ user_id: 1, day: DAY }] });
    expect((await rejection(collect())).message).toContain('a user-teams row of 2026-11-20 has no team slug');
  });

  it('shares the 28-day answer with the usage collector: one request per poll, whoever asks first', async () => {
    const deps = setup();
    const context = targetPollContext(deps, ORG);
    github();
    nock(FILES).get('/entity.ndjson').query(true).reply(200, ndjson([{ organization_id: '5', day_totals: [{ day: DAY, daily_active_users: 3 }] }]));
    const [usage, people] = await Promise.all([usageCollector.collect(deps, ORG, undefined, context), peopleCollector.collect(deps, ORG, undefined, context)]);
    expect(usage).toMatchObject({ token: { day: DAY } });
    expect(people).toMatchObject({ token: { day: DAY } });
  });
});

describe('the people change token (the day)', () => {
  it('reads nothing but the 28-day answer while report_end_day is the day already exported', async () => {
    nock(API).get(LATEST).reply(200, { download_links: [`${FILES}/entity.ndjson`], report_start_day: '2026-10-24', report_end_day: DAY });
    await expect(collect(readOn(DAY))).resolves.toBe('unchanged');
  });

  it('reads the new day when GitHub publishes one', async () => {
    const order = github({ endDay: '2026-11-21', teams: [member(1, 'alpha', '2026-11-21')], users: [user(1, 'ann', 4, { day: '2026-11-21' })] });
    const { token, values } = collected(await collect(readOn(DAY)));
    expect(order).toHaveLength(5);
    expect(token).toEqual(readOn('2026-11-21'));
    expect(values['github_copilot_loc_added{"org":"octo","team":"alpha"}']).toBe(40);
  });
});

describe.each<[string, number, Row | undefined]>([
  ['204 No Content', 204, undefined],
  ['200 without download_links', 200, { download_links: [], report_day: DAY }],
])('a report that is not there yet (%s) is unchanged: the token stays, so the next poll asks again', (_case, status, body) => {
  it('the 28-day report', async () => {
    nock(API).get(LATEST).reply(status, status === 204 ? undefined : { download_links: [], report_start_day: '2026-10-24', report_end_day: DAY });
    await expect(collect()).resolves.toBe('unchanged');
  });

  it('the membership report: the users report is not asked for', async () => {
    nock(API).get(LATEST).reply(200, { download_links: [`${FILES}/entity.ndjson`], report_start_day: '2026-10-24', report_end_day: DAY });
    nock(API).get(TEAMS).query({ day: DAY }).reply(status, body);
    await expect(collect(readOn('2026-11-19'))).resolves.toBe('unchanged');
  });

  it('the users report', async () => {
    nock(API).get(LATEST).reply(200, { download_links: [`${FILES}/entity.ndjson`], report_start_day: '2026-10-24', report_end_day: DAY });
    nock(API).get(TEAMS).query({ day: DAY }).reply(200, { download_links: [`${FILES}/teams.ndjson`], report_day: DAY });
    nock(FILES).get('/teams.ndjson').reply(200, ndjson(MEMBERSHIPS));
    nock(API).get(USERS).query({ day: DAY }).reply(status, body);
    await expect(collect(readOn('2026-11-19'))).resolves.toBe('unchanged');
  });
});

describe.each([
  [403, 'forbidden'],
  [404, 'not_found'],
])('GitHub answers %i', (status, reason) => {
  it(`for the 28-day report: ${reason}`, async () => {
    nock(API).get(LATEST).reply(status, { message: 'no' });
    const error = await rejection(collect());
    expect(error.reason).toBe(reason);
    expect(error.details.endpoint).toBe('/orgs/{org}/copilot/metrics/reports/organization-28-day/latest');
  });

  it(`for the membership report: ${reason}, and the users report is not asked for`, async () => {
    const order = github({ teams: status, users: false });
    const error = await rejection(collect());
    expect(order).toEqual(['28-day/latest', 'user-teams-1-day']);
    expect(error.reason).toBe(reason);
    expect(error.details).toMatchObject({ status, endpoint: '/orgs/{org}/copilot/metrics/reports/user-teams-1-day' });
  });

  it(`for the users report: ${reason}`, async () => {
    github({ users: status });
    const error = await rejection(collect());
    expect(error.reason).toBe(reason);
    expect(error.details).toMatchObject({ status, endpoint: '/orgs/{org}/copilot/metrics/reports/users-1-day' });
  });
});
