/**
 * `usage`: the entity report of the live Copilot usage metrics reports API (docs/contract.md §1, §4a), the main
 * report of every enterprise and organization.
 *
 * `…-28-day/latest` answers `{download_links, report_start_day, report_end_day}`; the links are NDJSON
 * files whose rows carry `day_totals[]`, and the latest day among them becomes the target's values.
 * The change token is `report_end_day`: while GitHub still offers the report already exported,
 * nothing is downloaded, and the steady state costs one conditional request per target per poll.
 */
import type { Target } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import type { ReportRow } from '../github/download.js';
import { describeTarget, latest28DayReport, oneDayReport } from '../github/endpoints.js';
import { USAGE_DEFINITIONS } from '../metrics/definitions.js';
import { isObject } from '../metrics/map/report-values.js';
import { mapUsageDay } from '../metrics/map/usage-day.js';
import type { Sample } from '../metrics/sample.js';
import { scopeLabels } from '../targets.js';
import { type Collector, type CollectorDeps, type HistoryReader, dayByDayHistory, summarizeProblems } from './collector.js';
import { type RowSink, readDayReport, readReport, reportLinks } from './reports-api.js';

export interface UsageToken {
  /** `report_end_day` of the report whose latest day is exported. */
  reportEndDay: string;
}

/** Canonical JSON (keys sorted), so that two rows with the same content compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entity a day row belongs to, for messages: its enterprise_id or organization_id. */
function entityOf(row: ReportRow, fileRow: ReportRow): string {
  for (const field of ['enterprise_id', 'organization_id']) {
    const id = row[field] ?? fileRow[field];
    if (typeof id === 'string' || typeof id === 'number') return `${field} ${id}`;
  }
  return 'no entity id';
}

/**
 * Picks one day row out of all rows of all files of a report: the latest day, or the day asked for.
 * Entity report rows carry their days in `day_totals[]`; a row without it that has a `day` is taken as
 * a day row itself (the shape of a 1-day report is not fixed in GitHub's description).
 *
 * One day, one row: identical rows for the picked day are one row; different rows for it (GitHub's own
 * enterprise example has two rows for 2025-10-01, of enterprise_id 1 and 2) reject the report, because
 * keeping either would silently drop the other.
 */
export class DayPicker implements RowSink<ReportRow | undefined> {
  private row: ReportRow | undefined;
  private rowText = '';
  private day = '';
  private readonly entities = new Set<string>();
  private conflicting = false;
  private readonly problems: string[] = [];

  constructor(
    private readonly target: Target,
    private readonly wanted?: string,
  ) {}

  offer(fileRow: ReportRow): void {
    const days = fileRow.day_totals ?? (typeof fileRow.day === 'string' ? [fileRow] : undefined);
    if (days === undefined || days === null) return;
    if (!Array.isArray(days)) {
      this.problems.push('day_totals is not an array');
      return;
    }
    for (const row of days as unknown[]) {
      if (!isObject(row) || typeof row.day !== 'string') {
        this.problems.push('a day_totals entry has no day');
        continue;
      }
      const { day } = row;
      if (this.wanted !== undefined && day !== this.wanted) continue;
      if (day < this.day) continue;
      const text = canonical(row);
      if (day > this.day) {
        this.day = day;
        this.row = row;
        this.rowText = text;
        this.entities.clear();
        this.conflicting = false;
      } else if (text !== this.rowText) {
        this.conflicting = true;
      }
      this.entities.add(entityOf(row, fileRow));
    }
  }

  /** The row picked from everything offered; a malformed day anywhere, or two different rows for the picked day, reject the whole report. */
  finish(): ReportRow | undefined {
    if (this.conflicting) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The usage report of ${describeTarget(this.target)} has different rows for ${this.day} (${[...this.entities].join(', ')}).`, {
        hint: 'One day must have one row; the report was rejected rather than keep one and drop the other, and the last good values stay exposed. If a target really has several entities, report it.',
      });
    }
    if (this.problems.length > 0) throw invalidReport(this.target, this.problems);
    return this.row;
  }
}

function invalidReport(target: Target, problems: string[]): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `The usage report of ${describeTarget(target)} is malformed: ${summarizeProblems(problems)}.`, {
    hint: 'The whole report was rejected and the last good values stay exposed.',
  });
}

/** A day row's samples; a known field with a wrong value rejects the report. */
function mapRow(target: Target, row: ReportRow): Sample[] {
  const { samples, problems } = mapUsageDay(row, scopeLabels(target));
  if (problems.length > 0) throw invalidReport(target, problems);
  return samples;
}

export const usageCollector: Collector<UsageToken> = {
  name: 'usage',
  main: true,
  switchedBy: 'COPILOT_API=usage-metrics',
  needs: 'classic tokens: manage_billing:copilot or read:enterprise (enterprises), read:org (organizations); fine-grained tokens and GitHub Apps: "Enterprise Copilot metrics" or "Organization Copilot metrics" read; and the Copilot usage metrics policy enabled',
  definitions: USAGE_DEFINITIONS,
  enabled: (config) => config.api === 'usage-metrics',
  appliesTo: (target) => target.team === undefined,
  refreshIntervalMs: () => undefined,
  endpoints: (target) => [{ endpoint: latest28DayReport(target) }],

  async collect(deps, target, previous, context) {
    const report = await context.latestReport();
    if (report === 'no-report') {
      deps.logger.info({ target: describeTarget(target) }, 'GitHub has no usage report for this target yet');
      return 'unchanged';
    }
    if (report.day === previous?.reportEndDay) return 'unchanged';
    const refetch = () => reportLinks(deps, target, latest28DayReport(target), {}, 'report_end_day', true);
    const row = await readReport(deps, target, report, refetch, () => new DayPicker(target));
    const token = { reportEndDay: report.day };
    if (!row) return { token, samples: [] };
    return { token, samples: mapRow(target, row), day: String(row.day) };
  },
};

/** Past days of a target, one `…-1-day?day=` report each, for the backfill. */
export function usageHistory(deps: CollectorDeps): HistoryReader {
  return dayByDayHistory(async (target, day) => {
    const row = await readDayReport(deps, target, oneDayReport(target), day, () => new DayPicker(target, day));
    if (row === 'no-report') return row;
    return row ? mapRow(target, row) : [];
  });
}
