/**
 * `people`: team and per-user series from the day's `users-1-day` and `user-teams-1-day` reports, an
 * optional collector of the usage-metrics source (COPILOT_TEAM_METRICS, on by default, and
 * COPILOT_USER_METRICS, off by default), and the count of active users by client version, which needs
 * no per-user series (docs/contract.md §4i).
 *
 * The day is the entity report's `report_end_day`, taken from the same `…-28-day/latest` answer the
 * usage collector reads (asked once per poll), so team values describe the same day as the
 * organization's. The change token is that day and when it was read (day-reads.ts): a new day is read at
 * once, a provisional one again every PROVISIONAL_REFRESH_INTERVAL (the users report is the large one: the
 * README says what that costs), and a settled one no more. The membership report is read first (it is
 * small), then the users report (about 8 KB a user) streams through the team join, the client-version
 * counts and the per-user ranking row by row.
 */
import type { ExporterConfig, Target } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import type { ReportRow } from '../github/download.js';
import { describeTarget, userTeamsOneDayReport, usersOneDayReport } from '../github/endpoints.js';
import { BREAKDOWNS, CLIENT_VERSIONS, DAY_TIMESTAMP, TEAM_MEMBERS, USAGE_DEFINITIONS, USER_INFO, stripCountSum } from '../metrics/definitions.js';
import { ClientVersionCounts } from '../metrics/map/client-versions.js';
import { MembershipIndex, TeamJoin } from '../metrics/map/team-join.js';
import { TopUsers, USER_FIELDS, USER_SECTIONS } from '../metrics/map/users.js';
import type { Sample } from '../metrics/sample.js';
import { scopeLabels } from '../targets.js';
import { type Collector, type CollectorDeps, summarizeProblems } from './collector.js';
import { type DayToken, shouldReadDay } from './day-reads.js';
import { type RowSink, SAME_PERMISSION_AS_USAGE, readDayReport } from './reports-api.js';

/** `day`: the day whose team and per-user series are exported. */
export type PeopleToken = DayToken;

/** COPILOT_TEAMS / COPILOT_ENTERPRISE_TEAMS entries of this organization or enterprise; all teams when none. */
function configuredTeams(config: ExporterConfig, target: Target): string[] | undefined {
  const teams =
    target.kind === 'org'
      ? config.teams.filter((entry) => entry.org === target.slug).map((entry) => entry.team)
      : config.enterpriseTeams.filter((entry) => entry.enterprise === target.slug).map((entry) => entry.team);
  return teams.length > 0 ? teams : undefined;
}

/** The users report's rows, offered to the team join, the client-version counts and the per-user ranking as they arrive. */
class UsersReportSink implements RowSink<{ samples: Sample[]; problems: string[]; dropped: number }> {
  constructor(
    private readonly teams: TeamJoin | undefined,
    private readonly versions: ClientVersionCounts,
    private readonly users: TopUsers | undefined,
  ) {}

  offer(row: ReportRow): void {
    this.teams?.offer(row);
    this.versions.offer(row);
    this.users?.offer(row);
  }

  finish() {
    const teams = this.teams?.finish() ?? { samples: [], problems: [] };
    const users = this.users?.finish() ?? { samples: [], problems: [], dropped: 0 };
    return { samples: [...teams.samples, ...this.versions.finish(), ...users.samples], problems: [...teams.problems, ...users.problems], dropped: users.dropped };
  }
}

/** The day families with a `team` or `user` label: a team's day and active users, the counters of teams and users (AI credits per user)… */
const PEOPLE_FAMILIES = new Set<string>([DAY_TIMESTAMP.name, 'github_copilot_daily_active_users', ...USER_FIELDS.map((field) => `github_copilot_${stripCountSum(field)}`)]);
/** …and, by where they come from, Copilot CLI per user and the breakdowns per team or user (COPILOT_TEAM_BREAKDOWNS, COPILOT_USER_BREAKDOWNS). */
const PEOPLE_SECTIONS = [...USER_SECTIONS, ...BREAKDOWNS.map(({ dims }) => `totals_by_${dims}[]`)].map((section) => `day_totals[].${section}.`);

export const peopleCollector: Collector<PeopleToken> = {
  name: 'people',
  main: false,
  switchedBy: 'COPILOT_TEAM_METRICS, COPILOT_USER_METRICS',
  needs: SAME_PERMISSION_AS_USAGE,
  definitions: [
    ...USAGE_DEFINITIONS.filter((definition) => PEOPLE_FAMILIES.has(definition.name) || PEOPLE_SECTIONS.some((section) => definition.source.startsWith(section))),
    TEAM_MEMBERS,
    ...Object.values(CLIENT_VERSIONS),
    ...Object.values(USER_INFO),
  ],
  enabled: (config) => config.api === 'usage-metrics' && (config.teamMetrics || config.userMetrics !== undefined),
  appliesTo: (target) => target.team === undefined,
  refreshIntervalMs: () => undefined,
  endpoints: (target, config) => [...(config.teamMetrics ? [userTeamsOneDayReport(target)] : []), usersOneDayReport(target)].map((endpoint) => ({ endpoint, perDay: true })),

  async collect(deps: CollectorDeps, target, previous, context) {
    const report = await context.latestReport();
    const now = deps.clock.now();
    if (report === 'no-report' || !shouldReadDay(previous, report.day, now, deps.config)) return 'unchanged';
    const { day } = report;
    const { config, logger } = deps;
    const scope = scopeLabels(target);
    let memberships: MembershipIndex | undefined;
    if (config.teamMetrics) {
      const index = await readDayReport(deps, target, userTeamsOneDayReport(target), day, () => {
        const sink = new MembershipIndex(day, configuredTeams(config, target));
        return { offer: (row: ReportRow) => sink.offer(row), finish: () => sink };
      });
      if (index === 'no-report') return notYet(deps, target, day, 'user-teams');
      memberships = index;
    }
    const series = await readDayReport(deps, target, usersOneDayReport(target), day, () => {
      const teams = memberships && new TeamJoin(memberships, day, scope, { breakdowns: config.teamBreakdowns });
      const users = config.userMetrics && new TopUsers(day, scope, config.userMetrics);
      return new UsersReportSink(teams, new ClientVersionCounts(day, scope), users);
    });
    if (series === 'no-report') return notYet(deps, target, day, 'users');
    if (series.problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The users or user-teams report of ${describeTarget(target)} for ${day} is malformed: ${summarizeProblems(series.problems)}.`, {
        hint: 'The whole report was rejected and the last good team and per-user values stay exposed.',
      });
    }
    if (series.dropped > 0) logger.warn({ target: describeTarget(target), day, dropped: series.dropped, max: config.userMetrics?.maxUsers }, 'per-user series capped by COPILOT_USER_METRICS_MAX_USERS');
    return { token: { day, readAt: now }, samples: series.samples, day, droppedUsers: series.dropped };
  },
};

/** GitHub publishes the users reports of a day a little after the entity report: the next poll asks again. */
function notYet(deps: CollectorDeps, target: Target, day: string, report: string): 'unchanged' {
  deps.logger.info({ target: describeTarget(target), day }, `GitHub has no ${report} report for this day yet; teams and users come later`);
  return 'unchanged';
}
