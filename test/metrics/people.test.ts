import { describe, expect, it } from 'vitest';
import { mapSeatList, mapOrgBilling } from '../../src/metrics/map/seats.js';
import { mapTeams } from '../../src/metrics/map/teams.js';
import { userLabel } from '../../src/metrics/map/user-label.js';
import { mapUsers } from '../../src/metrics/map/users.js';
import { valuesOf as values } from '../helpers/exposition.js';
import { readGitHubExample } from '../helpers/github-api.js';

const day = '2026-11-20';
const scope = { org: 'octo' };

const user = (id: number, login: string, loc: number, extra: Record<string, unknown> = {}) => ({
  day,
  user_id: id,
  user_login: login,
  code_generation_activity_count: loc * 2,
  code_acceptance_activity_count: loc,
  loc_added_sum: loc * 10,
  totals_by_ide: [{ ide: 'vscode', loc_added_sum: loc * 10, last_known_ide_version: { ide_version: '1.0' } }],
  ...extra,
});
const member = (id: number, slug: string, onDay = day) => ({ user_id: id, user_login: `u${id}`, day: onDay, team_id: slug.length, slug });

describe('mapTeams: one day of users joined with the same day of user-teams', () => {
  const users = [user(1, 'ann', 1), user(2, 'bob', 2), user(3, 'cid', 3), { ...user(4, 'dee', 100), day: '2026-11-19' }];
  // ann is in both teams; dee is in alpha but was not active on the day; a membership of another day is ignored.
  const memberships = [member(1, 'alpha'), member(2, 'alpha'), member(4, 'alpha'), member(1, 'beta'), member(3, 'beta'), member(3, 'alpha', '2026-11-19')];

  it('sums the members’ counters and counts the members active that day', () => {
    const { samples, problems } = mapTeams(users, memberships, day, scope, { breakdowns: false });
    expect(problems).toEqual([]);
    const result = values(samples);
    expect(result['github_copilot_daily_active_users{"org":"octo","team":"alpha"}']).toBe(2);
    expect(result['github_copilot_daily_active_users{"org":"octo","team":"beta"}']).toBe(2);
    expect(result['github_copilot_loc_added{"org":"octo","team":"alpha"}']).toBe(30);
    expect(result['github_copilot_loc_added{"org":"octo","team":"beta"}']).toBe(40);
    expect(result['github_copilot_code_generation_activity{"org":"octo","team":"beta"}']).toBe(8);
    expect(result['github_copilot_metrics_day_timestamp_seconds{"org":"octo","team":"alpha"}']).toBe(Date.parse(`${day}T00:00:00Z`) / 1000);
    expect(Object.keys(result).some((key) => key.includes('_by_'))).toBe(false);
  });

  it('adds the breakdowns up per team when asked', () => {
    const result = values(mapTeams(users, memberships, day, scope, { breakdowns: true }).samples);
    expect(result['github_copilot_loc_added_by_ide{"org":"octo","team":"beta","ide":"vscode"}']).toBe(40);
  });

  it('keeps only the configured teams', () => {
    const { samples } = mapTeams(users, memberships, day, scope, { teams: ['beta'], breakdowns: false });
    expect(new Set(samples.map((sample) => sample.labels.team))).toEqual(new Set(['beta']));
  });

  it('reports a counter that is not a number', () => {
    const { problems } = mapTeams([user(1, 'ann', 1, { loc_added_sum: 'ten' })], [member(1, 'alpha')], day, scope, { breakdowns: false });
    expect(problems).toEqual(['loc_added_sum of user ann is not a number']);
  });
});

