import { describe, expect, it } from 'vitest';
import type { UserMetricsConfig } from '../../src/config/exporter-config.js';
import { ACTIVITY_COUNTERS, BREAKDOWNS, TEAM_MEMBERS } from '../../src/metrics/definitions.js';
import type { Row } from '../../src/metrics/map/report-values.js';
import { mapSeatList, mapOrgBilling } from '../../src/metrics/map/seats.js';
import { MembershipIndex, TeamJoin, type TeamOptions, userKey } from '../../src/metrics/map/team-join.js';
import { type MapResult, mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { userLabel } from '../../src/metrics/map/user-label.js';
import { mapUserVersions } from '../../src/metrics/map/user-versions.js';
import { TopUsers, USER_FIELDS } from '../../src/metrics/map/users.js';
import type { Labels } from '../../src/metrics/sample.js';
import { type Random, pick, randomInt, seededRandom } from '../fake-github/random.js';
import { valuesOf as values } from '../helpers/exposition.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { testSeed } from '../helpers/seed.js';

const day = '2026-11-20';
const scope = { org: 'octo' };

/** The streaming team join as the people collector runs it: the memberships first, then the user rows. */
function mapTeams(users: readonly Row[], memberships: readonly Row[], onDay: string, labels: Labels, options: TeamOptions): MapResult {
  const index = new MembershipIndex(onDay, options.teams);
  for (const row of memberships) index.offer(row);
  const join = new TeamJoin(index, onDay, labels, { breakdowns: options.breakdowns });
  for (const row of users) join.offer(row);
  return join.finish();
}

/** The streaming per-user ranking, offered every row. */
function mapUsers(rows: readonly Row[], onDay: string, labels: Labels, options: UserMetricsConfig) {
  const top = new TopUsers(onDay, labels, options);
  for (const row of rows) top.offer(row);
  return top.finish();
}

const user = (id: number, login: string, loc: number, extra: Row = {}) => ({
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

describe('the team join: one day of users joined with the same day of user-teams', () => {
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

  it('gives a team whose members were all inactive zeros, not nothing', () => {
    const result = values(mapTeams(users, [member(4, 'gamma')], day, scope, { breakdowns: false }).samples);
    expect(result['github_copilot_daily_active_users{"org":"octo","team":"gamma"}']).toBe(0);
    expect(result['github_copilot_loc_added{"org":"octo","team":"gamma"}']).toBe(0);
  });

  it('counts a team’s members, active or not, and sums their AI credits, a user in two teams in both', () => {
    const credited = [user(1, 'ann', 1, { ai_credits_used: 2.5 }), user(2, 'bob', 2, { ai_credits_used: 4 }), user(3, 'cid', 3)];
    const result = values(mapTeams(credited, memberships, day, scope, { breakdowns: false }).samples);
    // alpha lists ann, bob and dee (dee inactive); beta lists ann and cid; cid's membership of another day is not alpha's.
    expect(result['github_copilot_team_members{"org":"octo","team":"alpha"}']).toBe(3);
    expect(result['github_copilot_team_members{"org":"octo","team":"beta"}']).toBe(2);
    expect(result['github_copilot_daily_active_users{"org":"octo","team":"alpha"}']).toBe(2);
    expect(result['github_copilot_ai_credits_used{"org":"octo","team":"alpha"}']).toBe(6.5);
    expect(result['github_copilot_ai_credits_used{"org":"octo","team":"beta"}']).toBe(2.5);
  });

  it('gives no team credits for a day whose rows carry none, and a team of inactive members its size and zero credits', () => {
    const before = values(mapTeams(users, memberships, day, scope, { breakdowns: false }).samples);
    expect(Object.keys(before).some((key) => key.startsWith('github_copilot_ai_credits_used'))).toBe(false);
    const after = values(mapTeams([user(1, 'ann', 1, { ai_credits_used: 1 })], [member(1, 'alpha'), member(4, 'gamma'), member(5, 'gamma')], day, scope, { breakdowns: false }).samples);
    expect(after['github_copilot_team_members{"org":"octo","team":"gamma"}']).toBe(2);
    expect(after['github_copilot_daily_active_users{"org":"octo","team":"gamma"}']).toBe(0);
    expect(after['github_copilot_ai_credits_used{"org":"octo","team":"gamma"}']).toBe(0);
  });

  it.each([
    ['text', 'lots', '"lots"'],
    ['a negative amount', -1, '-1'],
    ['NaN', Number.NaN, 'NaN'],
  ])('reports a member’s AI credits that are %s, rather than a team sum without them', (_case, credits, shown) => {
    const { problems } = mapTeams([user(1, 'ann', 1, { ai_credits_used: 3 }), user(2, 'bob', 2, { ai_credits_used: credits })], [member(1, 'alpha'), member(2, 'alpha')], day, scope, { breakdowns: false });
    expect(problems).toEqual([`ai_credits_used of user bob is ${shown}, expected a non-negative number`]);
  });

  it('counts a user listed twice once, with the first row', () => {
    const result = values(mapTeams([user(1, 'ann', 1), user(1, 'ann', 7)], [member(1, 'alpha')], day, scope, { breakdowns: true }).samples);
    expect(result['github_copilot_daily_active_users{"org":"octo","team":"alpha"}']).toBe(1);
    expect(result['github_copilot_loc_added{"org":"octo","team":"alpha"}']).toBe(10);
    expect(result['github_copilot_loc_added_by_ide{"org":"octo","team":"alpha","ide":"vscode"}']).toBe(10);
  });

  it('joins on the login, case-insensitively, when GitHub leaves the user id out', () => {
    const { user_id: _id, ...anonymous } = user(1, 'Ann', 1);
    const result = values(mapTeams([anonymous], [{ user_login: 'ann', day, slug: 'alpha' }], day, scope, { breakdowns: false }).samples);
    expect(result['github_copilot_loc_added{"org":"octo","team":"alpha"}']).toBe(10);
  });

  it('reports a counter that is not a number', () => {
    const { problems } = mapTeams([user(1, 'ann', 1, { loc_added_sum: 'ten' })], [member(1, 'alpha')], day, scope, { breakdowns: false });
    expect(problems).toEqual(['loc_added_sum of user ann is "ten", expected a non-negative integer']);
  });

  it('reports a negative counter and a breakdown entry that is not an object', () => {
    const { problems } = mapTeams([user(1, 'ann', 1, { loc_added_sum: -3, totals_by_ide: [42] })], [member(1, 'alpha')], day, scope, { breakdowns: true });
    expect(problems).toEqual(['loc_added_sum of user ann is -3, expected a non-negative integer', 'totals_by_ide of user ann has an entry that is not an object']);
  });

  it.each<[string, Row, string]>([
    ['a negative counter', { code_acceptance_activity_count: -1 }, 'code_acceptance_activity_count of user bob is -1, expected a non-negative integer'],
    ['a fraction of a counter', { loc_added_sum: 2.5 }, 'loc_added_sum of user bob is 2.5, expected a non-negative integer'],
    ['NaN in a counter', { loc_added_sum: Number.NaN }, 'loc_added_sum of user bob is NaN, expected a non-negative integer'],
    ['"NaN" as text in a counter', { loc_added_sum: 'NaN' }, 'loc_added_sum of user bob is "NaN", expected a non-negative integer'],
    ['a negative counter in a breakdown', { totals_by_ide: [{ ide: 'vscode', loc_added_sum: -5 }] }, 'totals_by_ide.loc_added_sum of user bob is -5, expected a non-negative integer'],
    ['a fraction of a counter in a breakdown', { totals_by_ide: [{ ide: 'vscode', loc_added_sum: 0.5 }] }, 'totals_by_ide.loc_added_sum of user bob is 0.5, expected a non-negative integer'],
    ['text in a counter of a breakdown', { totals_by_ide: [{ ide: 'vscode', loc_added_sum: 'ten' }] }, 'totals_by_ide.loc_added_sum of user bob is "ten", expected a non-negative integer'],
    ['a negative number in a breakdown field GitHub adds later', { totals_by_ide: [{ ide: 'vscode', new_count: -1 }] }, 'totals_by_ide.new_count of user bob is -1, expected a non-negative number'],
  ])('reports %s of one member, whatever the others hold, rather than a team sum without it', (_case, wrong, problem) => {
    // ann's values come before and after bob's: neither order may hide bob's value.
    for (const users of [
      [user(1, 'ann', 1), user(2, 'bob', 2, wrong)],
      [user(2, 'bob', 2, wrong), user(1, 'ann', 1)],
    ]) {
      const { problems } = mapTeams(users, [member(1, 'alpha'), member(2, 'alpha')], day, scope, { breakdowns: true });
      expect(problems).toEqual([problem]);
    }
  });

  it('sums a breakdown field GitHub adds later as a number and passes over its text, as the day mapper does', () => {
    const users = [
      user(1, 'ann', 1, { totals_by_ide: [{ ide: 'vscode', new_ratio: 0.5, new_flag: 'on' }] }),
      user(2, 'bob', 2, { totals_by_ide: [{ ide: 'vscode', new_ratio: 0.25, new_flag: true }] }),
    ];
    const { samples, problems } = mapTeams(users, [member(1, 'alpha'), member(2, 'alpha')], day, scope, { breakdowns: true });
    expect(problems).toEqual([]);
    const result = values(samples);
    expect(result['github_copilot_new_ratio_by_ide{"org":"octo","team":"alpha","ide":"vscode"}']).toBe(0.75);
    expect(Object.keys(result).some((key) => key.includes('new_flag'))).toBe(false);
  });

  it('reports a membership without a team slug', () => {
    const { problems } = mapTeams(users, [{ user_id: 1, day }], day, scope, { breakdowns: false });
    expect(problems).toEqual([`a user-teams row of ${day} has no team slug`]);
  });
});

describe('per-user series (TopUsers)', () => {
  const users = [user(1, 'ann', 1), user(2, 'bob', 5), user(3, 'cid', 3), { ...user(4, 'dee', 9), day: '2026-11-19' }];

  it('labels the selected families with the login, most active users first, and counts the users over the cap', () => {
    const { samples, dropped, problems } = mapUsers(users, day, scope, { label: 'login', salt: '', maxUsers: 2, breakdowns: false });
    expect(problems).toEqual([]);
    expect(dropped).toBe(1);
    expect(new Set(samples.map((sample) => sample.labels.user))).toEqual(new Set(['bob', 'cid']));
    expect(values(samples)['github_copilot_loc_added{"org":"octo","user":"bob"}']).toBe(50);
    expect(samples.some((sample) => sample.family.name.includes('_by_'))).toBe(false);
  });

  it('hashes logins with the salt when asked', () => {
    const { samples } = mapUsers(users, day, scope, { label: 'hash', salt: 'pepper-and-salt', maxUsers: 10, breakdowns: false });
    const labels = new Set(samples.map((sample) => sample.labels.user));
    expect(labels).toEqual(new Set(['ann', 'bob', 'cid'].map((login) => userLabel(login, { label: 'hash', salt: 'pepper-and-salt' }))));
    for (const label of labels) expect(label).toMatch(/^[0-9a-f]{16}$/);
    expect(userLabel('ann', { label: 'hash', salt: 'other-salt-value' })).not.toBe(userLabel('ann', { label: 'hash', salt: 'pepper-and-salt' }));
  });

  it('counts a user listed twice once, with the first row', () => {
    const { samples, dropped } = mapUsers([user(1, 'ann', 1), user(1, 'ann', 7), user(2, 'bob', 2)], day, scope, { label: 'login', salt: '', maxUsers: 5, breakdowns: false });
    expect(dropped).toBe(0);
    expect(values(samples)['github_copilot_loc_added{"org":"octo","user":"ann"}']).toBe(10);
  });

  it('reports a value that is not a non-negative number, for the users it keeps', () => {
    const { problems } = mapUsers([user(1, 'ann', 1, { ai_credits_used: 'lots' }), user(2, 'bob', 0, { loc_added_sum: -1 })], day, scope, { label: 'login', salt: '', maxUsers: 5, breakdowns: false });
    expect(problems).toEqual(['user ann: ai_credits_used is "lots", expected a non-negative number', 'user bob: loc_added_sum is -1, expected a non-negative integer']);
  });

  it('reports a fraction of a count and NaN in the one message format, and exports fractional AI credits', () => {
    const { samples, problems } = mapUsers(
      [user(1, 'ann', 1, { loc_deleted_sum: 0.5 }), user(2, 'bob', 2, { code_acceptance_activity_count: Number.NaN }), user(3, 'cid', 3, { ai_credits_used: 7.25 })],
      day,
      scope,
      { label: 'login', salt: '', maxUsers: 5, breakdowns: false },
    );
    // Most active first: cid, bob, ann.
    expect(problems).toEqual(['user bob: code_acceptance_activity_count is NaN, expected a non-negative integer', 'user ann: loc_deleted_sum is 0.5, expected a non-negative integer']);
    expect(values(samples)['github_copilot_ai_credits_used{"org":"octo","user":"cid"}']).toBe(7.25);
  });
});

describe('per-user details of GitHub’s user-level example', () => {
  const [example] = readGitHubExample<Row[]>('docs-example-usage-metrics-user-level.json');
  const exampleDay = String(example?.day);
  const only = (breakdowns: boolean) => mapUsers([example as Row], exampleDay, { enterprise: 'octo-ent' }, { label: 'login', salt: '', maxUsers: 1, breakdowns });

  it('gives the user’s Copilot CLI sessions, requests, prompts and tokens, by the rule of the day rows', () => {
    const { samples, problems } = only(false);
    expect(problems).toEqual([]);
    const result = values(samples);
    expect(result['github_copilot_cli_session{"enterprise":"octo-ent","user":"login1"}']).toBe(2);
    expect(result['github_copilot_cli_request{"enterprise":"octo-ent","user":"login1"}']).toBe(2);
    expect(result['github_copilot_cli_prompt{"enterprise":"octo-ent","user":"login1"}']).toBe(2);
    expect(result['github_copilot_cli_token_usage_output_tokens{"enterprise":"octo-ent","user":"login1"}']).toBe(5000);
    expect(result['github_copilot_cli_token_usage_prompt_tokens{"enterprise":"octo-ent","user":"login1"}']).toBe(3800);
    expect(result['github_copilot_loc_added{"enterprise":"octo-ent","user":"login1"}']).toBe(8);
    // The day is the target's, not a user's; breakdowns need their own switch.
    expect(samples.some((sample) => sample.family.name === 'github_copilot_metrics_day_timestamp_seconds')).toBe(false);
    expect(samples.some((sample) => sample.family.name.includes('_by_'))).toBe(false);
  });

  it('adds the by-IDE and by-feature split with COPILOT_USER_BREAKDOWNS, and never the language or model ones', () => {
    const result = values(only(true).samples);
    expect(result['github_copilot_loc_added_by_ide{"enterprise":"octo-ent","user":"login1","ide":"vscode"}']).toBe(8);
    expect(result['github_copilot_code_generation_activity_by_feature{"enterprise":"octo-ent","user":"login1","feature":"code_completion"}']).toBe(1);
    expect(Object.keys(result).some((key) => /_by_(language|model)/.test(key))).toBe(false);
  });

  it('says which IDE, plugin and CLI versions the user last ran, leaving out the versions GitHub does not know', () => {
    const info = only(false).samples.filter((sample) => sample.family.name.endsWith('_info'));
    // The example's plugin and plugin_version are empty: no such labels.
    expect(values(info)).toEqual({
      'github_copilot_user_ide_info{"enterprise":"octo-ent","user":"login1","ide":"vscode","ide_version":"1.85.0"}': 1,
      'github_copilot_user_cli_info{"enterprise":"octo-ent","user":"login1","cli_version":"1.0.8"}': 1,
    });
  });

  it('maps the details of the kept users only', () => {
    const other = { ...user(9, 'zed', 0), totals_by_cli: { session_count: 5, last_known_cli_version: { cli_version: '0.0.1' } } };
    const { samples, dropped } = mapUsers([example as Row, { ...other, day: exampleDay }], exampleDay, scope, { label: 'login', salt: '', maxUsers: 1, breakdowns: true });
    expect(dropped).toBe(1);
    expect(new Set(samples.map((sample) => sample.labels.user))).toEqual(new Set(['login1']));
  });
});

describe('the version info of a user row (mapUserVersions)', () => {
  const labels = { org: 'octo', user: 'ann' };
  const ide = (name: string, ideVersion?: unknown, plugin?: unknown) => ({
    ide: name,
    ...(ideVersion === undefined ? {} : { last_known_ide_version: { ide_version: ideVersion, sampled_at: '2026-11-20T09:00:00Z' } }),
    ...(plugin === undefined ? {} : { last_known_plugin_version: plugin }),
  });
  it.each([
    [
      'an IDE with its version and its plugin',
      { totals_by_ide: [ide('vscode', '1.106.0', { plugin: 'copilot-chat', plugin_version: '0.33.1' })] },
      { 'github_copilot_user_ide_info{"org":"octo","user":"ann","ide":"vscode","ide_version":"1.106.0","plugin":"copilot-chat","plugin_version":"0.33.1"}': 1 },
    ],
    [
      'two IDEs, one without any version',
      { totals_by_ide: [ide('jetbrains', '2025.3', { plugin: 'copilot-intellij', plugin_version: '1.5.60' }), ide('neovim')] },
      {
        'github_copilot_user_ide_info{"org":"octo","user":"ann","ide":"jetbrains","ide_version":"2025.3","plugin":"copilot-intellij","plugin_version":"1.5.60"}': 1,
        'github_copilot_user_ide_info{"org":"octo","user":"ann","ide":"neovim"}': 1,
      },
    ],
    [
      'a plugin without a version, and an IDE version that is no text',
      { totals_by_ide: [ide('xcode', 26, { plugin: 'copilot-xcode', plugin_version: '' })] },
      { 'github_copilot_user_ide_info{"org":"octo","user":"ann","ide":"xcode","plugin":"copilot-xcode"}': 1 },
    ],
    [
      'the same IDE listed twice with the same versions: one series',
      { totals_by_ide: [ide('vscode', '1.106.0'), ide('vscode', '1.106.0')] },
      { 'github_copilot_user_ide_info{"org":"octo","user":"ann","ide":"vscode","ide_version":"1.106.0"}': 1 },
    ],
    [
      'the CLI version',
      { totals_by_cli: { session_count: 2, last_known_cli_version: { cli_version: '1.0.8', sampled_at: '2026-11-20T10:00:00Z' } } },
      { 'github_copilot_user_cli_info{"org":"octo","user":"ann","cli_version":"1.0.8"}': 1 },
    ],
    ['CLI use without a known version, or an empty one', { totals_by_cli: { session_count: 2, last_known_cli_version: { cli_version: '' } } }, {}],
    ['entries that are no IDE, and sections that are no objects', { totals_by_ide: [42, { ide: '' }, { loc_added_sum: 1 }], totals_by_cli: 'x' }, {}],
    ['a row without IDE or CLI', {}, {}],
  ])('%s', (_case, row, expected) => {
    expect(values(mapUserVersions(row, labels))).toEqual(expected);
  });
});

/*
 * Property tests: the streaming join and ranking against in-memory oracles written here. The seed is
 * fixed, so that a failure repeats; TEST_SEED=<n> runs other cases (the seed is in the test name).
 */
const SEED = String(testSeed(20261120));
const CASES = 100;
const TEAMS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
const OTHER_DAY = '2026-11-19';

/**
 * The in-memory team join (the exporter's join before it streamed, src/metrics/map/teams.ts, with the
 * rule for a user listed twice now being "the first row counts"): every user row kept by user, every
 * membership gathered by team, then each team's rows concatenated into one day row for the day mapper,
 * which sums breakdown entries with the same labels.
 */
function oracleTeams(users: readonly Row[], memberships: readonly Row[], onDay: string, labels: Labels, options: TeamOptions): MapResult {
  const problems: string[] = [];
  const byUser = new Map<string, Row>();
  for (const row of users) {
    const key = userKey(row);
    if (row.day === onDay && key && !byUser.has(key)) byUser.set(key, row);
  }
  const members = new Map<string, Set<string>>();
  for (const row of memberships) {
    const key = userKey(row);
    if (row.day !== onDay || !key) continue;
    if (typeof row.slug !== 'string') {
      problems.push(`a user-teams row of ${onDay} has no team slug`);
      continue;
    }
    if (options.teams && !options.teams.includes(row.slug)) continue;
    const team = members.get(row.slug) ?? new Set<string>();
    team.add(key);
    members.set(row.slug, team);
  }
  const samples: MapResult['samples'] = [];
  const rowsOf = (slug: string) => [...(members.get(slug) as Set<string>)].map((key) => byUser.get(key)).filter((row): row is Row => row !== undefined);
  // Team credits exist once any member's row of the day carries the field (a report from before 2026-06-19 has none).
  const creditsReported = [...members.keys()].some((slug) => rowsOf(slug).some((row) => row.ai_credits_used !== undefined && row.ai_credits_used !== null));
  for (const slug of [...members.keys()].sort()) {
    const rows = rowsOf(slug);
    const teamRow: Row = { day: onDay, daily_active_users: rows.length };
    if (creditsReported) teamRow.ai_credits_used = rows.reduce((sum, row) => sum + (typeof row.ai_credits_used === 'number' ? row.ai_credits_used : 0), 0);
    for (const counter of ACTIVITY_COUNTERS) {
      let total = 0;
      for (const row of rows) {
        const value = row[counter];
        if (typeof value === 'number') total += value;
        else if (value !== undefined && value !== null) problems.push(`${counter} of user ${String(row.user_login ?? row.user_id)} is not a number`);
      }
      teamRow[counter] = total;
    }
    if (options.breakdowns) {
      for (const { dims } of BREAKDOWNS) teamRow[`totals_by_${dims}`] = rows.flatMap((row) => (Array.isArray(row[`totals_by_${dims}`]) ? (row[`totals_by_${dims}`] as unknown[]) : []));
    }
    const mapped = mapUsageDay(teamRow, { ...labels, team: slug });
    // The team's size: every member the day's membership report lists, active or not.
    samples.push(...mapped.samples, { family: TEAM_MEMBERS, labels: { ...labels, team: slug }, value: (members.get(slug) as Set<string>).size });
    problems.push(...mapped.problems.map((problem) => `team ${slug}: ${problem}`));
  }
  return { samples, problems };
}

function maybe(random: Random, probability: number): boolean {
  return random() < probability;
}

/** A user's identity as GitHub may write it: by id (with its login), or, rarely, by login alone, in any case. */
interface Person {
  id?: number;
  login: string;
}

function identity(random: Random, person: Person): Row {
  const login = maybe(random, 0.5) ? person.login : person.login.toUpperCase();
  return person.id === undefined ? { user_login: login } : { user_id: person.id, user_login: login };
}

function breakdownEntries(random: Random, labels: readonly string[]): Row[] {
  const values: Record<string, string[]> = { ide: ['vscode', 'jetbrains', 'vim'], feature: ['completion', 'chat', 'agent'], language: ['go', 'ts', 'py'], model: ['gpt', 'claude'] };
  // Entries with the same labels within one row happen too: the day mapper sums them.
  return Array.from({ length: randomInt(random, 0, 4) }, () => ({
    ...Object.fromEntries(labels.map((label) => [label, pick(random, values[label] as string[])])),
    code_generation_activity_count: randomInt(random, 0, 50),
    loc_added_sum: randomInt(random, 0, 500),
    ...(maybe(random, 0.3) ? { loc_deleted_sum: randomInt(random, 0, 100) } : {}),
    ...(labels.includes('ide') && maybe(random, 0.5) ? { last_known_ide_version: { ide_version: '1.0' } } : {}),
  }));
}

function userRow(random: Random, person: Person, onDay: string): Row {
  const row: Row = { day: onDay, ...identity(random, person) };
  for (const counter of ACTIVITY_COUNTERS) {
    const roll = random();
    if (roll < 0.1) continue; // missing
    row[counter] = roll < 0.15 ? null : randomInt(random, 0, 200);
  }
  if (maybe(random, 0.5)) row.ai_credits_used = randomInt(random, 0, 120) / 4;
  for (const { dims, labels } of BREAKDOWNS) if (maybe(random, 0.7)) row[`totals_by_${dims}`] = breakdownEntries(random, labels);
  return row;
}

/** Random memberships and user rows of one day, with the awkward cases in good measure. */
function randomDay(random: Random) {
  const people: Person[] = Array.from({ length: randomInt(random, 0, 30) }, (_, i) => (maybe(random, 0.1) ? { login: `login${i}` } : { id: 1000 + i, login: `user${i}` }));
  const memberships: Row[] = [];
  const users: Row[] = [];
  for (const person of people) {
    // Users in no team, in one, in several; a membership listed twice; memberships of another day.
    for (const team of TEAMS) if (maybe(random, 0.3)) memberships.push({ ...identity(random, person), day, slug: team, team_id: TEAMS.indexOf(team) });
    if (maybe(random, 0.05) && memberships.length > 0) memberships.push({ ...(memberships.at(-1) as Row) });
    if (maybe(random, 0.1)) memberships.push({ ...identity(random, person), day: OTHER_DAY, slug: pick(random, TEAMS) });
    // Active that day or not (a member not active has a membership and no user row); rows of another day; a user listed twice.
    if (maybe(random, 0.7)) users.push(userRow(random, person, day));
    if (maybe(random, 0.1)) users.push(userRow(random, person, OTHER_DAY));
    if (maybe(random, 0.05)) users.push(userRow(random, person, day));
  }
  // GitHub's order is not ours: shuffle both reports.
  const shuffle = (rows: Row[]) => {
    for (let i = rows.length - 1; i > 0; i -= 1) {
      const j = randomInt(random, 0, i);
      [rows[i], rows[j]] = [rows[j] as Row, rows[i] as Row];
    }
    return rows;
  };
  const teams = maybe(random, 0.3) ? TEAMS.filter(() => maybe(random, 0.5)).concat(maybe(random, 0.3) ? ['no-such-team'] : []) : undefined;
  return { users: shuffle(users), memberships: shuffle(memberships), teams };
}

describe(`the streaming team join equals the in-memory join over random days (seed ${SEED})`, () => {
  it.each([false, true])(`breakdowns %s: the same series, ${CASES} random days (seed ${SEED})`, (breakdowns) => {
    const random = seededRandom('team-join', SEED, String(breakdowns));
    let teamsSeen = 0;
    for (let i = 0; i < CASES; i += 1) {
      const { users, memberships, teams } = randomDay(random);
      const options: TeamOptions = { breakdowns, ...(teams ? { teams } : {}) };
      const streamed = mapTeams(users, memberships, day, scope, options);
      const expected = oracleTeams(users, memberships, day, scope, options);
      const what = `case ${i} of seed ${SEED}`;
      expect(expected.problems, what).toEqual([]);
      expect(streamed.problems, what).toEqual([]);
      expect(values(streamed.samples), what).toEqual(values(expected.samples));
      teamsSeen += new Set(expected.samples.map((sample) => sample.labels.team)).size;
    }
    // The cases are not all empty.
    expect(teamsSeen).toBeGreaterThan(CASES);
  });
});

/** The in-memory ranking: every row kept by user (the first one counts), all sorted, the first maxUsers kept. */
function oracleTopUsers(rows: readonly Row[], onDay: string, maxUsers: number): { kept: Row[]; dropped: number } {
  const byUser = new Map<string, Row>();
  for (const row of rows) {
    const key = userKey(row);
    if (row.day === onDay && key && typeof row.user_login === 'string' && !byUser.has(key)) byUser.set(key, row);
  }
  const activity = (row: Row) => (typeof row.code_generation_activity_count === 'number' ? row.code_generation_activity_count : 0) + (typeof row.user_initiated_interaction_count === 'number' ? row.user_initiated_interaction_count : 0);
  const ranked = [...byUser.values()].sort((a, b) => activity(b) - activity(a) || String(a.user_login).localeCompare(String(b.user_login)));
  return { kept: ranked.slice(0, maxUsers), dropped: ranked.length - Math.min(maxUsers, ranked.length) };
}

describe(`TopUsers keeps exactly the users a full sort keeps (seed ${SEED})`, () => {
  it(`${CASES} random reports, with many ties on activity (broken by login) and users listed twice (seed ${SEED})`, () => {
    const random = seededRandom('top-users', SEED);
    for (let i = 0; i < CASES; i += 1) {
      const count = randomInt(random, 0, 60);
      const rows: Row[] = [];
      for (let u = 0; u < count; u += 1) {
        // Few distinct activity values, so that ties are common; logins of mixed case.
        const login = `${pick(random, ['ann', 'Bob', 'cid', 'Dee', 'eve'])}${u}`;
        const row: Row = { day, user_id: u, user_login: login, code_generation_activity_count: randomInt(random, 0, 3), loc_added_sum: randomInt(random, 0, 100) };
        if (maybe(random, 0.5)) row.user_initiated_interaction_count = randomInt(random, 0, 2);
        rows.push(row);
        if (maybe(random, 0.1)) rows.push({ ...row, code_generation_activity_count: 99 }); // listed twice: the first row counts
        if (maybe(random, 0.1)) rows.push({ ...row, user_id: 10_000 + u, day: OTHER_DAY, code_generation_activity_count: 50 });
        if (maybe(random, 0.05)) rows.push({ day, user_id: 20_000 + u, code_generation_activity_count: 70 }); // no login: never a series
      }
      const maxUsers = randomInt(random, 1, count + 2);
      const { samples, dropped } = mapUsers(rows, day, scope, { label: 'login', salt: '', maxUsers, breakdowns: false });
      const expected = oracleTopUsers(rows, day, maxUsers);
      const what = `case ${i} of seed ${SEED}`;
      expect(dropped, what).toBe(expected.dropped);
      // The same users, in the same order (most active first), each with its own row's values.
      expect([...new Set(samples.map((sample) => sample.labels.user))], what).toEqual(expected.kept.map((row) => row.user_login));
      const expectedValues: Record<string, number> = {};
      for (const row of expected.kept) {
        for (const field of USER_FIELDS) {
          const value = row[field];
          if (typeof value === 'number') expectedValues[`github_copilot_${field.replace(/_(count|sum)$/, '')}{"org":"octo","user":"${String(row.user_login)}"}`] = value;
        }
      }
      expect(values(samples), what).toEqual(expectedValues);
    }
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

  it.each<[string, unknown, string]>([
    ['a negative count', -1, 'seat_breakdown.total is -1, expected a non-negative integer'],
    ['a fraction', 2.5, 'seat_breakdown.total is 2.5, expected a non-negative integer'],
    ['NaN', Number.NaN, 'seat_breakdown.total is NaN, expected a non-negative integer'],
    ['Infinity', Number.POSITIVE_INFINITY, 'seat_breakdown.total is Infinity, expected a non-negative integer'],
    ['text', '12', 'seat_breakdown.total is "12", expected a non-negative integer'],
  ])('reports %s in the billing breakdown, and exports no series for it', (_case, total, problem) => {
    const { samples, problems } = mapOrgBilling({ seat_breakdown: { total, active_this_cycle: 3 } }, scope);
    expect(problems).toEqual([problem]);
    expect(values(samples)).toEqual({ 'github_copilot_seats{"org":"octo","state":"active_this_cycle"}': 3 });
  });

  it.each<[unknown, string]>([
    [-2, 'total_seats is -2, expected a non-negative integer'],
    [4.5, 'total_seats is 4.5, expected a non-negative integer'],
    [Number.NaN, 'total_seats is NaN, expected a non-negative integer'],
    ['5', 'total_seats is "5", expected a non-negative integer'],
  ])('reports a total_seats of %j and exports no total', async (total, problem) => {
    const { samples, problems } = await mapSeatList([], { enterprise: 'octo-ent' }, { now: Date.parse('2026-11-20T00:00:00Z'), total: () => total });
    expect(problems).toEqual([problem]);
    expect(samples.some((sample) => sample.labels.state === 'total')).toBe(false);
  });

  it('counts a seat list by plan type and by activity in the last 7 and 28 days', async () => {
    const { seats } = readGitHubExample<{ seats: Array<Record<string, unknown>> }>('example-copilot-seats-list.json');
    // GitHub's example seats were last active on 2021-10-14T06:53:32Z and 2021-10-13T06:53:32Z: ten days later, both are within 28 days, neither within 7.
    const now = Date.parse('2021-10-24T00:00:00Z');
    const { samples } = await mapSeatList([seats], { enterprise: 'octo-ent' }, { now, total: () => 2 });
    const result = values(samples);
    expect(result['github_copilot_seats{"enterprise":"octo-ent","state":"total"}']).toBe(2);
    expect(result['github_copilot_seats_active{"enterprise":"octo-ent","window":"7d"}']).toBe(0);
    expect(result['github_copilot_seats_active{"enterprise":"octo-ent","window":"28d"}']).toBe(2);
    expect(Object.entries(result).filter(([key]) => key.startsWith('github_copilot_seats_by_plan_type')).reduce((sum, [, value]) => sum + value, 0)).toBe(2);
  });

  it('folds a long list page by page into the same series as one page, the most recent users kept', async () => {
    const now = Date.parse('2026-11-20T00:00:00Z');
    const random = seededRandom('seat-pages', SEED);
    const seats = Array.from({ length: 1234 }, (_, index) => ({
      assignee: { login: `user${index}` },
      last_activity_at: random() < 0.1 ? null : new Date(now - Math.floor(random() * 60) * 86_400_000 - Math.floor(random() * 1000) * 1000).toISOString(),
      plan_type: random() < 0.5 ? 'business' : 'enterprise',
    }));
    const users = { label: 'login' as const, salt: '', maxUsers: 7, breakdowns: false };
    const paged = Array.from({ length: Math.ceil(seats.length / 100) }, (_, page) => seats.slice(page * 100, page * 100 + 100));
    const whole = await mapSeatList([seats], scope, { now, users });
    const folded = await mapSeatList(paged, scope, { now, users });
    expect(values(folded.samples)).toEqual(values(whole.samples));
    const kept = seats
      .filter((seat) => seat.last_activity_at !== null)
      .sort((a, b) => Date.parse(b.last_activity_at as string) - Date.parse(a.last_activity_at as string) || a.assignee.login.localeCompare(b.assignee.login))
      .slice(0, 7)
      .map((seat) => seat.assignee.login);
    const exported = folded.samples.filter((sample) => sample.family.name === 'github_copilot_seat_last_activity_timestamp_seconds').map((sample) => sample.labels.user);
    expect(exported.sort()).toEqual([...kept].sort());
    expect(folded.dropped).toBe(seats.filter((seat) => seat.last_activity_at !== null).length - 7);
  });

  it('gives each seat holder’s last activity per user, capped, and never counts a seat without activity', async () => {
    const seat = (login: string, at: string | null, plan = 'business') => ({ assignee: { login }, last_activity_at: at, plan_type: plan, created_at: '2025-01-01T00:00:00Z' });
    const now = Date.parse('2026-11-20T00:00:00Z');
    const seats = [seat('ann', '2026-11-19T12:00:00Z'), seat('bob', '2026-11-01T00:00:00Z', 'enterprise'), seat('cid', null), seat('dee', '2026-10-01T00:00:00Z')];
    const { samples, dropped } = await mapSeatList([seats], scope, { now, users: { label: 'login', salt: '', maxUsers: 2, breakdowns: false } });
    const result = values(samples);
    expect(result['github_copilot_seats_active{"org":"octo","window":"7d"}']).toBe(1);
    expect(result['github_copilot_seats_active{"org":"octo","window":"28d"}']).toBe(2);
    expect(result['github_copilot_seats_by_plan_type{"org":"octo","plan_type":"business"}']).toBe(3);
    expect(result['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"ann"}']).toBe(Date.parse('2026-11-19T12:00:00Z') / 1000);
    expect(result['github_copilot_seat_last_activity_timestamp_seconds{"org":"octo","user":"bob"}']).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
    expect(dropped).toBe(1);
  });
});
