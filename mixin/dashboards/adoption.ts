/** Adoption overview: who uses Copilot, which features, and how fresh the data is. */
import { TableSortByFieldStateBuilder } from '@grafana/grafana-foundation-sdk/common';
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, copilotDashboard, row, daily, statPanel, tablePanel, timeseriesPanel } from './common.js';

export function adoptionDashboard(config: MixinConfig) {
  return copilotDashboard(config, 'adoption', 'GitHub Copilot / Adoption overview', 'Daily, weekly and monthly active Copilot users, feature adoption, agents and apps (cloud agent, Copilot app, VS Code Agents window, third-party agents) and data freshness.', 'github_copilot_daily_active_users')
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
    .withRow(row('Teams'))
    .withPanel(
      tablePanel(
        {
          title: 'Team adoption',
          description: `Each team's members (the users the day's user-teams-1-day report lists, active or not; GitHub leaves out teams of fewer than five), its active users that day, the members without activity (the gap), and adoption: active users over members, on the day and averaged over 28 days (recording rules scope:github_copilot_team_adoption:ratio and :avg_28d). A user in two teams counts in both. Click a column header to sort. ${DAY_NOTE}`,
          height: 10,
          queries: [
            { expr: daily('github_copilot_team_members'), legend: '' },
            { expr: daily('github_copilot_daily_active_users', 'team!=""'), legend: '' },
            { expr: `${daily('github_copilot_team_members')} - ${daily('github_copilot_daily_active_users', 'team!=""')}`, legend: '' },
            { expr: daily('scope:github_copilot_team_adoption:ratio'), legend: '' },
            { expr: daily('scope:github_copilot_team_adoption:avg_28d'), legend: '' },
          ],
        },
        [{ name: 'Members' }, { name: 'Active that day' }, { name: 'Members without activity' }, { name: 'Adoption', unit: 'percentunit' }, { name: 'Adoption, 28-day average', unit: 'percentunit' }],
      ).sortBy([new TableSortByFieldStateBuilder().displayName('Members without activity').desc(true)]),
    )
    .withRow(row('Clients'))
    .withPanel(
      timeseriesPanel({
        title: 'Active users on clients older than the first fully counted versions',
        description: `Per IDE, the share of its active users whose last reported version is older than the first one GitHub says counts agent activity fully (announced 2026-10-06: older clients undercounted agent sessions and lines, partly as Copilot CLI): ${config.fullyCountedClients.map((client) => (client.first ? `${client.ide} ${client.first}` : `${client.ide}: ${client.note}, not compared until set in mixin/config.ts`)).join('; ')}. Recording rule scope_ide:github_copilot_users_on_outdated_client:ratio; users whose version GitHub does not know count as not outdated. ${DAY_NOTE}`,
        unit: 'percentunit',
        queries: [{ expr: daily('scope_ide:github_copilot_users_on_outdated_client:ratio'), legend: `${SCOPE_LEGEND} {{ide}}` }],
      }),
    )
    .withPanel(
      tablePanel({
        title: 'Active users by client version',
        description: `Active users by the IDE version and by the Copilot plugin version their row last reported on the reported day (github_copilot_users_by_ide_version, github_copilot_users_by_plugin_version): which clients need updating, the JetBrains, Eclipse and Xcode plugins included. No per-user series needed. ${DAY_NOTE}`,
        span: 12,
        height: 8,
        queries: [
          { expr: daily('github_copilot_users_by_ide_version'), legend: '' },
          { expr: daily('github_copilot_users_by_plugin_version'), legend: '' },
        ],
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
    .withRow(row('Agents and apps'))
    .withPanel(
      timeseriesPanel({
        title: 'Daily active users by surface',
        description: `Distinct users on the reported day of Copilot as a whole, and of Copilot CLI, code review (active use), the cloud agent, the GitHub Copilot app and the VS Code Agents window (not agent mode inside the editor). Each surface counts its own users and a user of several counts in each: never add them up. ${DAY_NOTE}`,
        span: 16,
        queries: [
          { expr: daily('github_copilot_daily_active_users'), legend: `${SCOPE_LEGEND} all` },
          { expr: daily('github_copilot_daily_active_cli_users'), legend: `${SCOPE_LEGEND} CLI` },
          { expr: daily('github_copilot_daily_active_copilot_code_review_users'), legend: `${SCOPE_LEGEND} code review` },
          { expr: daily('github_copilot_daily_active_copilot_cloud_agent_users'), legend: `${SCOPE_LEGEND} cloud agent` },
          { expr: daily('github_copilot_daily_active_copilot_app_users'), legend: `${SCOPE_LEGEND} Copilot app` },
          { expr: daily('github_copilot_daily_active_vscode_agent_users'), legend: `${SCOPE_LEGEND} VS Code Agents window` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Cloud agent adoption',
        description: `Share of monthly active users who used the Copilot cloud agent in the same 28 days (recording rule scope:github_copilot_cloud_agent_adoption:ratio, a ratio of the two user counts of the same scope). ${DAY_NOTE}`,
        span: 8,
        unit: 'percentunit',
        queries: [{ expr: daily('scope:github_copilot_cloud_agent_adoption:ratio'), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Copilot app sessions, requests and prompts',
        description: `Sessions of the GitHub Copilot app, the requests it made to models and the prompts users sent in it, on the reported day. ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_copilot_app_session'), legend: `${SCOPE_LEGEND} sessions` },
          { expr: daily('github_copilot_copilot_app_request'), legend: `${SCOPE_LEGEND} requests` },
          { expr: daily('github_copilot_copilot_app_prompt'), legend: `${SCOPE_LEGEND} prompts` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'VS Code Agents window sessions and messages',
        description: `Sessions in the VS Code Agents window and the messages users sent there, on the reported day (agent mode inside the editor is the agent features of Usage breakdown). ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_vscode_agent_session'), legend: `${SCOPE_LEGEND} sessions` },
          { expr: daily('github_copilot_vscode_agent_total_user_messages'), legend: `${SCOPE_LEGEND} messages` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Third-party agents',
        description: `Sessions of each third-party agent app, and the tasks users started with it (task starts, not prompts), on the reported day, by agent (organization and enterprise reports only). ${DAY_NOTE}`,
        span: 8,
        queries: [
          { expr: daily('github_copilot_session_by_3rd_party_agent'), legend: `${SCOPE_LEGEND} {{agent_name}} sessions` },
          { expr: daily('github_copilot_user_initiated_interaction_by_3rd_party_agent'), legend: `${SCOPE_LEGEND} {{agent_name}} tasks` },
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
