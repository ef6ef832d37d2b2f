/** Legacy metrics: the original Copilot Metrics API's editors, models, languages, chat and PR summaries. */
import type { MixinConfig } from '../config.js';
import { SCOPE_LEGEND, barGaugePanel, copilotDashboard, row, daily, tablePanel, timeseriesPanel } from './common.js';

const LEGACY_NOTE =
  'From the legacy Copilot Metrics API (COPILOT_API=legacy-metrics), closed by GitHub on 2026-04-02 and still produced by mirrors and archives. Each value is the latest day present in its answer (days with fewer than five licensed members are left out).';
const USERS_NOTE = 'These are distinct users: compare them, never add them up.';
const COMPLETIONS_ONLY = 'Code completions only: the legacy API reports IDE code completions apart from chat, so this is the acceptance rate as the industry means it.';

export function legacyDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'legacy', 'GitHub Copilot / Legacy metrics', 'The original Copilot Metrics API: code completions by editor, model and language, IDE and github.com chat, pull request summaries.', 'github_copilot_active_users')
    .withRow(row('Users'))
    .withPanel(
      timeseriesPanel({
        title: 'Active and engaged users',
        description: `Users with any Copilot activity (active) and users who engaged with a feature (engaged). ${USERS_NOTE} ${LEGACY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_active_users'), legend: `${SCOPE_LEGEND} active` },
          { expr: daily('github_copilot_engaged_users'), legend: `${SCOPE_LEGEND} engaged` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Engaged users by feature',
        description: `Users engaged with IDE completions, IDE chat, github.com chat and pull request summaries. ${USERS_NOTE} ${LEGACY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_ide_code_completions_engaged_users'), legend: `${SCOPE_LEGEND} IDE completions` },
          { expr: daily('github_copilot_ide_chat_engaged_users'), legend: `${SCOPE_LEGEND} IDE chat` },
          { expr: daily('github_copilot_dotcom_chat_engaged_users'), legend: `${SCOPE_LEGEND} github.com chat` },
          { expr: daily('github_copilot_dotcom_pull_requests_engaged_users'), legend: `${SCOPE_LEGEND} PR summaries` },
        ],
      }),
    )
    .withRow(row('Code completions'))
    .withPanel(
      timeseriesPanel({
        title: 'Completion acceptance rate',
        description: `Acceptances over suggestions, and lines accepted over lines suggested, summed over editors, models and languages first. ${COMPLETIONS_ONLY} ${LEGACY_NOTE}`,
        span: 8,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_ide_code_completions_acceptance:ratio'), legend: `${SCOPE_LEGEND} by count` },
          { expr: daily('scope:github_copilot_ide_code_completions_lines_acceptance:ratio'), legend: `${SCOPE_LEGEND} by lines` },
        ],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by language',
        description: `Acceptances over suggestions per language, summed over editors and models first. ${COMPLETIONS_ONLY} ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_language:github_copilot_ide_code_completions_acceptance:ratio'), legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Acceptance rate by editor',
        description: `Acceptances over suggestions per editor, summed over models and languages first. ${COMPLETIONS_ONLY} ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('scope_editor:github_copilot_ide_code_completions_acceptance:ratio'), legend: `{{editor}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Suggestions by editor',
        description: `Code suggestions shown per editor (summed over models and languages). ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: `sum without (model, language) (${daily('github_copilot_ide_code_completions_code_suggestions')})`, legend: `{{editor}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Engaged users by editor',
        description: `Users who accepted a suggestion in each editor. ${USERS_NOTE} ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_ide_code_completions_engaged_users_by_editor'), legend: `{{editor}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Engaged users by language',
        description: `Users who accepted a suggestion in each language. ${USERS_NOTE} ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_ide_code_completions_engaged_users_by_language'), legend: `{{language}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Lines accepted by model',
        description: `Lines of code accepted per completion model (summed over editors and languages). ${LEGACY_NOTE}`,
        span: 24,
        queries: [{ expr: `sum without (editor, language) (${daily('github_copilot_ide_code_completions_code_lines_accepted')})`, legend: `{{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('Chat'))
    .withPanel(
      timeseriesPanel({
        title: 'IDE chats by editor and model',
        description: `Copilot Chat conversations in the IDE. ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_ide_chat_chats'), legend: `{{editor}} / {{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'IDE chat insertions and copies',
        description: `Times users inserted or copied code from IDE chat (summed over editors and models). ${LEGACY_NOTE}`,
        span: 8,
        queries: [
          { expr: `sum without (editor, model) (${daily('github_copilot_ide_chat_chat_insertion_events')})`, legend: `${SCOPE_LEGEND} insertions` },
          { expr: `sum without (editor, model) (${daily('github_copilot_ide_chat_chat_copy_events')})`, legend: `${SCOPE_LEGEND} copies` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'github.com chats by model',
        description: `Copilot Chat conversations on github.com. ${LEGACY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_dotcom_chat_chats'), legend: `{{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withRow(row('Pull request summaries and models'))
    .withPanel(
      timeseriesPanel({
        title: 'Pull request summaries by repository',
        description: `Pull request summaries Copilot created per repository (summed over models). ${LEGACY_NOTE}`,
        queries: [{ expr: `sum without (model) (${daily('github_copilot_dotcom_pull_requests_pr_summaries_created')})`, legend: `{{repository}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      tablePanel({
        title: 'Models',
        description: `Every model the latest day mentions, whether it is a custom model and when it was trained. ${LEGACY_NOTE}`,
        span: 12,
        queries: [{ expr: daily('github_copilot_model_info'), legend: '{{model}}' }],
      }),
    );
}
