/**
 * What an entity's users did on a day: who was active, and the activity cells (ide × feature ×
 * language × model) of each. Both usage reports are made from it: a `users-1-day` row is one user's
 * cells, and the entity report's day totals are the sums of every user's cells, with the users who
 * have a row as its daily active users.
 *
 * Why the entity is derived from its users rather than the users scaled to fit the entity: GitHub builds
 * both reports from the same per-user telemetry, so an organization's counters are sums over its users'
 * rows. A team, a subset of those users, then never exceeds its organization or enterprise, on any
 * counter, breakdown or day, without a rule to enforce it. Users drawn apart from the day totals (as
 * this fake once did) let a team exceed its enterprise; scaling them down afterwards would keep the sums
 * in bounds but make every user's numbers an artefact of the scaling.
 *
 * The same entity, day and exclusions always give the same activity.
 */
import { type ActivityCounter, ACTIVITY_COUNTERS } from '../../src/metrics/definitions.js';
import { type Random, pick, randomInt, seededRandom } from './random.js';
import { type EntityProfile, type Exclusions, revisionSeed } from './entity-profile.js';

const IDES = ['vscode', 'jetbrains', 'visualstudio', 'neovim', 'xcode', 'eclipse'];
const FEATURES = [
  'code_completion',
  'chat_panel_ask_mode',
  'chat_panel_agent_mode',
  'chat_panel_edit_mode',
  'chat_panel_plan_mode',
  'chat_panel_custom_mode',
  'agent_edit',
];
const LANGUAGES = ['typescript', 'python', 'java', 'go', 'csharp', 'rust', 'ruby', 'kotlin', 'cpp', 'sql', 'markdown', 'unknown'];
const MODELS = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'gemini-2.5-pro', 'default'];

type Counters = Record<ActivityCounter, number>;

export interface Cell extends Counters {
  ide: string;
  feature: string;
  language: string;
  model: string;
}

/** The names of one cell. */
type CellNames = Omit<Cell, ActivityCounter>;

/** Every counter at zero: copied into new cells and breakdown entries, never changed. */
export const NO_ACTIVITY: Readonly<Counters> = Object.fromEntries(ACTIVITY_COUNTERS.map((name) => [name, 0])) as Counters;

export interface UserActivity {
  /** The seat holder, from 0 (people.ts names them). */
  index: number;
  cells: Cell[];
  /** The user's `totals_by_cli`, when they used Copilot CLI that day. */
  cli?: Record<string, unknown>;
  aiCreditsUsed: number;
}

/** Weekends see a quarter of a weekday's activity. */
export function workload(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 0.25 : 1;
}

/** The entity's `heavyUsers`, checked. */
export function heavyUsers(entity: EntityProfile): EntityProfile['heavyUsers'] {
  const heavy = entity.heavyUsers;
  // Three full rounds of people.ts's heavyTeamsOf give every team at least six members: GitHub would leave out teams below five.
  if (heavy && (heavy.teams < 2 || entity.seats < 3 * heavy.teams || heavy.count > entity.seats)) {
    throw new Error(`heavyUsers of ${entity.slug}: needs 2 or more teams, at least 3 seats per team and no more active users than seats`);
  }
  return heavy;
}

/**
 * The day's active users in seat order, one at a time: a heavy entity's are many (its first `count`
 * seat holders, every day) and must never be held together.
 */
export function* eachUserActivity(entity: EntityProfile, day: string, excluded: Exclusions = {}): Generator<UserActivity> {
  const heavy = heavyUsers(entity);
  if (!heavy) {
    yield* ordinaryActivity(entity, day, excluded);
    return;
  }
  const names = namePools(1, excluded);
  for (let index = 0; index < heavy.count; index += 1) yield heavyUserActivity(entity, day, index, names);
}

/** The day's activity of the whole entity: every user's cells summed, and how many users had a row. */
export function entityActivity(entity: EntityProfile, day: string, excluded: Exclusions = {}): { dailyActiveUsers: number; cells: Cell[] } {
  const cells = new Map<string, Cell>();
  const heavy = heavyUsers(entity);
  if (heavy) {
    // Each user's bursts are added as they are drawn: making every user's cells first and summing them took seconds.
    const names = namePools(1, excluded);
    for (let index = 0; index < heavy.count; index += 1) heavyBursts(heavyRandom(entity, day, index), names, cells);
    return { dailyActiveUsers: heavy.count, cells: [...cells.values()] };
  }
  let dailyActiveUsers = 0;
  for (const user of eachUserActivity(entity, day, excluded)) {
    dailyActiveUsers += 1;
    for (const cell of user.cells) {
      const sum = cellOf(cells, cell);
      for (const counter of ACTIVITY_COUNTERS) sum[counter] += cell[counter];
    }
  }
  return { dailyActiveUsers, cells: [...cells.values()] };
}

/** Adds one burst of activity to the cell of these names in `cells`. */
function addCell(random: Random, cells: Map<string, Cell>, names: CellNames): void {
  const counters = cellOf(cells, names);
  const generated = randomInt(random, 1, 60);
  const accepted = Math.round(generated * (0.2 + random() * 0.2));
  const suggestedAdd = generated * randomInt(random, 1, 6);
  const added = accepted * randomInt(random, 1, 5);
  counters.user_initiated_interaction_count += names.feature === 'code_completion' ? 0 : randomInt(random, 1, 12);
  counters.code_generation_activity_count += generated;
  counters.code_acceptance_activity_count += accepted;
  counters.loc_suggested_to_add_sum += suggestedAdd;
  counters.loc_suggested_to_delete_sum += Math.round(suggestedAdd * 0.1);
  counters.loc_added_sum += added;
  counters.loc_deleted_sum += Math.round(added * 0.15);
}

