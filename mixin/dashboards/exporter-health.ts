/** Exporter health: are targets polled, how long polls take, what GitHub answers, the rate-limit budget. */
import type { MixinConfig } from '../config.js';
import { SCOPE_LEGEND, copilotDashboard, row, scoped, statPanel, timeseriesPanel } from './common.js';

export function exporterHealthDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'exporter-health', 'GitHub Copilot / Exporter health', 'Targets up, last successful polls, poll durations, GitHub requests and rate limits of the exporter.')
    .withRow(row('Targets'))
    .withPanel(
      statPanel({
        title: 'Targets up',
        description: 'Whether the last poll of each target succeeded (1) or failed (0). A failed target keeps its last good values.',
        span: 12,
        queries: [{ expr: scoped('github_copilot_exporter_target_up'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Exporter version',
        description: 'The exporter builds that are running (github_copilot_exporter_build_info).',
        span: 12,
        queries: [{ expr: 'github_copilot_exporter_build_info', legend: '{{version}} ({{instance}})' }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Time since the last successful poll',
        description: `Seconds since each target was last polled successfully; the exporter polls every REFRESH_INTERVAL, and CopilotExporterTargetDown fires after ${config.targetDownFor} of failures.`,
        unit: 's',
        queries: [{ expr: `time() - ${scoped('github_copilot_exporter_last_success_timestamp_seconds')}`, legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Poll duration',
        description: 'How long the last poll of each target took, downloads included.',
        unit: 's',
        queries: [{ expr: scoped('github_copilot_exporter_poll_duration_seconds'), legend: SCOPE_LEGEND }],
      }),
    )
    .withRow(row('GitHub'))
    .withPanel(
      timeseriesPanel({
        title: 'Poll errors by reason (1h)',
        description: 'Failed polls in the last hour, by target and reason (unauthorized, forbidden, not_found, policy_disabled, rate_limited, server_error, timeout, invalid_response, network).',
        span: 8,
        queries: [{ expr: `increase(${scoped('github_copilot_exporter_poll_errors_total')}[1h])`, legend: `${SCOPE_LEGEND} {{reason}}` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'GitHub requests by endpoint and status (1h)',
        description: 'Requests to GitHub in the last hour by endpoint template and HTTP status (recording rule endpoint_code:github_copilot_exporter_github_requests:increase1h); 304 answers are free of rate limit.',
        span: 8,
        queries: [{ expr: 'endpoint_code:github_copilot_exporter_github_requests:increase1h', legend: '{{endpoint}} {{code}}' }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Rate limit remaining',
        description: `Requests left in GitHub's current rate-limit window, as GitHub last reported; CopilotGitHubRateLimitLow fires below ${config.rateLimitRemainingMin}.`,
        span: 8,
        queries: [{ expr: 'github_copilot_exporter_rate_limit_remaining', legend: '{{resource}} ({{instance}})' }],
      }),
    );
}
