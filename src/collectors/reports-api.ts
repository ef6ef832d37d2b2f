/**
 * The Copilot usage metrics reports API (docs/contract.md §1): every report endpoint answers signed links to
 * NDJSON files, `{download_links, report_day}` for a 1-day report or `{download_links, report_start_day,
 * report_end_day}` for the 28-day one. This module asks for the links and streams the files' rows to a
 * consumer, asking GitHub for fresh links once when the download host refuses an expired one.
 */
import type { Target } from '../config/exporter-config.js';
import { ExporterError, isExporterError } from '../errors.js';
import type { ReportRow } from '../github/download.js';
import { DOWNLOAD_ENDPOINT, type Endpoint, describeTarget, latest28DayReport } from '../github/endpoints.js';
import type { CollectorDeps, ReportLinks, TargetPollContext } from './collector.js';

/** What the 1-day reports beside the entity report need from GitHub, said when GitHub refuses one (403/404). */
export const SAME_PERMISSION_AS_USAGE =
  'the same permission as the usage report ("Enterprise Copilot metrics" or "Organization Copilot metrics" read; classic tokens: read:enterprise / read:org or manage_billing:copilot)';

type DayField = 'report_end_day' | 'report_day';

/**
 * GitHub's answer for a report, or `no-report` for a 204 or an answer without files (GitHub has not
 * produced the report yet). `fresh` asks without the ETag: a cached body may hold links that expired.
 */
export async function reportLinks(deps: CollectorDeps, target: Target, endpoint: Endpoint, query: Record<string, string>, dayField: DayField, fresh = false): Promise<ReportLinks | 'no-report'> {
  const response = await deps.client.getJson(endpoint, query, { fresh });
  if (response.status === 204) return 'no-report';
  const body = response.body as Record<string, unknown> | null;
  const links = body?.download_links;
  const day = body?.[dayField];
  if (typeof body !== 'object' || body === null || !Array.isArray(links) || !links.every((link) => typeof link === 'string') || typeof day !== 'string') {
    const when = query.day ? ` on ${query.day}` : '';
    throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub's answer for ${describeTarget(target)}${when} has no download_links and ${dayField}.`, {
      status: 200,
      endpoint: endpoint.template,
      hint: 'Check that GITHUB_API_URL points at the GitHub REST API.',
    });
  }
  return links.length === 0 ? 'no-report' : { links: links as string[], day };
}

/** Takes a report's rows one at a time; a new sink is made for every reading, so a retry starts clean. */
export interface RowSink<T> {
  offer(row: ReportRow): void;
  /** Everything offered has been read: what the rows amount to. */
  finish(): T;
}

/**
 * Streams every row of every file of a report into a fresh sink and returns what it made. When the
 * download host refuses a link (401/403: signed links expire), asks GitHub for fresh links once and
 * reads the whole report again into a new sink, so no row is counted twice.
 */
export async function readReport<T>(
  deps: CollectorDeps,
  target: Target,
  report: ReportLinks,
  refetch: () => Promise<ReportLinks | 'no-report'>,
  newSink: () => RowSink<T>,
): Promise<T> {
  const read = async (links: readonly string[]) => {
    const sink = newSink();
    for (const link of links) await deps.downloader.forEachRow(link, (row) => sink.offer(row));
    return sink.finish();
  };
  try {
    return await read(report.links);
  } catch (error) {
    const expired = isExporterError(error) && error.details.endpoint === DOWNLOAD_ENDPOINT && (error.details.status === 401 || error.details.status === 403);
    if (!expired) throw error;
    deps.logger.info({ target: describeTarget(target) }, 'a report link was refused (expired?); asking GitHub for fresh links');
    const fresh = await refetch();
    return read(fresh === 'no-report' ? [] : fresh.links);
  }
}

/** A 1-day report (`…-1-day`, `users-1-day`, `user-teams-1-day`, `repos-1-day`) of one day, streamed into a sink; `no-report` when GitHub has none. */
export async function readDayReport<T>(deps: CollectorDeps, target: Target, endpoint: Endpoint, day: string, newSink: () => RowSink<T>): Promise<T | 'no-report'> {
  const ask = (fresh: boolean) => reportLinks(deps, target, endpoint, { day }, 'report_day', fresh);
  const report = await ask(false);
  if (report === 'no-report') return report;
  return readReport(deps, target, report, () => ask(true), newSink);
}

/**
 * What one poll of one target shares: the `…-28-day/latest` answer, asked at most once whoever asks
 * first (the usage collector reads its files, the people collector takes its day). A failure is shared
 * too: a collector that needs the day cannot go on without it.
 */
export function targetPollContext(deps: CollectorDeps, target: Target): TargetPollContext {
  let latest: Promise<ReportLinks | 'no-report'> | undefined;
  return {
    latestReport: () => (latest ??= reportLinks(deps, target, latest28DayReport(target), {}, 'report_end_day')),
  };
}
