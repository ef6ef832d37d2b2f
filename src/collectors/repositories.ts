/**
 * `repositories`: series per repository from the day's `repos-1-day` report (docs/contract.md §4e, its arrays §4i), an optional
 * collector of the usage-metrics source for organizations and enterprises (COPILOT_REPOSITORY_METRICS,
 * on by default). GitHub lists only the repositories with Copilot activity that day.
 *
 * The day is the entity report's `report_end_day`, taken from the same `…-28-day/latest` answer the
 * usage collector reads (asked once per poll), so repository values describe the same day as the
 * organization's. The change token is that day and when it was read (day-reads.ts): a new day is read
 * at once, a provisional one again every PROVISIONAL_REFRESH_INTERVAL, and a settled one no more. The report streams through the mapper row by row.
 */
import type { Target } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import { describeTarget, reposOneDayReport } from '../github/endpoints.js';
import { REPOSITORY_ARRAY_DEFINITIONS, REPOSITORY_DEFINITIONS, RepositoryRows } from '../metrics/map/repositories.js';
import { scopeLabels } from '../targets.js';
import { type Collector, type CollectorDeps, summarizeProblems } from './collector.js';
import { type DayToken, shouldReadDay } from './day-reads.js';
import { SAME_PERMISSION_AS_USAGE, readDayReport } from './reports-api.js';

/** `day`: the day whose repository series are exported. */
export type RepositoriesToken = DayToken;

export const repositoriesCollector: Collector<RepositoriesToken> = {
  name: 'repositories',
  main: false,
  switchedBy: 'COPILOT_REPOSITORY_METRICS',
  needs: SAME_PERMISSION_AS_USAGE,
  definitions: [...REPOSITORY_DEFINITIONS, ...REPOSITORY_ARRAY_DEFINITIONS],
  enabled: (config) => config.api === 'usage-metrics' && config.repositoryMetrics,
  appliesTo: (target) => target.team === undefined,
  refreshIntervalMs: () => undefined,
  endpoints: (target) => [{ endpoint: reposOneDayReport(target), perDay: true }],

  async collect(deps: CollectorDeps, target: Target, previous, context) {
    const report = await context.latestReport();
    const now = deps.clock.now();
    if (report === 'no-report' || !shouldReadDay(previous, report.day, now, deps.config)) return 'unchanged';
    const { day } = report;
    const result = await readDayReport(deps, target, reposOneDayReport(target), day, () => new RepositoryRows(day, scopeLabels(target)));
    if (result === 'no-report') {
      // A 204, or a 200 without files: GitHub has not made the day's report yet; the next poll asks again.
      deps.logger.info({ target: describeTarget(target), day }, 'GitHub has no repos-1-day report for this day yet; repository series come later');
      return 'unchanged';
    }
    if (result.problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The repos-1-day report of ${describeTarget(target)} for ${day} is malformed: ${summarizeProblems(result.problems)}.`, {
        hint: 'The whole report was rejected and the last good repository values stay exposed.',
      });
    }
    return { token: { day, readAt: now }, samples: result.samples, day };
  },
};
