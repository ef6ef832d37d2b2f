/** Usage breakdown: activity, lines of code and acceptance by IDE, feature, language and model. */
import type { MixinConfig } from '../config.js';
import { CODE_COMPLETION } from '../rules.js';
import { DAY_NOTE, SCOPE_LEGEND, barGaugePanel, copilotDashboard, row, daily, timeseriesPanel } from './common.js';

const RATIO_NOTE = 'A ratio of sums (accepted over shown), never an average of ratios.';

/**
 * Every acceptance-rate panel says which rate it shows (test/mixin/mixin.test.ts checks the wording):
 * code completions only (the headline, as the industry means it), all features, or each feature's own.
 */
const COMPLETIONS_ONLY = `Code completions only (feature="${CODE_COMPLETION}"): the acceptance rate as the industry means it, inline suggestions accepted over shown; chat and agent edits are left out.`;
const TEAM_BREAKDOWN_NOTE = 'Teams have it with COPILOT_TEAM_BREAKDOWNS=true only (their feature breakdown is off by default).';
const ALL_FEATURES = `All features together (code completions, chat and agent edits): not the headline acceptance rate, because an agent edit's added lines are edits applied, not suggestions accepted.`;
const EACH_FEATURE = `Each feature's own rate, one bar per feature; the ${CODE_COMPLETION} bar is the headline acceptance rate (code completions only), and no bar is the all-features rate.`;

export function usageDashboard(config: MixinConfig) {
  return copilotDashboard(
    config,
    'usage',
    'GitHub Copilot / Usage breakdown',
    'Suggestions, prompts, lines of code and acceptance rates (code completions, and all features) by IDE, feature, language and model.',
    'github_copilot_daily_active_users',
  )
    .withRow(row('Acceptance rate'))
    .withPanel(
      timeseriesPanel({
        title: 'Acceptance rate (code completions)',
        description: `${COMPLETIONS_ONLY} By count: suggestions accepted over shown (recording rule scope:github_copilot_code_acceptance:ratio); by lines: lines accepted over lines suggested (scope:github_copilot_loc_acceptance:ratio). ${TEAM_BREAKDOWN_NOTE} ${RATIO_NOTE} ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_code_acceptance:ratio'), legend: `${SCOPE_LEGEND} by count` },
          { expr: daily('scope:github_copilot_loc_acceptance:ratio'), legend: `${SCOPE_LEGEND} by lines` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Acceptance rate, all features',
        description: `${ALL_FEATURES} By count: generated code and edits accepted over shown (recording rule scope:github_copilot_code_acceptance_all_features:ratio); by lines: lines added over lines suggested (scope:github_copilot_loc_acceptance_all_features:ratio). ${RATIO_NOTE} ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_code_acceptance_all_features:ratio'), legend: `${SCOPE_LEGEND} by count` },
          { expr: daily('scope:github_copilot_loc_acceptance_all_features:ratio'), legend: `${SCOPE_LEGEND} by lines` },
        ],
      }),
    )
    .withRow(row('Totals'))
    .withPanel(
      timeseriesPanel({
        title: 'Suggestions shown and accepted',
        description: `Code suggestions and generated edits Copilot showed, and those users accepted, on the reported day: all features together (code completions, chat and agent edits). ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_code_generation_activity'), legend: `${SCOPE_LEGEND} shown` },
          { expr: daily('github_copilot_code_acceptance_activity'), legend: `${SCOPE_LEGEND} accepted` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Prompts',
        description: `Prompts users sent to Copilot (chat messages and agent requests) on the reported day. ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_user_initiated_interaction'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines of code',
        description: `Lines Copilot suggested adding, and lines added and deleted with Copilot, on the reported day: all features together. ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_loc_suggested_to_add'), legend: `${SCOPE_LEGEND} suggested` },
          { expr: daily('github_copilot_loc_added'), legend: `${SCOPE_LEGEND} added` },
          { expr: daily('github_copilot_loc_deleted'), legend: `${SCOPE_LEGEND} deleted` },
        ],
      }),
    )
    .withRow(row('By IDE'))
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by IDE, all features',
        description: `Accepted over shown suggestions and edits in each IDE. ${ALL_FEATURES} GitHub reports no IDE × feature breakdown, so a per-IDE rate of code completions alone does not exist. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_ide:github_copilot_code_acceptance_all_features:ratio'), legend: `{{ide}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by IDE, by lines, all features',
        description: `Lines added over lines suggested in each IDE. ${ALL_FEATURES} GitHub reports no IDE × feature breakdown, so a per-IDE rate of code completions alone does not exist. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_ide:github_copilot_loc_acceptance_all_features:ratio'), legend: `{{ide}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines added by IDE',
        description: `Lines of code added with Copilot in each IDE on the reported day. ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_loc_added_by_ide'), legend: `{{ide}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('By feature'))
    .withPanel(
      timeseriesPanel({
        title: 'Prompts by feature',
        description: `Prompts sent in each Copilot feature (completions, chat modes, agent) on the reported day. ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('github_copilot_user_initiated_interaction_by_feature'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines added by feature',
        description: `Lines of code added with each Copilot feature on the reported day. ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('github_copilot_loc_added_by_feature'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by feature',
        description: `Accepted over shown suggestions and edits in each feature. ${EACH_FEATURE} ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('scope_feature:github_copilot_code_acceptance:ratio'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by feature, by lines',
        description: `Lines added over lines suggested in each feature. ${EACH_FEATURE} ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('scope_feature:github_copilot_loc_acceptance:ratio'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('By language'))
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by language (code completions)',
        description: `Accepted over shown suggestions per language, from the language × feature breakdown. ${COMPLETIONS_ONLY} ${TEAM_BREAKDOWN_NOTE} ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_language:github_copilot_code_acceptance:ratio'), legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by language, by lines (code completions)',
        description: `Lines accepted over lines suggested per language, from the language × feature breakdown. ${COMPLETIONS_ONLY} ${TEAM_BREAKDOWN_NOTE} ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_language:github_copilot_loc_acceptance:ratio'), legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines added by language',
        description: `Lines of code added with Copilot per language (the language × feature breakdown summed over features). ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: `sum without (feature) (${daily('github_copilot_loc_added_by_language_feature')})`, legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('By model'))
    .withPanel(
      timeseriesPanel({
        title: 'Prompts by model',
        description: `Prompts sent to each model (the model × feature breakdown summed over features). ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: `sum without (feature) (${daily('github_copilot_user_initiated_interaction_by_model_feature')})`, legend: `{{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by model (code completions)',
        description: `Accepted over shown suggestions (by count) and lines accepted over lines suggested (by lines) per model, from the model × feature breakdown. ${COMPLETIONS_ONLY} ${TEAM_BREAKDOWN_NOTE} ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('scope_model:github_copilot_code_acceptance:ratio'), legend: `{{model}} by count (${SCOPE_LEGEND})` },
          { expr: daily('scope_model:github_copilot_loc_acceptance:ratio'), legend: `{{model}} by lines (${SCOPE_LEGEND})` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines added by language and model',
        description: `Lines of code added with Copilot for each language and model. ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_loc_added_by_language_model'), legend: `{{language}} / {{model}} (${SCOPE_LEGEND})` }],
      }),
    );
}
