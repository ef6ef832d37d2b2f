/**
 * `usage`: the entity report of the live Copilot usage metrics reports API (docs/contract.md §1, §4a), the main
 * report of every enterprise and organization.
 *
 * `…-28-day/latest` answers `{download_links, report_start_day, report_end_day}`; the links are NDJSON
 * files whose rows carry `day_totals[]`, and the latest day among them becomes the target's values; the
 * other days of the window are handed on for history written settled (docs/contract.md §4g).
 * The change token is `report_end_day` and when it was read (day-reads.ts): while GitHub still offers
 * the report already exported, nothing is downloaded but a provisional day's re-read every
 * PROVISIONAL_REFRESH_INTERVAL, and the steady state costs one conditional request per target per poll.
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
import { type Collector, type CollectorDeps, type HistoryReader, type PastDay, dayByDayHistory, summarizeProblems } from './collector.js';
import { type DayToken, shouldReadDay } from './day-reads.js';
import { type RowSink, readDayReport, readReport, reportLinks } from './reports-api.js';

/** `day`: `report_end_day` of the report whose latest day is exported. */
export type UsageToken = DayToken;

/** The rows a report holds: its latest day's (or the day asked for), and every day's by day. */
export interface DayRows {
  latest: ReportRow | undefined;
  /** One row per day; a day with two different rows is left out (history must not keep one and drop the other). */
  byDay: Map<string, ReportRow>;
}

interface DayEntry {
  row: ReportRow;
  text: string;
  entities: Set<string>;
  conflicting: boolean;
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
 * Sorts the rows of all files of a report by day: the latest day (or the day asked for) is the one
 * exported, the others are the report's history. Entity report rows carry their days in `day_totals[]`;
 * a row without it that has a `day` is taken as a day row itself (the shape of a 1-day report is not
 * fixed in GitHub's description).
 *
 * One day, one row: identical rows for a day are one row; different rows for the exported day (GitHub's
 * own enterprise example has two rows for 2025-10-01, of enterprise_id 1 and 2) reject the report,
 * because keeping either would silently drop the other.
 */
export class DayPicker implements RowSink<DayRows> {
  private readonly days = new Map<string, DayEntry>();
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
      const text = canonical(row);
      const entry = this.days.get(day);
      if (!entry) this.days.set(day, { row, text, entities: new Set([entityOf(row, fileRow)]), conflicting: false });
      else {
        if (text !== entry.text) entry.conflicting = true;
        entry.entities.add(entityOf(row, fileRow));
      }
    }
  }

  /** The rows picked from everything offered; a malformed day anywhere, or two different rows for the exported day, reject the whole report. */
  finish(): DayRows {
    const latestDay = [...this.days.keys()].reduce<string | undefined>((best, day) => (best === undefined || day > best ? day : best), undefined);
    const latest = latestDay === undefined ? undefined : this.days.get(latestDay);
    if (latest?.conflicting) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The usage report of ${describeTarget(this.target)} has different rows for ${latestDay} (${[...latest.entities].join(', ')}).`, {
        hint: 'One day must have one row; the report was rejected rather than keep one and drop the other, and the last good values stay exposed. If a target really has several entities, report it.',
      });
    }
    if (this.problems.length > 0) throw invalidReport(this.target, this.problems);
    const byDay = new Map([...this.days].filter(([, entry]) => !entry.conflicting).map(([day, entry]) => [day, entry.row]));
    return { latest: latest?.row, byDay };
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
    const now = deps.clock.now();
    if (!shouldReadDay(previous, report.day, now, deps.config)) return 'unchanged';
    const refetch = () => reportLinks(deps, target, latest28DayReport(target), {}, 'report_end_day', true);
    const rows = await readReport(deps, target, report, refetch, () => new DayPicker(target));
    const token = { day: report.day, readAt: now };
    if (!rows.latest) return { token, samples: [] };
    const day = String(rows.latest.day);
    return { token, samples: mapRow(target, rows.latest), day, pastDays: pastDaysOf(target, rows.byDay, day) };
  },
};

/** The window's days other than the exported one, mapped when asked. */
function pastDaysOf(target: Target, byDay: Map<string, ReportRow>, exported: string): PastDay[] {
  return [...byDay].filter(([day]) => day !== exported).map(([day, row]) => ({ day, samples: () => mapRow(target, row) }));
}

/** Past days of a target, one `…-1-day?day=` report each, for the backfill. */
export function usageHistory(deps: CollectorDeps): HistoryReader {
  return dayByDayHistory(async (target, day) => {
    const rows = await readDayReport(deps, target, oneDayReport(target), day, () => new DayPicker(target, day));
    if (rows === 'no-report') return rows;
    return rows.latest ? mapRow(target, rows.latest) : [];
  });
}