describe('mapUsers: per-user series', () => {
  const users = [user(1, 'ann', 1), user(2, 'bob', 5), user(3, 'cid', 3), { ...user(4, 'dee', 9), day: '2026-11-19' }];

  it('labels the selected families with the login, most active users first, and counts the users over the cap', () => {
    const { samples, dropped, problems } = mapUsers(users, day, scope, { label: 'login', salt: '', maxUsers: 2 });
    expect(problems).toEqual([]);
    expect(dropped).toBe(1);
    expect(new Set(samples.map((sample) => sample.labels.user))).toEqual(new Set(['bob', 'cid']));
    expect(values(samples)['github_copilot_loc_added{"org":"octo","user":"bob"}']).toBe(50);
    expect(samples.some((sample) => sample.family.name.includes('_by_'))).toBe(false);
  });

  it('hashes logins with the salt when asked', () => {
    const { samples } = mapUsers(users, day, scope, { label: 'hash', salt: 'pepper-and-salt', maxUsers: 10 });
    const labels = new Set(samples.map((sample) => sample.labels.user));
    expect(labels).toEqual(new Set(['ann', 'bob', 'cid'].map((login) => userLabel(login, { label: 'hash', salt: 'pepper-and-salt' }))));
    for (const label of labels) expect(label).toMatch(/^[0-9a-f]{16}$/);
    expect(userLabel('ann', { label: 'hash', salt: 'other-salt-value' })).not.toBe(userLabel('ann', { label: 'hash', salt: 'pepper-and-salt' }));
  });
});

describe('seats', () => {
  it('maps the billing breakdown of GitHub’s example to one series per state', () => {
    const { samples, problems } = mapOrgBilling(readGitHubExample('example-copilot-organization-details.json'), scope);
    expect(problems).toEqual([]);
    expect(values(samples)).toEqual({
      'github_copilot_seats{"org":"octo","state":"total"}': 12,
      'github_copilot_seats{"org":"octo","state":"active_this_cycle"}': 12,
      'github_copilot_seats{"org":"octo","state":"inactive_this_cycle"}': 11,
      'github_copilot_seats{"org":"octo","state":"added_this_cycle"}': 9,
      'github_copilot_seats{"org":"octo","state":"pending_invitation"}': 0,
      'github_copilot_seats{"org":"octo","state":"pending_cancellation"}': 0,
    });
  });

  it('counts a seat list by plan type and by activity in the last 7 and 28 days', () => {
    const { seats } = readGitHubExample<{ seats: Array<Record<string, unknown>> }>('example-copilot-seats-list.json');
    // GitHub's example seats were last active on 2021-10-14T06:53:32Z and 2021-10-13T06:53:32Z: ten days later, both are within 28 days, neither within 7.
    const now = Date.parse('2021-10-24T00:00:00Z');
    const { samples } = mapSeatList(seats, { enterprise: 'octo-ent' }, { now, total: 2 });
    const result = values(samples);
    expect(result['github_copilot_seats{"enterprise":"octo-ent","state":"total"}']).toBe(2);
    expect(result['github_copilot_seats_active{"enterprise":"octo-ent","window":"7d"}']).toBe(0);
    expect(result['github_copilot_seats_active{"enterprise":"octo-ent","window":"28d"}']).toBe(2);
    expect(Object.entries(result).filter(([key]) => key.startsWith('github_copilot_seats_by_plan_type')).reduce((sum, [, value]) => sum + value, 0)).toBe(2);
  });

  it('gives each seat holder’s last activity per user, capped, and never counts a seat without activity', () => {
    const seat = (login: string, at: string | null, plan = 'business') => ({ assignee: { login }, last_activity_at: at, plan_type: plan, created_at: '2025-01-01T00:00:00Z' });
    const now = Date.parse('2026-11-20T00:00:00Z');
    const seats = [seat('ann', '2026-11-19T12:00:00Z'), seat('bob', '2026-11-01T00:00:00Z', 'enterprise'), seat('cid', null), seat('dee', '2026-10-01T00:00:00Z')];
    const { samples, dropped } = mapSeatList(seats, scope, { now, users: { label: 'login', salt: '', maxUsers: 2 } });
    const result = values(samples);
    expect(result['github_copilot_seats_active{"org":"octo","window":"7d"}']).toBe(1);
    expect(result['github_copilot_seats_active{"org":"octo","window":"28d"}']).toBe(2);
    expect(result['github_copilot_seats_by_plan_type{"org":"octo","plan_type":"business"}']).toBe(3);
    expect(result['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"ann"}']).toBe(Date.parse('2026-11-19T12:00:00Z') / 1000);
    expect(result['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"bob"}']).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
    expect(dropped).toBe(1);
  });
});
