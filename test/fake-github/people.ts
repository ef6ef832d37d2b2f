/**
 * Synthetic people of an entity: per-user rows of `users-1-day`, team memberships of `user-teams-1-day`,
 * and the Copilot seat list, with the field names of GitHub's documentation and schemas
 * (docs-example-usage-metrics-user-level.json, copilot-seat-details.schema.json).
 *
 * Every seat holder is user `<slug>-dev-<n>`; who is active and what they did comes from activity.ts,
 * whose sums are the day totals, so no team exceeds its entity. Users are spread over the entity's
 * teams, every seventh also in the next team; GitHub leaves out teams with fewer than five members,
 * and so does this fake (`smallTeams` lists teams that get four members).
 *
 * An entity with `heavyUsers` is an enterprise-scale one instead: its first `count` seat holders are
 * active, each with a heavy row (many language × model combinations), and every seat holder is in two
 * of its generated teams. Rows are produced one at a time (eachUserRow) and never need to be held together.
 */
import type { ActivityCounter } from '../../src/metrics/definitions.js';
import { addDays } from '../../src/days.js';
import { type Cell, eachUserActivity, heavyUsers } from './activity.js';
import { seededRandom } from './random.js';
import type { EntityProfile, Exclusions } from './entity-profile.js';
import { sumBy } from './usage-report.js';
import { cliDay, lastKnownVersions } from './user-tools.js';

type Row = Record<string, unknown>;

export interface Person {
  id: number;
  login: string;
}

/** Seat holder `index` (from 0) of an entity. */
function person(entity: EntityProfile, index: number): Person {
  return { id: entity.id * 100_000 + index + 1, login: `${entity.slug}-dev-${index + 1}` };
}

export function people(entity: EntityProfile): Person[] {
  return Array.from({ length: entity.seats }, (_, index) => person(entity, index));
}

function owner(entity: EntityProfile): Row {
  return entity.kind === 'enterprise' ? { enterprise_id: String(entity.id) } : { organization_id: String(entity.id) };
}

/** A `users-1-day` row whose totals and `totals_by_*` breakdowns are the sums of the user's activity cells. */
function userRow(entity: EntityProfile, day: string, user: Person, cells: Cell[], rest: { cli?: Row; ai_credits_used: number }): Row {
  const total = sumBy(cells, [])[0] as Record<ActivityCounter, number>;
  return {
    day,
    ...owner(entity),
    user_id: user.id,
    user_login: user.login,
    ...total,
    totals_by_ide: sumBy(cells, ['ide']).map((entry) => ({ ...entry, ...lastKnownVersions(String(entry.ide), user.login, day) })),
    totals_by_feature: sumBy(cells, ['feature']),
    totals_by_language_feature: sumBy(cells, ['language', 'feature']),
    totals_by_language_model: sumBy(cells, ['language', 'model']),
    totals_by_model_feature: sumBy(cells, ['model', 'feature']),
    ...(rest.cli ? { totals_by_cli: rest.cli } : {}),
    used_chat: total.user_initiated_interaction_count > 0,
    used_agent: cells.some((cell) => cell.feature === 'chat_panel_agent_mode'),
    used_cli: rest.cli !== undefined,
    ai_credits_used: rest.ai_credits_used,
  };
}

/** The `users-1-day` rows of a day, one at a time: one per active user (activity.ts). */
export function* eachUserRow(entity: EntityProfile, day: string, excluded: Exclusions = {}): Generator<Row> {
  // Heavy users bring their own CLI day.
  const heavy = heavyUsers(entity) !== undefined;
  for (const user of eachUserActivity(entity, day, excluded)) {
    const who = person(entity, user.index);
    const cli = heavy ? user.cli : cliDay(who.login, day);
    yield userRow(entity, day, who, user.cells, { ...(cli ? { cli } : {}), ai_credits_used: user.aiCreditsUsed });
  }
}

/** The `users-1-day` rows of a day (for a heavy entity, prefer FakeGitHub.heavyReport's team values). */
export function userRows(entity: EntityProfile, day: string, excluded: Exclusions = {}): Row[] {
  return [...eachUserRow(entity, day, excluded)];
}

