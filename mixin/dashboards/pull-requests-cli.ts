/** Pull requests and CLI: Copilot's part in pull requests and reviews, and Copilot CLI usage. */
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, copilotDashboard, row, daily, statPanel, timeseriesPanel } from './common.js';

export function pullRequestsCliDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'pull-requests-cli', 'GitHub Copilot / Pull requests and CLI', 'Pull requests with and without Copilot, review suggestions, time to merge, and Copilot CLI sessions, requests and tokens.', 'github_copilot_daily_active_users')
    .withRow(row('Pull requests'))
    .withPanel(
      timeseriesPanel({
        title: 'Pull requests created, reviewed and merged',
        description: `All pull requests of the scope on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_pull_requests_created'), legend: `${SCOPE_LEGEND} created` },
          { expr: daily('github_copilot_pull_requests_reviewed'), legend: `${SCOPE_LEGEND} reviewed` },
          { expr: daily('github_copilot_pull_requests_merged'), legend: `${SCOPE_LEGEND} merged` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Pull requests with Copilot',
        description: `Pull requests Copilot created or reviewed, and those of them that were merged, on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_pull_requests_created_by_copilot'), legend: `${SCOPE_LEGEND} created by Copilot` },
          { expr: daily('github_copilot_pull_requests_reviewed_by_copilot'), legend: `${SCOPE_LEGEND} reviewed by Copilot` },
          { expr: daily('github_copilot_pull_requests_merged_created_by_copilot'), legend: `${SCOPE_LEGEND} merged, created by Copilot` },
          { expr: daily('github_copilot_pull_requests_merged_reviewed_by_copilot'), legend: `${SCOPE_LEGEND} merged, reviewed by Copilot` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Median time to merge',
        description: `Median minutes from creation to merge of the pull requests merged on the reported day: all, Copilot-authored and Copilot-reviewed. ${DAY_NOTE}`,
        unit: 'm',
        queries: [
          { expr: daily('github_copilot_pull_requests_median_minutes_to_merge'), legend: `${SCOPE_LEGEND} all` },
          { expr: daily('github_copilot_pull_requests_median_minutes_to_merge_copilot_authored'), legend: `${SCOPE_LEGEND} Copilot-authored` },
          { expr: daily('github_copilot_pull_requests_median_minutes_to_merge_copilot_reviewed'), legend: `${SCOPE_LEGEND} Copilot-reviewed` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Review suggestions',
        description: `Review suggestions made and applied, all and Copilot's, on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_pull_requests_suggestions'), legend: `${SCOPE_LEGEND} made` },
          { expr: daily('github_copilot_pull_requests_applied_suggestions'), legend: `${SCOPE_LEGEND} applied` },
          { expr: daily('github_copilot_pull_requests_copilot_suggestions'), legend: `${SCOPE_LEGEND} made by Copilot` },
          { expr: daily('github_copilot_pull_requests_copilot_applied_suggestions'), legend: `${SCOPE_LEGEND} Copilot's applied` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Review suggestions applied',
        description: `Applied over made review suggestions, for all suggestions and for Copilot's (ratios of sums). ${DAY_NOTE}`,
        span: 16,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_pull_requests_review_suggestions_applied:ratio'), legend: `${SCOPE_LEGEND} all` },
          { expr: daily('scope:github_copilot_pull_requests_copilot_suggestions_applied:ratio'), legend: `${SCOPE_LEGEND} Copilot's` },
        ],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Merged pull requests created by Copilot',
        description: `Share of the pull requests merged on the reported day that Copilot created. ${DAY_NOTE}`,
        span: 8,
        height: 8,
        unit: 'percentunit',
        queries: [{ expr: daily('scope:github_copilot_pull_requests_merged_created_by_copilot:ratio'), legend: SCOPE_LEGEND }],
      }),
    )
    .withRow(row('Copilot CLI'))
    .withPanel(
      timeseriesPanel({
        title: 'CLI sessions, requests and prompts',
        description: `Copilot CLI sessions, model requests and user prompts on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_cli_session'), legend: `${SCOPE_LEGEND} sessions` },
          { expr: daily('github_copilot_cli_request'), legend: `${SCOPE_LEGEND} requests` },
          { expr: daily('github_copilot_cli_prompt'), legend: `${SCOPE_LEGEND} prompts` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'CLI tokens',
        description: `Prompt (input) and output tokens of Copilot CLI on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_cli_token_usage_prompt_tokens'), legend: `${SCOPE_LEGEND} prompt` },
          { expr: daily('github_copilot_cli_token_usage_output_tokens'), legend: `${SCOPE_LEGEND} output` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Average tokens per CLI request',
        description: `As GitHub reports it for the day. ${DAY_NOTE}`,
        queries: [{ expr: daily('github_copilot_cli_token_usage_avg_tokens_per_request'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'CLI daily active users',
        description: `Distinct users of Copilot CLI on the reported day. ${DAY_NOTE}`,
        queries: [{ expr: daily('github_copilot_daily_active_cli_users'), legend: SCOPE_LEGEND }],
      }),
    );
}
