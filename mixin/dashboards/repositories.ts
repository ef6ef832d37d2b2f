/**
 * Repositories: Copilot's pull requests per repository from the `repos-1-day` report (collector repositories):
 * the most active repositories for the cloud agent and for code review, merge outcomes, applied review
 * suggestions, time to merge, and where review time goes (GitHub's review stages).
 */
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, barGaugePanel, copilotDashboard, daily, row, tablePanel, timeseriesPanel } from './common.js';

const PREFIX = 'github_copilot_repository_pull_requests_';
const STAGES = 'github_copilot_repository_pull_request_review_times_';
/** GitHub's three review stages, as its field names spell them (median_minutes_<stage>, p90_minutes_<stage>). */
const REVIEW_STAGES = ['ready_to_first_review', 'first_to_final_review', 'final_review_to_merge'];
const TOP = 10;

/** Said by every per-repository panel: which repositories GitHub lists. */
const REPOSITORY_NOTE =
  'GitHub lists the repositories with Copilot pull-request activity on the day, per organization or enterprise (no team values: with a team picked the panel is empty); for a day after a new reported day arrives, repositories listed only the day before still show with their values of that day.';

const REPOSITORY_LEGEND = `{{repository}} (${SCOPE_LEGEND})`;

function top(family: string): string {
  return `topk(${TOP}, ${daily(`${PREFIX}${family}`)})`;
}

export function repositoriesDashboard(config: MixinConfig) {
  return copilotDashboard(
    config,
    'repositories',
    'GitHub Copilot / Repositories',
    "Copilot's pull requests per repository: the most active repositories for the cloud agent and for code review, merged over created pull requests, applied review suggestions and median time to merge.",
    'github_copilot_daily_active_users',
  )
    .withRow(row('Top repositories'))
    .withPanel(
      barGaugePanel({
        title: `Top ${TOP} repositories by cloud agent pull requests created`,
        description: `Pull requests Copilot (the cloud agent) created in each repository on the reported day, the ${TOP} highest across the selected scopes. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
        span: 8,
        height: 10,
        unit: 'short',
        queries: [{ expr: top('created_by_copilot'), legend: REPOSITORY_LEGEND }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: `Top ${TOP} repositories by cloud agent pull requests merged`,
        description: `Pull requests Copilot (the cloud agent) created that were merged in each repository on the reported day, the ${TOP} highest. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
        span: 8,
        height: 10,
        unit: 'short',
        queries: [{ expr: top('merged_created_by_copilot'), legend: REPOSITORY_LEGEND }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: `Top ${TOP} repositories by pull requests reviewed by Copilot`,
        description: `Pull requests Copilot code review reviewed in each repository on the reported day, the ${TOP} highest. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
        span: 8,
        height: 10,
        unit: 'short',
        queries: [{ expr: top('reviewed_by_copilot'), legend: REPOSITORY_LEGEND }],
      }),
    )
    .withRow(row('Outcomes'))
    .withPanel(
      timeseriesPanel({
        title: 'Cloud agent pull requests merged over created',
        description: `Per organization or enterprise, the Copilot-created pull requests merged on the reported day over those created on it, summed over the listed repositories (recording rule scope:github_copilot_repository_pull_requests_merged_created_by_copilot:ratio). A day's throughput, not the share of that day's pull requests that got merged: a merge can come days after its creation. ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [{ expr: daily('scope:github_copilot_repository_pull_requests_merged_created_by_copilot:ratio'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Copilot review suggestions applied',
        description: `Per organization or enterprise, review suggestions of Copilot code review that were applied over those it made on the reported day, summed over the listed repositories (recording rule scope:github_copilot_repository_pull_requests_copilot_suggestions_applied:ratio). ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [{ expr: daily('scope:github_copilot_repository_pull_requests_copilot_suggestions_applied:ratio'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: `Top ${TOP} repositories by median minutes to merge, Copilot-authored`,
        description: `Median minutes from creation to merge of the Copilot-authored pull requests merged in each repository on the reported day, the ${TOP} slowest; a repository without such a merge has no median. Medians of different repositories are never averaged. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
        span: 24,
        height: 10,
        unit: 'm',
        queries: [{ expr: top('median_minutes_to_merge_copilot_authored'), legend: REPOSITORY_LEGEND }],
      }),
    )
    .withRow(row('Review stages'))
    .withPanel(
      tablePanel(
        {
          title: 'Where review time goes, per repository',
          description: `GitHub's review stages (repos-1-day pull_request_review_times[], since 2026-09-25), per repository and by who authored and who reviewed (both human for now): the pull requests merged that day, and median and 90th-percentile minutes from ready for review to the first review (waiting for a reviewer), from the first to the final review (back and forth) and from the final review to the merge (approved, not merged). Times count on the day a pull request merged; nothing before 2026-09-21; a repository with no such merge that day has no row. Medians of different repositories are never averaged. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
          height: 12,
          queries: [
            { expr: daily(`${STAGES}merged`), legend: 'merged' },
            ...REVIEW_STAGES.flatMap((stage) => [
              { expr: daily(`${STAGES}median_minutes_${stage}`), legend: `median ${stage}` },
              { expr: daily(`${STAGES}p90_minutes_${stage}`), legend: `p90 ${stage}` },
            ]),
          ],
        },
        [
          { name: 'PRs merged' },
          ...REVIEW_STAGES.flatMap((stage) => {
            const words = stage.replace(/_/g, ' ');
            return [
              { name: `Median, ${words}`, unit: 'm' },
              { name: `p90, ${words}`, unit: 'm' },
            ];
          }),
        ],
      ),
    )
    .withRow(row('Every repository'))
    .withPanel(
      tablePanel(
        {
          title: 'Repositories on the reported day',
          description: `One row per listed repository: cloud agent pull requests created and merged, merged over created (recording rule scope_repository:github_copilot_repository_pull_requests_merged_created_by_copilot:ratio), pull requests reviewed by Copilot, its review suggestions made and the share applied (scope_repository:github_copilot_repository_pull_requests_copilot_suggestions_applied:ratio), and the median minutes to merge of the Copilot-authored ones. Empty cells: nothing to divide, or no merge. ${REPOSITORY_NOTE} ${DAY_NOTE}`,
          height: 12,
          queries: [
            { expr: daily(`${PREFIX}created_by_copilot`), legend: 'created' },
            { expr: daily(`${PREFIX}merged_created_by_copilot`), legend: 'merged' },
            { expr: daily('scope_repository:github_copilot_repository_pull_requests_merged_created_by_copilot:ratio'), legend: 'merged over created' },
            { expr: daily(`${PREFIX}reviewed_by_copilot`), legend: 'reviewed' },
            { expr: daily(`${PREFIX}copilot_suggestions`), legend: 'suggestions' },
            { expr: daily('scope_repository:github_copilot_repository_pull_requests_copilot_suggestions_applied:ratio'), legend: 'applied' },
            { expr: daily(`${PREFIX}median_minutes_to_merge_copilot_authored`), legend: 'median minutes to merge' },
          ],
        },
        [
          { name: 'Cloud agent PRs created' },
          { name: 'Cloud agent PRs merged' },
          { name: 'Merged over created', unit: 'percentunit' },
          { name: 'PRs reviewed by Copilot' },
          { name: 'Copilot review suggestions' },
          { name: 'Suggestions applied', unit: 'percentunit' },
          { name: 'Median minutes to merge', unit: 'm' },
        ],
      ),
    );
}
