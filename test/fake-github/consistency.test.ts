/**
 * The fake's teams and users add up the way GitHub's do, over a few seeds of entity profiles and a
 * week of days each: a team's counters (sums over its members' `users-1-day` rows) never exceed its
 * organization's or enterprise's day totals, on any counter or breakdown entry, and neither do its
 * daily active users; the entity counts at least as many daily active users as have a row. The
 * legacy team endpoints keep the same rule. Seeds are fixed, so that a failure repeats; TEST_SEED=<n>
 * replaces the last with another (the seed is in the test name).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/days.js';
import { ACTIVITY_COUNTERS, BREAKDOWNS } from '../../src/metrics/definitions.js';
import { mapLegacyDay } from '../../src/metrics/map/legacy-day.js';
import { userRows, userTeamRows } from './people.js';
import { testSeed } from '../helpers/seed.js';
import { randomInt, seededRandom } from './random.js';
import { FakeGitHub } from './server.js';
import type { EntityProfile } from './entity-profile.js';
import { generateDayTotals } from './usage-report.js';

type Row = Record<string, unknown>;

const SEEDS = [1, 7, 42, 1234, testSeed(99_999)];

/** An entity of seed `seed`: either kind, 5 to 400 seats, one to four teams. */
function profile(seed: number): EntityProfile {
  const random = seededRandom('consistency', seed);
  const teams = Array.from({ length: randomInt(random, 1, 4) }, (_, index) => `team-${index + 1}`);
  return { kind: random() < 0.5 ? 'enterprise' : 'org', slug: `entity-${seed}`, id: seed, seats: randomInt(random, 5, 400), teams };
}

/** Seven days from a day of the seed: weekdays and a weekend. */
function week(seed: number): string[] {
  const first = addDays('2026-10-01', seed % 60);
  return Array.from({ length: 7 }, (_, offset) => addDays(first, offset));
}

/** A day row's values by `name` (the top-level counters and daily active users) and `totals_by_<dims>|<label values>|<counter>`. */
function valuesOf(row: Row): Map<string, number> {
  const values = new Map<string, number>([['daily_active_users', row.daily_active_users as number]]);
  for (const counter of ACTIVITY_COUNTERS) values.set(counter, row[counter] as number);
  for (const { dims, labels } of BREAKDOWNS) {
    for (const entry of (row[`totals_by_${dims}`] ?? []) as Row[]) {
      const key = [`totals_by_${dims}`, ...labels.map((label) => String(entry[label]))].join('|');
      for (const counter of ACTIVITY_COUNTERS) values.set(`${key}|${counter}`, (values.get(`${key}|${counter}`) ?? 0) + (entry[counter] as number));
    }
  }
  return values;
}

/** Each team's values: its members' rows summed (daily active users: the members with a row), as GitHub's join says. */
function teamValues(rows: Row[], memberships: Row[]): Map<string, Map<string, number>> {
  const byUser = new Map(rows.map((row) => [row.user_id, valuesOf({ ...row, daily_active_users: 1 })]));
  const teams = new Map<string, Map<string, number>>();
  for (const membership of memberships) {
    const team = teams.get(String(membership.slug)) ?? new Map<string, number>();
    teams.set(String(membership.slug), team);
    for (const [key, value] of byUser.get(membership.user_id) ?? []) team.set(key, (team.get(key) ?? 0) + value);
  }
  return teams;
}

/** Every user's rows summed: what the entity's totals are made of. */
function allUsers(rows: Row[]): Map<string, number> {
  return teamValues(rows, rows.map((row) => ({ user_id: row.user_id, slug: 'everyone' }))).get('everyone') ?? new Map();
}

function expectConsistent(entity: EntityProfile, day: string): void {
  const totals = valuesOf(generateDayTotals(entity, day));
  const rows = userRows(entity, day);
  const where = `${entity.slug} ${day}`;
  expect(totals.get('daily_active_users'), `${where}: daily active users against rows`).toBeGreaterThanOrEqual(rows.length);
  const teams = teamValues(rows, userTeamRows(entity, day));
  expect(teams.size, where).toBeGreaterThan(0);
  for (const [team, values] of teams) {
    for (const [key, value] of values) expect(value, `${where} team ${team} ${key}`).toBeLessThanOrEqual(totals.get(key) ?? 0);
  }
  // The reason they cannot exceed it: the entity's activity is the sum of all its users' rows.
  const everyone = allUsers(rows);
  for (const [key, value] of totals) if (key !== 'daily_active_users') expect(everyone.get(key) ?? 0, `${where} all users ${key}`).toBe(value);
}

describe('the fake GitHub’s teams and users', () => {
  it.each(SEEDS)('never exceed their entity (seed %i)', (seed) => {
    for (const day of week(seed)) expectConsistent(profile(seed), day);
  });

  it.each(SEEDS.slice(0, 2))('never exceed their entity with enterprise-scale users reports either (seed %i)', (seed) => {
    const entity: EntityProfile = { kind: 'enterprise', slug: `heavy-${seed}`, id: seed, seats: 60 + seed, heavyUsers: { count: 50, teams: 6 } };
    for (const day of week(seed).slice(0, 2)) expectConsistent(entity, day);
  });

  it('leave out of users’ rows what the day leaves out of the entity', () => {
    const entity = profile(42);
    const day = week(42)[0] as string;
    const excluded = { ide: ['vscode'], language: ['python'] };
    const totals = generateDayTotals(entity, day, excluded);
    const rows = userRows(entity, day, excluded);
    const names = (entries: Row[], label: string) => entries.map((entry) => entry[label]);
    for (const row of [totals, ...rows]) {
      expect(names(row.totals_by_ide as Row[], 'ide')).not.toContain('vscode');
      expect(names(row.totals_by_language_feature as Row[], 'language')).not.toContain('python');
    }
    expect(allUsers(rows).get('loc_added_sum')).toBe(totals.loc_added_sum);
  });
});

describe('the fake GitHub’s legacy teams', () => {
  it.each(SEEDS)('never exceed their organization or enterprise on any series (seed %i)', (seed) => {
    const entity = profile(seed);
    const fake = new FakeGitHub({ entities: [entity], legacyRough: seed % 2 === 1 });
    const ownerScope: Record<string, string> = entity.kind === 'enterprise' ? { enterprise: entity.slug } : { org: entity.slug };
    const series = (day: Row, team?: string) =>
      new Map(mapLegacyDay(day, team ? { ...ownerScope, team } : ownerScope).samples.map((sample) => [`${sample.family.name}${JSON.stringify({ ...sample.labels, team: undefined })}`, sample.value]));
    const ownerDays = new Map(fake.legacyDays(entity.kind, entity.slug).map((day) => [day.date, day]));
    for (const team of entity.teams ?? []) {
      const days = fake.legacyDays(entity.kind, entity.slug, team);
      expect(days.length).toBeGreaterThan(0);
      for (const day of days) {
        const owner = series(ownerDays.get(day.date) as Row);
        for (const [key, value] of series(day, team)) expect(value, `${team} ${String(day.date)} ${key}`).toBeLessThanOrEqual(owner.get(key) ?? 0);
      }
    }
  });
});