/** Team slugs with their members; a team below five members is left out, as GitHub does. */
export function teamMembers(entity: EntityProfile, smallTeams: readonly string[] = []): Map<string, Person[]> {
  const teams = entity.teams ?? [];
  const members = new Map<string, Person[]>(teams.map((team) => [team, []]));
  if (teams.length === 0) return members;
  people(entity).forEach((person, index) => {
    const team = teams[index % teams.length] as string;
    members.get(team)?.push(person);
    if (index % 7 === 0 && teams.length > 1) members.get(teams[(index + 1) % teams.length] as string)?.push(person);
  });
  for (const team of smallTeams) members.set(team, (members.get(team) ?? []).slice(0, 4));
  for (const [team, list] of members) if (list.length < 5) members.delete(team);
  return members;
}

/** The slug of team `index` (from 0) of a heavy entity. */
function heavyTeamSlug(index: number): string {
  return `team-${String(index + 1).padStart(3, '0')}`;
}

/**
 * The two teams of seat holder `index` of a heavy entity: the first round-robin, the second shifted by
 * the round, so that every team gets one first and one second member per round (never both the same).
 */
function heavyTeamsOf(index: number, teams: number): [number, number] {
  const first = index % teams;
  return [first, (first + 1 + (Math.floor(index / teams) % (teams - 1))) % teams];
}

/** The `user-teams-1-day` rows of a day, one at a time. */
export function* eachUserTeamRow(entity: EntityProfile, day: string, smallTeams: readonly string[] = []): Generator<Row> {
  const heavy = heavyUsers(entity);
  if (heavy) {
    for (let index = 0; index < entity.seats; index += 1) {
      const user = person(entity, index);
      for (const team of heavyTeamsOf(index, heavy.teams)) {
        yield { user_id: user.id, user_login: user.login, day, team_id: entity.id * 1000 + team + 1, slug: heavyTeamSlug(team), ...owner(entity) };
      }
    }
    return;
  }
  let teamId = entity.id * 1000;
  for (const [slug, members] of teamMembers(entity, smallTeams)) {
    teamId += 1;
    for (const user of members) yield { user_id: user.id, user_login: user.login, day, team_id: teamId, slug, ...owner(entity) };
  }
}

/** The `user-teams-1-day` rows of a day. */
export function userTeamRows(entity: EntityProfile, day: string, smallTeams: readonly string[] = []): Row[] {
  return [...eachUserTeamRow(entity, day, smallTeams)];
}

/** The Copilot seat list: one seat per person, its last activity some days before `endDay`. */
export function seatList(entity: EntityProfile, endDay: string): Row[] {
  return people(entity).map((person, index) => {
    const random = seededRandom('seat', entity.slug, person.login);
    // Most seats were used recently; every ninth was never used.
    const idle = index % 9 === 8 ? null : Math.floor(random() ** 3 * 40);
    return {
      created_at: '2025-01-15T10:00:00Z',
      updated_at: '2026-01-15T10:00:00Z',
      pending_cancellation_date: null,
      last_activity_at: idle === null ? null : `${addDays(endDay, -idle)}T12:00:00Z`,
      last_activity_editor: idle === null ? null : 'vscode/1.99.0/copilot-chat/0.26.0',
      plan_type: index % 5 === 0 ? 'enterprise' : 'business',
      assignee: { login: person.login, id: person.id, type: 'User', site_admin: false },
    };
  });
}

/** `GET /orgs/{org}/copilot/billing`, with the fields of copilot-organization-details. */
export function orgBilling(entity: EntityProfile, endDay: string): Row {
  const seats = seatList(entity, endDay);
  const active = seats.filter((seat) => seat.last_activity_at !== null).length;
  return {
    seat_breakdown: {
      total: seats.length,
      added_this_cycle: Math.round(seats.length / 10),
      pending_invitation: 1,
      pending_cancellation: 0,
      active_this_cycle: active,
      inactive_this_cycle: seats.length - active,
    },
    seat_management_setting: 'assign_selected',
    ide_chat: 'enabled',
    platform_chat: 'enabled',
    cli: 'enabled',
    public_code_suggestions: 'block',
    plan_type: 'business',
  };
}
