/**
 * The live source: GitHub's Copilot usage metrics reports API (CONTRACT §1, `usage-metrics`).
 *
 * Per target, `…-28-day/latest` answers `{download_links, report_start_day, report_end_day}`; the
 * links are NDJSON files whose rows carry `day_totals[]`, and the latest day among them becomes the
 * target's values. When `report_end_day` is the one already exported, nothing is downloaded: the
 * steady state costs one API request per target per poll (and that one is conditional, with an ETag).
 */
import pLimit from 'p-limit';
import { ExporterError, isExporterError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { type ReportDownloader, type ReportRow } from '../github/download.js';
import type { UserMetricsConfig } from '../config/load-config.js';
import { DOWNLOAD_ENDPOINT, type Endpoint, describeTarget, latest28DayReport, oneDayReport, userTeamsOneDayReport, usersOneDayReport } from '../github/endpoints.js';
import type { Logger } from '../log.js';
import { mapTeams } from '../metrics/map/teams.js';
import { mapUsageDay } from '../metrics/map/usage-day.js';
import { mapUsers } from '../metrics/map/users.js';
import type { Sample } from '../metrics/sample.js';
import { scopeLabels, type Target } from '../targets.js';
import { type DayResult, type HistorySource, type Source, type TargetData, asExporterError, summarizeProblems } from './source.js';

type ReportLinks<Day extends string> = { download_links: string[] } & Record<Day, string>;

/** `{download_links, report_end_day}` (28-day report) or `{download_links, report_day}` (1-day report). */
function isReportLinks<Day extends string>(body: unknown, day: Day): body is ReportLinks<Day> {
  const value = body as Record<string, unknown> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(value.download_links) &&
    value.download_links.every((link) => typeof link === 'string') &&
    typeof value[day] === 'string'
  );
}

/**
 * Picks one day row out of all rows of all files of a report: the latest day, or the day asked for.
 * Entity report rows carry their days in `day_totals[]`; a row without it that has a `day` is taken as
 * a day row itself (the shape of a 1-day report is not fixed in GitHub's description).
 */
class DayPicker {
  private row: ReportRow | undefined;
  private day = '';
  private readonly problems: string[] = [];

  constructor(private readonly wanted?: string) {}

  offer(fileRow: ReportRow): void {
    const days = fileRow.day_totals ?? (typeof fileRow.day === 'string' ? [fileRow] : undefined);
    if (days === undefined || days === null) return;
    if (!Array.isArray(days)) {
      this.problems.push('day_totals is not an array');
      return;
    }
    for (const entry of days as unknown[]) {
      const day = (entry as ReportRow | null)?.day;
      if (typeof entry !== 'object' || entry === null || typeof day !== 'string') {
        this.problems.push('a day_totals entry has no day');
        continue;
      }
      if (this.wanted !== undefined && day !== this.wanted) continue;
      // Later entries win a tie: a report split over several files lists each day once in practice.
      if (day >= this.day) {
        this.day = day;
        this.row = entry as ReportRow;
      }
    }
  }

  /** The row picked from everything offered; a malformed day anywhere rejects the whole report. */
  picked(target: Target): ReportRow | undefined {
    if (this.problems.length > 0) throw invalidReport(target, this.problems);
    return this.row;
  }
}

/** Team and per-user series, made from the day's users and user-teams reports. */
export interface PeopleOptions {
  teams: boolean;
  teamBreakdowns: boolean;
  /** The team slugs configured for a target (COPILOT_TEAMS / COPILOT_ENTERPRISE_TEAMS); all teams when undefined. */
  teamFilter: (target: Target) => readonly string[] | undefined;
  users?: UserMetricsConfig;
}

export const NO_PEOPLE: PeopleOptions = { teams: false, teamBreakdowns: false, teamFilter: () => undefined };

export class UsageMetricsSource implements Source, HistorySource {
  readonly part = 'usage-metrics';

  constructor(
    private readonly client: GitHubClient,
    private readonly downloader: ReportDownloader,
    private readonly logger: Logger,
    private readonly people: PeopleOptions = NO_PEOPLE,
  ) {}

  async poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'> {
    const endpoint = latest28DayReport(target);
    const report = await this.report(target, endpoint, {}, 'report_end_day');
    if (report === 'no-report') {
      this.logger.info({ target: describeTarget(target) }, 'GitHub has no usage report for this target yet (204)');
      return previousKey !== undefined ? 'unchanged' : { samples: [], reportKey: '' };
    }
    const { download_links: links, report_end_day: reportKey } = report;
    if (reportKey === previousKey) return 'unchanged';