/** The cell of these names in `cells`, created at zero. */
function cellOf(cells: Map<string, Cell>, names: CellNames): Cell {
  const key = `${names.ide}|${names.feature}|${names.language}|${names.model}`;
  let cell = cells.get(key);
  if (!cell) {
    // Object.assign, not two spreads: V8 makes `{ ...a, ...b }` some 30 times slower, and large reports make millions of cells.
    cell = Object.assign({ ide: names.ide, feature: names.feature, language: names.language, model: names.model }, NO_ACTIVITY);
    cells.set(key, cell);
  }
  return cell;
}

/** Extra names for large reports: real reports carry dozens of languages and models. */
function dimension(base: string[], scale: number, prefix: string): string[] {
  if (scale <= 1) return base;
  const extra = Array.from({ length: Math.ceil(base.length * (Math.sqrt(scale) - 1)) }, (_, i) => `${prefix}-${i + 1}`);
  return [...base, ...extra];
}

/** The names cells are drawn from. */
interface NamePools {
  ides: string[];
  features: string[];
  languages: string[];
  models: string[];
}

/** The names a day's cells are drawn from: those of the entity's scale, less the excluded ones. */
function namePools(scale: number, excluded: Exclusions): NamePools {
  return {
    ides: dimension(IDES, scale, 'ide').filter((ide) => !excluded.ide?.includes(ide)),
    features: FEATURES.filter((feature) => !excluded.feature?.includes(feature)),
    languages: dimension(LANGUAGES, scale, 'lang').filter((language) => !excluded.language?.includes(language)),
    models: dimension(MODELS, scale, 'model').filter((model) => !excluded.model?.includes(model)),
  };
}

/**
 * An ordinary entity's day: 35 to 60 % of its seat holders active on a weekday (a quarter of that at
 * weekends), and about three bursts of activity each, at most 120 in all (a report of realistic size)
 * but at least one a user; `scale` multiplies the bursts and the names for benchmarks.
 */
function* ordinaryActivity(entity: EntityProfile, day: string, excluded: Exclusions): Generator<UserActivity> {
  const random = seededRandom('activity', entity.kind, entity.slug, entity.id, day, ...revisionSeed(excluded));
  const seats = entity.seats;
  const active = Math.min(seats, Math.max(1, Math.round(seats * (0.35 + random() * 0.25) * workload(day))));
  if (active === 0) return;
  // Who: `active` seat holders drawn without replacement (a partial Fisher–Yates shuffle), then in seat order.
  const order = Array.from({ length: seats }, (_, index) => index);
  for (let i = 0; i < active; i += 1) {
    const j = randomInt(random, i, seats - 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const users = order.slice(0, active).sort((a, b) => a - b);
  // What: the bursts dealt out in turn, so that every active user has at least one.
  const scale = entity.scale ?? 1;
  const names = namePools(scale, excluded);
  const bursts = Math.max(4, active, Math.min(active * 3, 120)) * scale;
  const cells = users.map(() => new Map<string, Cell>());
  for (let i = 0; i < bursts; i += 1) {
    addCell(random, cells[i % active] as Map<string, Cell>, { ide: pick(random, names.ides), feature: pick(random, names.features), language: pick(random, names.languages), model: pick(random, names.models) });
  }
  for (const [n, index] of users.entries()) yield { index, cells: [...(cells[n] as Map<string, Cell>).values()], aiCreditsUsed: randomInt(random, 0, 30) };
}

/** Bursts of activity of a heavy user: with two IDEs, about 8 KB of breakdowns, as a heavy real user's day. */
const HEAVY_BURSTS = 8;

/** Heavy user `index`'s draws: a function of the entity, the day and the index alone, so users can be made one at a time. */
function heavyRandom(entity: EntityProfile, day: string, index: number): Random {
  return seededRandom('heavy-user', entity.slug, day, index);
}

/** A heavy user's bursts, added to `cells`: the first draws of the user's `random`. */
function heavyBursts(random: Random, names: NamePools, cells: Map<string, Cell>): void {
  const ides = [pick(random, names.ides), pick(random, names.ides)];
  for (let i = 0; i < HEAVY_BURSTS; i += 1) addCell(random, cells, { ide: pick(random, ides), feature: pick(random, names.features), language: pick(random, names.languages), model: pick(random, names.models) });
}

/** Heavy user `index`'s day: its bursts, then its Copilot CLI use and AI credits. */
function heavyUserActivity(entity: EntityProfile, day: string, index: number, names: NamePools): UserActivity {
  const random = heavyRandom(entity, day, index);
  const cells = new Map<string, Cell>();
  heavyBursts(random, names, cells);
  const sessions = random() < 0.3 ? randomInt(random, 1, 4) : 0;
  const requests = sessions * randomInt(random, 2, 9);
  const outputTokens = requests * randomInt(random, 300, 1500);
  const promptTokens = requests * randomInt(random, 1000, 4000);
  const cli = {
    last_known_cli_version: { cli_version: '1.0.8', sampled_at: `${day}T10:00:00.000Z` },
    prompt_count: Math.round(requests * 0.6),
    request_count: requests,
    session_count: sessions,
    token_usage: { avg_tokens_per_request: requests ? Math.round(((outputTokens + promptTokens) / requests) * 10) / 10 : 0, output_tokens_sum: outputTokens, prompt_tokens_sum: promptTokens },
  };
  return { index, cells: [...cells.values()], ...(sessions > 0 ? { cli } : {}), aiCreditsUsed: randomInt(random, 0, 120) };
}
