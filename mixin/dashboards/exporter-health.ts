/** Exporter health: are targets polled, which collectors fail, how long polls take, what GitHub answers, the rate-limit budget. */
import type { MixinConfig } from '../config.js';
import { SCOPE_LEGEND, copilotDashboard, exporterWide, row, scoped, stateTimelinePanel, statPanel, timeseriesPanel } from './common.js';

/** A target's series and the collector it comes from, in a legend. */
const COLLECTOR_LEGEND = `${SCOPE_LEGEND} {{collector}}`;

export function exporterHealthDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'exporter-health', 'GitHub Copilot / Exporter health', 'Targets up, collectors per target, last successful polls, poll durations, GitHub requests and rate limits of the exporter.', 'github_copilot_exporter_target_up')
    .withRow(row('Targets'))
    .withPanel(
      statPanel({
        title: 'Targets up',
        description: "Whether the last poll of each target's main report (collector usage or legacy) succeeded (1) or failed (0). A failed target keeps its last good values; a failing optional collector does not count here (see Collectors).",
        span: 12,
        queries: [{ expr: scoped('github_copilot_exporter_target_up'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Exporter version',
        description: 'The exporter builds that are running (github_copilot_exporter_build_info).',
        span: 12,
        queries: [{ expr: exporterWide('github_copilot_exporter_build_info'), legend: '{{version}} ({{instance}})' }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Time since the last successful poll',
        description: `Seconds since each target's main report was last polled successfully; the exporter polls every REFRESH_INTERVAL, and CopilotExporterTargetDown fires after ${config.targetDownFor} of failures.`,
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
    .withRow(row('Collectors'))
    .withPanel(
      stateTimelinePanel(
        {
          title: 'Collector success',
          description: `Whether the last attempt of each collector (usage, legacy, people, seats, …) of each target succeeded or failed, over time. A failing collector keeps its last good series and is retried at the next poll; CopilotCollectorFailing fires when an optional one fails for ${config.collectorFailingFor}.`,
          queries: [{ expr: scoped('github_copilot_exporter_collector_success'), legend: COLLECTOR_LEGEND }],
        },
        { '0': { text: 'failed', color: 'red' }, '1': { text: 'ok', color: 'green' } },
      ),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Time since each collector last succeeded',
        description: 'Seconds since the last successful attempt of each collector of each target. A collector that has never succeeded has no line here; Collector success shows it.',
        unit: 's',
        queries: [{ expr: `time() - ${scoped('github_copilot_exporter_collector_last_success_timestamp_seconds')}`, legend: COLLECTOR_LEGEND }],
      }),
    )
    .withRow(row('GitHub'))
    .withPanel(
      timeseriesPanel({
        title: 'Poll errors by collector and reason (1h)',
        description:
          'Failed collector attempts in the last hour, by target, collector and reason (unauthorized, forbidden, not_found, policy_disabled, rate_limited, server_error, timeout, invalid_response, network). One poll can fail in several collectors at once, so lines are not added up into polls.',
        span: 8,
        queries: [{ expr: `increase(${scoped('github_copilot_exporter_poll_errors_total')}[1h])`, legend: `${COLLECTOR_LEGEND} {{reason}}` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Revisions of provisional days (24h)',
        description:
          'Re-reads of a provisional day (every PROVISIONAL_REFRESH_INTERVAL) whose figures GitHub had changed, in the last 24 hours, by target and collector (github_copilot_exporter_report_revisions_total). GitHub revises a day until it settles three full UTC days later; the values on the other dashboards follow each revision.',
        span: 8,
        queries: [{ expr: `increase(${scoped('github_copilot_exporter_report_revisions_total')}[24h])`, legend: COLLECTOR_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'GitHub requests by endpoint and status (1h)',
        description:
          'Requests to GitHub in the last hour by endpoint template and HTTP status, added up over the selected exporter instances (recording rule instance_endpoint_code:github_copilot_exporter_github_requests:increase1h); 304 answers are free of rate limit.',
        span: 8,
        queries: [{ expr: `sum without (instance) (${exporterWide('instance_endpoint_code:github_copilot_exporter_github_requests:increase1h')})`, legend: '{{endpoint}} {{code}} ({{job}})' }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Rate limit remaining',
        description: `Requests left in GitHub's current rate-limit window, as GitHub last reported; CopilotGitHubRateLimitLow fires below ${config.rateLimitRemainingMin}.`,
        span: 8,
        queries: [{ expr: exporterWide('github_copilot_exporter_rate_limit_remaining'), legend: '{{resource}} ({{instance}})' }],
      }),
    );
}
