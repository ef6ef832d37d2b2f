/**
 * Synthetic Copilot usage-metrics report rows with the field names of GitHub's documentation
 * (docs/github-usage-fields.md and the docs-example-usage-metrics-*.json rows).
 *
 * Activity is generated per user as fine-grained cells (ide × feature × language × model, activity.ts)
 * and every `totals_by_*` breakdown and the day totals are sums of those cells over the users, so the
 * numbers are consistent the way GitHub's are. The same profile, day and options always give the same row.
 */
import { ACTIVITY_COUNTERS } from '../../src/metrics/definitions.js';
import { addDays } from '../../src/days.js';
import { type Cell, NO_ACTIVITY, entityActivity, workload } from './activity.js';
import type { EntityProfile, Exclusions } from './entity-profile.js';
import { randomInt, seededRandom } from './random.js';
import { generate2026Fields } from './usage-2026.js';
import { addCounts } from './enterprise-totals.js';

/** The cells summed by the given dimensions: a `totals_by_*` breakdown (no keys: the totals). */
export function sumBy(cells: Cell[], keys: Array<keyof Cell>): Array<Record<string, string | number>> {
  const groups = new Map<string, Record<string, string | number>>();
  for (const cell of cells) {
    const id = keys.map((key) => cell[key]).join('|');
    let group = groups.get(id);
    if (!group) {
      group = Object.assign(Object.fromEntries(keys.map((key) => [key, cell[key]])), NO_ACTIVITY);
      groups.set(id, group);
    }
    for (const counter of ACTIVITY_COUNTERS) group[counter] = (group[counter] as number) + cell[counter];
  }
  return [...groups.values()];
}

export function ownerId(profile: EntityProfile): Record<string, string> {
  return profile.kind === 'enterprise' ? { enterprise_id: String(profile.id) } : { organization_id: String(profile.id) };
}

/**
 * One `day_totals[]` element: its activity, lines of code and daily active users are its users' (activity.ts
 * says why); an enterprise's counts include its organizations' (enterprise-totals.ts).
 */
export function generateDayTotals(profile: EntityProfile, day: string, excluded: Exclusions = {}): Record<string, unknown> {
  const own = ownDayTotals(profile, day, excluded);
  return (profile.organizations ?? []).reduce((sum, organization) => addCounts(sum, generateDayTotals(organization, day, excluded)) as Record<string, unknown>, own);
}

/** The day of the entity's own users. */
function ownDayTotals(profile: EntityProfile, day: string, excluded: Exclusions): Record<string, unknown> {
  const random = seededRandom(profile.kind, profile.slug, profile.id, day);
  const seats = profile.seats;
  const { dailyActiveUsers: daily, cells } = entityActivity(profile, day, excluded);
  const weekly = Math.min(seats, Math.round(daily / workload(day)) + randomInt(random, 0, Math.ceil(seats * 0.1)));
  const monthly = Math.min(seats, weekly + randomInt(random, 0, Math.ceil(seats * 0.1)));
  const cliUsers = Math.round(daily * 0.15);
  const totals = sumBy(cells, [])[0] ?? NO_ACTIVITY;
  const sessions = cliUsers * randomInt(random, 1, 4);
  const requests = sessions * randomInt(random, 2, 9);
  const outputTokens = requests * randomInt(random, 300, 1500);
  const promptTokens = requests * randomInt(random, 1000, 4000);
  const created = randomInt(random, 0, Math.ceil(daily * 0.5));
  const merged = Math.round(created * 0.8);
  const suggestions = randomInt(random, 0, created * 3);
  const copilotSuggestions = Math.round(suggestions * 0.6);
  const newer = generate2026Fields(profile, day, daily);
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
    ...newer.fields,
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
      ...newer.pullRequests,
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
