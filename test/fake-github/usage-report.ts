/**
 * Synthetic Copilot usage-metrics report rows with the field names of GitHub's documentation
 * (../shared/USAGE-METRICS-FIELDS.md and the docs-example-usage-metrics-*.json rows).
 *
 * Activity is generated as fine-grained cells (ide × feature × language × model) and every
 * `totals_by_*` breakdown and the day totals are sums of those cells, so the numbers are consistent
 * the way GitHub's are. The same profile, day and options always give the same row.
 */
import { type ActivityCounter, ACTIVITY_COUNTERS } from '../../src/metrics/definitions.js';
import { addDays } from '../../src/backfill/days.js';
import { type Random, pick, randomInt, seededRandom } from './random.js';

export interface EntityProfile {
  kind: 'enterprise' | 'org';
  slug: string;
  id: number;
  /** Licensed users; drives every other number. */
  seats: number;
  /** How many activity cells a day has; 1 is a realistic default, larger values make large reports for benchmarks. */
  scale?: number;
  /** Team slugs the legacy `/team/{team_slug}/copilot/metrics` endpoints know. */
  teams?: string[];
  /** The legacy endpoints answer 422, as when the "Copilot Metrics API access" policy is disabled. */
  legacyPolicyDisabled?: boolean;
  /** Reports the API answers 404 for (GitHub's `Not Found`), as for a token or plan without them. */
  missingReports?: ReadonlyArray<'users' | 'user-teams' | 'seats'>;
  /**
   * An enterprise-scale users report: `count` active users (the first `count` seat holders) with heavy
   * rows of about 8 KB, in one file, and every seat holder in two of `teams` teams (people.ts). The
   * files are written to disk and streamed, never held in memory (see FakeGitHub.heavyReport).
   */
  heavyUsers?: { count: number; teams: number };
}

/** Values to leave out of a day, to make series disappear. */
export interface Exclusions {
  ide?: string[];
  feature?: string[];
  language?: string[];
  model?: string[];
}

export const IDES = ['vscode', 'jetbrains', 'visualstudio', 'neovim', 'xcode', 'eclipse'];
export const FEATURES = [
  'code_completion',
  'chat_panel_ask_mode',
  'chat_panel_agent_mode',
  'chat_panel_edit_mode',
  'chat_panel_plan_mode',
  'chat_panel_custom_mode',
  'agent_edit',
];
export const LANGUAGES = ['typescript', 'python', 'java', 'go', 'csharp', 'rust', 'ruby', 'kotlin', 'cpp', 'sql', 'markdown', 'unknown'];
export const MODELS = ['gpt-4.1', 'gpt-5-mini', 'claude-sonnet-4.5', 'gemini-2.5-pro', 'default'];

type Counters = Record<ActivityCounter, number>;

export interface Cell extends Counters {
  ide: string;
  feature: string;
  language: string;
  model: string;
}

/** Extra names for large reports: real reports carry dozens of languages and models. */
function dimension(base: string[], scale: number, prefix: string): string[] {
  if (scale <= 1) return base;
  const extra = Array.from({ length: Math.ceil(base.length * (Math.sqrt(scale) - 1)) }, (_, i) => `${prefix}-${i + 1}`);
  return [...base, ...extra];
}

function emptyCounters(): Counters {
  return Object.fromEntries(ACTIVITY_COUNTERS.map((name) => [name, 0])) as Counters;
}

const ZERO = emptyCounters();

function makeCells(random: Random, profile: EntityProfile, dailyActive: number, excluded: Exclusions): Cell[] {
  const scale = profile.scale ?? 1;
  const ides = dimension(IDES, scale, 'ide').filter((ide) => !excluded.ide?.includes(ide));
  const features = FEATURES.filter((feature) => !excluded.feature?.includes(feature));
  const languages = dimension(LANGUAGES, scale, 'lang').filter((language) => !excluded.language?.includes(language));
  const models = dimension(MODELS, scale, 'model').filter((model) => !excluded.model?.includes(model));
  const cellCount = Math.max(4, Math.min(dailyActive * 3, 120)) * scale;
  const cells = new Map<string, Cell>();
  for (let i = 0; i < cellCount; i += 1) addCell(random, cells, { ide: pick(random, ides), feature: pick(random, features), language: pick(random, languages), model: pick(random, models) });
  return [...cells.values()];
}

