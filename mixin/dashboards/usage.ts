/** Usage breakdown: activity, lines of code and acceptance by IDE, feature, language and model. */
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, barGaugePanel, copilotDashboard, row, daily, timeseriesPanel } from './common.js';

const RATIO_NOTE = 'A ratio of sums (accepted over shown), never an average of ratios.';

export function usageDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'usage', 'GitHub Copilot / Usage breakdown', 'Suggestions, prompts, lines of code and acceptance rates by IDE, feature, language and model.')
    .withRow(row('Totals'))
    .withPanel(
      timeseriesPanel({
        title: 'Suggestions shown and accepted',
        description: `Code suggestions and generated edits Copilot showed, and those users accepted, on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_code_generation_activity'), legend: `${SCOPE_LEGEND} shown` },
          { expr: daily('github_copilot_code_acceptance_activity'), legend: `${SCOPE_LEGEND} accepted` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Acceptance rate',
        description: `Accepted over shown suggestions (by count), and lines added over lines suggested (by lines). ${RATIO_NOTE} ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_code_acceptance:ratio'), legend: `${SCOPE_LEGEND} by count` },
          { expr: daily('scope:github_copilot_loc_acceptance:ratio'), legend: `${SCOPE_LEGEND} by lines` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Prompts',
        description: `Prompts users sent to Copilot (chat messages and agent requests) on the reported day. ${DAY_NOTE}`,
        queries: [{ expr: daily('github_copilot_user_initiated_interaction'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines of code',
        description: `Lines Copilot suggested adding, and lines added and deleted with Copilot, on the reported day. ${DAY_NOTE}`,
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
        title: 'Acceptance rate by IDE',
        description: `Accepted over shown suggestions in each IDE. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_ide:github_copilot_code_acceptance:ratio'), legend: `{{ide}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by IDE, by lines',
        description: `Lines added over lines suggested in each IDE. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_ide:github_copilot_loc_acceptance:ratio'), legend: `{{ide}} (${SCOPE_LEGEND})` }],
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
        description: `Accepted over shown suggestions in each feature. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('scope_feature:github_copilot_code_acceptance:ratio'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by feature, by lines',
        description: `Lines added over lines suggested in each feature. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 6,
        queries: [{ expr: daily('scope_feature:github_copilot_loc_acceptance:ratio'), legend: `{{feature}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('By language'))
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by language',
        description: `Accepted over shown suggestions per language, summed over features first. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_language:github_copilot_code_acceptance:ratio'), legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by language, by lines',
        description: `Lines added over lines suggested per language, summed over features first. ${RATIO_NOTE} ${DAY_NOTE}`,
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
        title: 'Acceptance rate by model',
        description: `Accepted over shown suggestions (by count) and lines added over lines suggested (by lines) per model, summed over features first. ${RATIO_NOTE} ${DAY_NOTE}`,
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
