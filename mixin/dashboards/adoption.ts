/** Adoption overview: who uses Copilot, which features, and how fresh the data is. */
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, copilotDashboard, row, daily, statPanel, timeseriesPanel } from './common.js';

export function adoptionDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'adoption', 'GitHub Copilot / Adoption overview', 'Daily, weekly and monthly active Copilot users, feature adoption and data freshness.', 'github_copilot_daily_active_users')
    .withRow(row('Active users'))
    .withPanel(
      timeseriesPanel({
        title: 'Daily, weekly and monthly active users',
        description: `Distinct users who used Copilot on the day, in the 7 days and in the 28 days ending on it. ${DAY_NOTE}`,
        span: 16,
        queries: [
          { expr: daily('github_copilot_daily_active_users'), legend: `${SCOPE_LEGEND} daily` },
          { expr: daily('github_copilot_weekly_active_users'), legend: `${SCOPE_LEGEND} weekly` },
          { expr: daily('github_copilot_monthly_active_users'), legend: `${SCOPE_LEGEND} monthly` },
        ],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Weekly active users',
        description: `Distinct users in the 7 days ending on the reported day. ${DAY_NOTE}`,
        span: 4,
        height: 8,
        queries: [{ expr: daily('github_copilot_weekly_active_users'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Week-over-week change',
        description: `Weekly active users against their value 7 days earlier (recording rule scope:github_copilot_weekly_active_users:ratio_offset_7d). ${DAY_NOTE}`,
        span: 4,
        height: 8,
        unit: 'percentunit',
        queries: [{ expr: `${daily('scope:github_copilot_weekly_active_users:ratio_offset_7d')} - 1`, legend: SCOPE_LEGEND }],
      }),
    )
    .withRow(row('Features'))
    .withPanel(
      timeseriesPanel({
        title: 'Chat and agent users (28 days)',
        description: `Distinct users of Copilot Chat and of agent mode in the 28 days ending on the reported day. ${DAY_NOTE}`,
        queries: [
          { expr: daily('github_copilot_monthly_active_chat_users'), legend: `${SCOPE_LEGEND} chat` },
          { expr: daily('github_copilot_monthly_active_agent_users'), legend: `${SCOPE_LEGEND} agent` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Chat and agent adoption',
        description: `Share of monthly active users who used chat, and agent mode (a ratio of the two user counts of the same scope). ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [
          { expr: daily('scope:github_copilot_chat_adoption:ratio'), legend: `${SCOPE_LEGEND} chat` },
          { expr: daily('scope:github_copilot_agent_adoption:ratio'), legend: `${SCOPE_LEGEND} agent` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'CLI daily active users',
        description: `Distinct users of Copilot CLI on the reported day. ${DAY_NOTE}`,
        span: 8,
        queries: [{ expr: daily('github_copilot_daily_active_cli_users'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Code review users',
        description: `Users who requested a Copilot code review or applied its suggestion (active), and users reviewed only through a policy (passive), on the reported day. ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_daily_active_copilot_code_review_users'), legend: `${SCOPE_LEGEND} active` },
          { expr: daily('github_copilot_daily_passive_copilot_code_review_users'), legend: `${SCOPE_LEGEND} passive` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Cloud agent users',
        description: `Distinct users of the Copilot cloud agent on the day, in 7 and in 28 days. ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_daily_active_copilot_cloud_agent_users'), legend: `${SCOPE_LEGEND} daily` },
          { expr: daily('github_copilot_weekly_active_copilot_cloud_agent_users'), legend: `${SCOPE_LEGEND} weekly` },
          { expr: daily('github_copilot_monthly_active_copilot_cloud_agent_users'), legend: `${SCOPE_LEGEND} monthly` },
        ],
      }),
    )
    .withRow(row('Seats'))
    .withPanel(
      timeseriesPanel({
        title: 'Seats and their use',
        description: 'Copilot seats (licences) of each organization or enterprise, and how many were used in the last 7 and 28 days (from each seat\'s last_activity_at). Seats are read every SEATS_REFRESH_INTERVAL, not per reported day.',
        queries: [
          { expr: daily('github_copilot_seats', 'state="total"'), legend: `${SCOPE_LEGEND} seats` },
          { expr: daily('github_copilot_seats_active', 'window="7d"'), legend: `${SCOPE_LEGEND} used in 7 days` },
          { expr: daily('github_copilot_seats_active', 'window="28d"'), legend: `${SCOPE_LEGEND} used in 28 days` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Adoption: monthly active users per seat',
        description: `Monthly active users over total seats (recording rule scope:github_copilot_seat_adoption:ratio), per organization or enterprise. ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [{ expr: daily('scope:github_copilot_seat_adoption:ratio'), legend: SCOPE_LEGEND }],
      }),
    )
    .withRow(row('Data freshness'))
    .withPanel(
      statPanel({
        title: 'Reported day',
        description: 'The day the Copilot values describe (00:00 UTC), from github_copilot_metrics_day_timestamp_seconds.',
        span: 12,
        unit: 'dateTimeAsIsoNoDateIfToday',
        queries: [{ expr: `${daily('github_copilot_metrics_day_timestamp_seconds')} * 1000`, legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Age of the reported day',
        description: `Days between the reported day and now (recording rule scope:github_copilot_metrics_day_age:days). Two to three days is normal; the CopilotMetricsStale alert fires above ${config.staleDays}.`,
        span: 12,
        unit: 'd',
        queries: [{ expr: daily('scope:github_copilot_metrics_day_age:days'), legend: SCOPE_LEGEND }],
      }),
    );
}