/** Adds one burst of activity to the cell of these dimensions in `cells`. */
export function addCell(random: Random, cells: Map<string, Cell>, cell: Omit<Cell, ActivityCounter>): void {
  const key = `${cell.ide}|${cell.feature}|${cell.language}|${cell.model}`;
  // Object.assign, not two spreads: V8 makes `{ ...a, ...b }` some 30 times slower, and large reports make millions of cells.
  const counters = cells.get(key) ?? (Object.assign({}, cell, ZERO) as Cell);
  const generated = randomInt(random, 1, 60);
  const accepted = Math.round(generated * (0.2 + random() * 0.2));
  const suggestedAdd = generated * randomInt(random, 1, 6);
  const added = accepted * randomInt(random, 1, 5);
  counters.user_initiated_interaction_count += cell.feature === 'code_completion' ? 0 : randomInt(random, 1, 12);
  counters.code_generation_activity_count += generated;
  counters.code_acceptance_activity_count += accepted;
  counters.loc_suggested_to_add_sum += suggestedAdd;
  counters.loc_suggested_to_delete_sum += Math.round(suggestedAdd * 0.1);
  counters.loc_added_sum += added;
  counters.loc_deleted_sum += Math.round(added * 0.15);
  cells.set(key, counters);
}

/** The cells summed by the given dimensions: a `totals_by_*` breakdown (no keys: the totals). */
export function sumBy(cells: Cell[], keys: Array<keyof Cell>): Array<Record<string, string | number>> {
  const groups = new Map<string, Record<string, string | number>>();
  for (const cell of cells) {
    const id = keys.map((key) => cell[key]).join('|');
    let group = groups.get(id);
    if (!group) {
      group = Object.assign(Object.fromEntries(keys.map((key) => [key, cell[key]])), ZERO);
      groups.set(id, group);
    }
    for (const counter of ACTIVITY_COUNTERS) group[counter] = (group[counter] as number) + cell[counter];
  }
  return [...groups.values()];
}

function ownerId(profile: EntityProfile): Record<string, string> {
  return profile.kind === 'enterprise' ? { enterprise_id: String(profile.id) } : { organization_id: String(profile.id) };
}

