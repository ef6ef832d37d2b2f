/**
 * Synthetic people of an entity: per-user rows of `users-1-day`, team memberships of `user-teams-1-day`,
 * and the Copilot seat list, with the field names of GitHub's documentation and schemas
 * (docs-example-usage-metrics-user-level.json, copilot-seat-details.schema.json).
 *
 * Every seat holder is user `<slug>-dev-<n>`; about as many are active as the day totals say. Users are
 * spread over the entity's teams, every seventh also in the next team; GitHub leaves out teams with
 * fewer than five members, and so does this fake (`smallTeams` lists teams that get four members).
 */
import type { ActivityCounter } from '../../src/metrics/definitions.js';
import { addDays } from '../../src/backfill/days.js';
import { pick, randomInt, seededRandom } from './random.js';
import { type EntityProfile, FEATURES, IDES, LANGUAGES, MODELS, generateDayTotals } from './usage-report.js';

type Row = Record<string, unknown>;

export interface Person {
  id: number;
  login: string;
}

export function people(entity: EntityProfile): Person[] {
  return Array.from({ length: entity.seats }, (_, index) => ({ id: entity.id * 100_000 + index + 1, login: `${entity.slug}-dev-${index + 1}` }));
}

function owner(entity: EntityProfile): Row {
  return entity.kind === 'enterprise' ? { enterprise_id: String(entity.id) } : { organization_id: String(entity.id) };
}

function counters(random: () => number): Record<ActivityCounter, number> {
  const generated = randomInt(random, 0, 80);
  const accepted = Math.round(generated * (0.2 + random() * 0.2));
  const suggested = generated * randomInt(random, 1, 5);
  const added = accepted * randomInt(random, 1, 4);
  return {
    user_initiated_interaction_count: randomInt(random, 0, 20),
    code_generation_activity_count: generated,
    code_acceptance_activity_count: accepted,
    loc_suggested_to_add_sum: suggested,
    loc_suggested_to_delete_sum: Math.round(suggested * 0.1),
    loc_added_sum: added,
    loc_deleted_sum: Math.round(added * 0.2),
  };
}

/** The `users-1-day` rows of a day: one per active user, about as many as the day's daily active users. */
export function userRows(entity: EntityProfile, day: string): Row[] {
  const share = Number(generateDayTotals(entity, day).daily_active_users) / Math.max(1, entity.seats);
  const rows: Row[] = [];
  for (const person of people(entity)) {
    const random = seededRandom('user', entity.slug, person.login, day);
    if (random() >= share) continue;
    const ide = pick(random, IDES);
    const feature = pick(random, FEATURES);
    const language = pick(random, LANGUAGES);
    const model = pick(random, MODELS);
    const total = counters(random);
    rows.push({
      day,
      ...owner(entity),
      user_id: person.id,
      user_login: person.login,
      ...total,
      totals_by_ide: [{ ide, ...total, last_known_ide_version: { ide_version: '1.99.0', sampled_at: `${day}T09:00:00.000Z` } }],
      totals_by_feature: [{ feature, ...total }],
      totals_by_language_feature: [{ language, feature, ...total }],
      totals_by_language_model: [{ language, model, ...total }],
      totals_by_model_feature: [{ model, feature, ...total }],
      used_chat: total.user_initiated_interaction_count > 0,
      used_agent: feature === 'chat_panel_agent_mode',
      used_cli: false,
      ai_credits_used: randomInt(random, 0, 30),
    });
  }
  return rows;
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

/** The `user-teams-1-day` rows of a day. */
export function userTeamRows(entity: EntityProfile, day: string, smallTeams: readonly string[] = []): Row[] {
  const rows: Row[] = [];
  let teamId = entity.id * 1000;
  for (const [slug, members] of teamMembers(entity, smallTeams)) {
    teamId += 1;
    for (const person of members) rows.push({ user_id: person.id, user_login: person.login, day, team_id: teamId, slug, ...owner(entity) });
  }
  return rows;
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