    const row = await this.withFreshLinks(target, links, () => this.links(target, endpoint, {}, 'report_end_day', true), (current) => this.pickDay(target, current));
    if (!row) return { samples: [], reportKey };
    const day = String(row.day);
    const samples = this.map(target, row);
    const people = await this.peopleOf(target, day);
    // Without the day's users report yet, the key stays open so that the next poll tries again.
    const key = people === 'pending' ? `${reportKey}#people-pending` : reportKey;
    if (people === 'pending') return { samples, reportKey: key, day };
    return { samples: [...samples, ...people.samples], reportKey: key, day, droppedUsers: people.dropped };
  }

  /**
   * Team and per-user series of one day: that day's users-1-day rows, joined with the same day's
   * user-teams-1-day rows for teams. `pending` while GitHub has no users report for the day (204).
   */
  private async peopleOf(target: Target, day: string): Promise<{ samples: Sample[]; dropped: number } | 'pending'> {
    const { teams, users } = this.people;
    if (!teams && !users) return { samples: [], dropped: 0 };
    const userRows = await this.dayRows(target, usersOneDayReport(target), day);
    if (userRows === 'no-report') {
      this.logger.info({ target: describeTarget(target), day }, 'GitHub has no users report for this day yet (204); teams and users come later');
      return 'pending';
    }
    const samples: Sample[] = [];
    const problems: string[] = [];
    let dropped = 0;
    if (teams) {
      const memberships = await this.dayRows(target, userTeamsOneDayReport(target), day);
      if (memberships === 'no-report') return 'pending';
      const mapped = mapTeams(userRows, memberships, day, scopeLabels(target), { teams: this.people.teamFilter(target), breakdowns: this.people.teamBreakdowns });
      samples.push(...mapped.samples);
      problems.push(...mapped.problems);
    }
    if (users) {
      const mapped = mapUsers(userRows, day, scopeLabels(target), users);
      samples.push(...mapped.samples);
      problems.push(...mapped.problems);
      dropped = mapped.dropped;
      if (dropped > 0) this.logger.warn({ target: describeTarget(target), day, dropped, max: users.maxUsers }, 'per-user series capped by COPILOT_USER_METRICS_MAX_USERS');
    }
    if (problems.length > 0) throw invalidReport(target, problems);
    return { samples, dropped };
  }

  /** Every row of a 1-day report (entity, users or user-teams), or `no-report` for a 204. */
  private async dayRows(target: Target, endpoint: Endpoint, day: string): Promise<ReportRow[] | 'no-report'> {
    const links = await this.links(target, endpoint, { day }, 'report_day');
    if (links === 'no-report') return links;
    return this.withFreshLinks(target, links, () => this.links(target, endpoint, { day }, 'report_day', true), async (current) => {
      const rows: ReportRow[] = [];
      for (const link of current) await this.downloader.forEachRow(link, (row) => rows.push(row));
      return rows;
    });
  }

  /** GitHub's answer for a report (its download links and its day), or `no-report` for a 204. */
  private async report<Day extends string>(target: Target, endpoint: Endpoint, query: Record<string, string>, dayField: Day, fresh = false): Promise<ReportLinks<Day> | 'no-report'> {
    const response = await this.client.getJson(endpoint, query, { fresh });
    if (response.status === 204) return 'no-report';
    if (!isReportLinks(response.body, dayField)) {
      const when = query.day ? ` on ${query.day}` : '';
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub's answer for ${describeTarget(target)}${when} has no download_links and ${dayField}.`, {
        status: 200,
        endpoint: endpoint.template,
        hint: 'Check that GITHUB_API_URL points at the GitHub REST API.',
      });
    }
    return response.body;
  }

  /** The download links GitHub gives for a report, or `no-report` for a 204. */
  private async links(target: Target, endpoint: Endpoint, query: Record<string, string>, dayField: string, fresh = false): Promise<string[] | 'no-report'> {
    const report = await this.report(target, endpoint, query, dayField, fresh);
    return report === 'no-report' ? report : report.download_links;
  }

  /**
   * Reads a report's files; when the download host refuses a link (401/403: signed links expire), asks
   * GitHub for fresh links once, without the ETag that would hand back the old ones.
   */
  private async withFreshLinks<T>(target: Target, links: string[], refetch: () => Promise<string[] | 'no-report'>, read: (links: string[]) => Promise<T>): Promise<T> {
    try {
      return await read(links);
    } catch (error) {
      const expired = isExporterError(error) && error.details.endpoint === DOWNLOAD_ENDPOINT && (error.details.status === 401 || error.details.status === 403);
      if (!expired) throw error;
      this.logger.info({ target: describeTarget(target) }, 'a report link was refused (expired?); asking GitHub for fresh links');
      const fresh = await refetch();
      return read(fresh === 'no-report' ? [] : fresh);
    }
  }

  async fetchDay(target: Target, day: string): Promise<{ samples: Sample[] } | 'no-report'> {
    const rows = await this.dayRows(target, oneDayReport(target), day);
    if (rows === 'no-report') return rows;
    const picker = new DayPicker(day);
    for (const row of rows) picker.offer(row);
    const row = picker.picked(target);
    return { samples: row ? this.map(target, row) : [] };
  }

  async fetchHistory(target: Target, days: readonly string[], concurrency: number, onDay: (day: string, result: DayResult) => void): Promise<void> {
    const limit = pLimit(concurrency);
    await Promise.all(
      days.map((day) =>
        limit(async () => {
          try {
            const result = await this.fetchDay(target, day);
            onDay(day, result === 'no-report' ? result : result.samples);
          } catch (error) {
            onDay(day, asExporterError(error));
          }
        }),
      ),
    );
  }

  /** The latest day row in a report's files. */
  private async pickDay(target: Target, links: string[]): Promise<ReportRow | undefined> {
    const picker = new DayPicker();
    for (const link of links) await this.downloader.forEachRow(link, (row) => picker.offer(row));
    return picker.picked(target);
  }

  private map(target: Target, row: ReportRow): Sample[] {
    const { samples, problems } = mapUsageDay(row, scopeLabels(target));
    if (problems.length > 0) throw invalidReport(target, problems);
    return samples;
  }
}

function invalidReport(target: Target, problems: string[]): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `The usage report of ${describeTarget(target)} is malformed: ${summarizeProblems(problems)}.`, {
    hint: 'The whole report was rejected and the last good values stay exposed.',
  });
}
