/**
 * The live source: GitHub's Copilot usage metrics reports API (CONTRACT §1, `usage-metrics`).
 *
 * Per target, `…-28-day/latest` answers `{download_links, report_start_day, report_end_day}`; the
 * links are NDJSON files whose rows carry `day_totals[]`, and the latest day among them becomes the
 * target's values. When `report_end_day` is the one already exported, nothing is downloaded: the
 * steady state costs one API request per target per poll (and that one is conditional, with an ETag).
 */
import { ExporterError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { type ReportDownloader, type ReportRow } from '../github/download.js';
import { describeTarget, latest28DayReport } from '../github/endpoints.js';
import type { Logger } from '../log.js';
import { mapUsageDay } from '../metrics/map/usage-day.js';
import { scopeLabels, type Target } from '../targets.js';
import { type Source, type TargetData, summarizeProblems } from './source.js';

interface ReportLinks {
  download_links: string[];
  report_end_day: string;
}

function isReportLinks(body: unknown): body is ReportLinks {
  const value = body as Partial<ReportLinks> | null;
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray(value.download_links) &&
    value.download_links.every((link) => typeof link === 'string') &&
    typeof value.report_end_day === 'string'
  );
}

/** Keeps the latest `day_totals[]` entry seen across all rows of all files of one report. */
class LatestDay {
  row: ReportRow | undefined;
  private day = '';
  readonly problems: string[] = [];

  offer(fileRow: ReportRow): void {
    const days = fileRow.day_totals;
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
      // Later entries win a tie: a report split over several files lists each day once in practice.
      if (day >= this.day) {
        this.day = day;
        this.row = entry as ReportRow;
      }
    }
  }
}

export class UsageMetricsSource implements Source {
  constructor(
    private readonly client: GitHubClient,
    private readonly downloader: ReportDownloader,
    private readonly logger: Logger,
  ) {}

  async poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'> {
    const endpoint = latest28DayReport(target);
    const response = await this.client.getJson(endpoint);
    if (response.status === 204) {
      this.logger.info({ target: describeTarget(target) }, 'GitHub has no usage report for this target yet (204)');
      return previousKey !== undefined ? 'unchanged' : { samples: [], reportKey: '' };
    }
    if (!isReportLinks(response.body)) {
      throw new ExporterError(
        'GITHUB_INVALID_RESPONSE',
        `GitHub's answer for ${describeTarget(target)} has no download_links and report_end_day.`,
        { status: 200, endpoint: endpoint.template, hint: 'Check that GITHUB_API_URL points at the GitHub REST API.' },
      );
    }
    const { download_links: links, report_end_day: reportKey } = response.body;
    if (reportKey === previousKey) return 'unchanged';

    const latest = new LatestDay();
    for (const link of links) await this.downloader.forEachRow(link, (row) => latest.offer(row));
    if (latest.problems.length > 0) throw invalidReport(target, latest.problems);
    if (!latest.row) return { samples: [], reportKey };

    const { samples, problems } = mapUsageDay(latest.row, scopeLabels(target));
    if (problems.length > 0) throw invalidReport(target, problems);
    return { samples, reportKey, day: String(latest.row.day) };
  }
}

function invalidReport(target: Target, problems: string[]): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `The usage report of ${describeTarget(target)} is malformed: ${summarizeProblems(problems)}.`, {
    hint: 'The whole report was rejected and the last good values stay exposed.',
  });
}