/** One `day_totals[]` element. */
export function generateDayTotals(profile: EntityProfile, day: string, excluded: Exclusions = {}): Record<string, unknown> {
  const random = seededRandom(profile.kind, profile.slug, profile.id, day);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const workload = weekday === 0 || weekday === 6 ? 0.25 : 1;
  const seats = profile.seats;
  const daily = Math.max(1, Math.round(seats * (0.35 + random() * 0.25) * workload));
  const weekly = Math.min(seats, Math.round(daily / workload) + randomInt(random, 0, Math.ceil(seats * 0.1)));
  const monthly = Math.min(seats, weekly + randomInt(random, 0, Math.ceil(seats * 0.1)));
  const cliUsers = Math.round(daily * 0.15);
  const cells = makeCells(random, profile, daily, excluded);
  const totals = sumBy(cells, [])[0] ?? emptyCounters();
  const sessions = cliUsers * randomInt(random, 1, 4);
  const requests = sessions * randomInt(random, 2, 9);
  const outputTokens = requests * randomInt(random, 300, 1500);
  const promptTokens = requests * randomInt(random, 1000, 4000);
  const created = randomInt(random, 0, Math.ceil(daily * 0.5));
  const merged = Math.round(created * 0.8);
  const suggestions = randomInt(random, 0, created * 3);
  const copilotSuggestions = Math.round(suggestions * 0.6);
  return {
    day,
    ...ownerId(profile),
    daily_active_users: daily,
    weekly_active_users: weekly,
    monthly_active_users: monthly,
    monthly_active_chat_users: Math.round(monthly * 0.7),
    monthly_active_agent_users: Math.round(monthly * 0.4),
    daily_active_cli_users: cliUsers,
    daily_active_copilot_code_review_users: Math.round(daily * 0.2),
    weekly_active_copilot_code_review_users: Math.round(weekly * 0.25),
    monthly_active_copilot_code_review_users: Math.round(monthly * 0.3),
    daily_passive_copilot_code_review_users: Math.round(daily * 0.05),
    weekly_passive_copilot_code_review_users: Math.round(weekly * 0.07),
    monthly_passive_copilot_code_review_users: Math.round(monthly * 0.08),
    daily_active_copilot_cloud_agent_users: Math.round(daily * 0.04),
    weekly_active_copilot_cloud_agent_users: Math.round(weekly * 0.05),
    monthly_active_copilot_cloud_agent_users: Math.round(monthly * 0.06),
    ...totals,
    totals_by_ide: sumBy(cells, ['ide']),
    totals_by_feature: sumBy(cells, ['feature']),
    totals_by_language_feature: sumBy(cells, ['language', 'feature']),
    totals_by_language_model: sumBy(cells, ['language', 'model']),
    totals_by_model_feature: sumBy(cells, ['model', 'feature']),
    totals_by_cli: {
      session_count: sessions,
      request_count: requests,
      prompt_count: Math.round(requests * 0.6),
      token_usage: {
        avg_tokens_per_request: requests ? Math.round(((outputTokens + promptTokens) / requests) * 10) / 10 : 0,
        output_tokens_sum: outputTokens,
        prompt_tokens_sum: promptTokens,
      },
    },
    pull_requests: {
      total_created: created,
      total_reviewed: randomInt(random, 0, created + 2),
      total_merged: merged,
      median_minutes_to_merge: Math.round(random() * 3000) / 10,
      total_suggestions: suggestions,
      total_applied_suggestions: Math.round(suggestions * 0.4),
      total_created_by_copilot: Math.round(created * 0.1),
      total_reviewed_by_copilot: Math.round(created * 0.5),
      total_merged_created_by_copilot: Math.round(merged * 0.1),
      total_merged_reviewed_by_copilot: Math.round(merged * 0.5),
      median_minutes_to_merge_copilot_authored: Math.round(random() * 2000) / 10,
      median_minutes_to_merge_copilot_reviewed: Math.round(random() * 2500) / 10,
      total_copilot_suggestions: copilotSuggestions,
      total_copilot_applied_suggestions: Math.round(copilotSuggestions * 0.35),
    },
  };
}

/**
 * The rows of an entity (enterprise or organization) 28-day report ending on `endDay`, split into
 * `parts` rows (one per download link). `excludedOn` leaves values out of given days.
 */
export function generateEntityReport(
  profile: EntityProfile,
  endDay: string,
  options: { parts?: number; excludedOn?: Map<string, Exclusions>; historyDays?: number } = {},
): Array<Record<string, unknown>> {
  const startDay = addDays(endDay, -27);
  // Benchmarks keep only the last days of the 28 to stay fast; report_start_day is still 27 days back.
  const historyDays = Math.min(28, options.historyDays ?? 28);
  const days = Array.from({ length: historyDays }, (_, i) => addDays(endDay, i - historyDays + 1));
  const dayTotals = days.map((day) => generateDayTotals(profile, day, options.excludedOn?.get(day)));
  const parts = Math.max(1, options.parts ?? 1);
  const perPart = Math.ceil(dayTotals.length / parts);
  return Array.from({ length: parts }, (_, part) => ({
    report_start_day: startDay,
    report_end_day: endDay,
    ...ownerId(profile),
    day_totals: dayTotals.slice(part * perPart, (part + 1) * perPart),
    etl_id: 'fake-github',
    day_partition: endDay,
    entity_id_partition: profile.id,
  }));
}
