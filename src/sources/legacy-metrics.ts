/**
 * The second source: GitHub's original Copilot Metrics API (CONTRACT §1, `legacy-metrics`), closed by
 * GitHub on 2026-04-02 but still produced by archives, mirrors and older tooling. Four scopes:
 * enterprise, enterprise team, organization, team. Each answer is a JSON array of days, paginated;
 * the latest day present becomes the target's values (GitHub leaves out days with fewer than five
 * licensed members, so the latest day may be older than yesterday).
 */
import { createHash } from 'node:crypto';
import { ExporterError, isExporterError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { describeTarget, legacyMetrics } from '../github/endpoints.js';
import { getAllPages } from '../github/paginate.js';
import { mapLegacyDay } from '../metrics/map/legacy-day.js';
import type { Sample } from '../metrics/sample.js';
import { scopeLabels, type Target } from '../targets.js';
import { type DayResult, type HistorySource, type Source, type TargetData, asExporterError, summarizeProblems } from './source.js';

type Day = Record<string, unknown> & { date: string };

/** GitHub allows up to 100 items a page; 28 days fit on one. */
export const LEGACY_PAGE_SIZE = '100';

const HINTS: Partial<Record<ExporterError['code'], string>> = {
  GITHUB_NOT_FOUND:
    'GitHub closed the /copilot/metrics endpoints on 2026-04-02 and answers 404 since: for live data set COPILOT_API=usage-metrics. ' +
    'Against a mirror or archive, check the slug and that the token can see the target.',
  GITHUB_FORBIDDEN:
    'These endpoints need a token with manage_billing:copilot, read:org (organizations and teams) or read:enterprise (enterprises), held by an owner or billing manager.',
  GITHUB_POLICY_DISABLED:
    'Enable the "Copilot Metrics API access" policy (enterprise or organization settings → Copilot → Policies), or set it to "no policy".',
};

function isDay(item: unknown): item is Day {
  return typeof item === 'object' && item !== null && typeof (item as Day).date === 'string';
}

/** Adds what the legacy API's statuses mean to the client's generic explanation. */
function withLegacyHint(error: unknown): unknown {
  if (!isExporterError(error)) return error;
  const hint = HINTS[error.code];
  return hint ? new ExporterError(error.code, error.message, { ...error.details, hint }) : error;
}

export class LegacyMetricsSource implements Source, HistorySource {
  readonly part = 'legacy-metrics';

  constructor(private readonly client: GitHubClient) {}

  /** The days GitHub returns for a target, all pages, `since`/`until` as GitHub takes them. */
  async fetchDays(target: Target, range: { since?: string; until?: string } = {}): Promise<Day[]> {
    const query: Record<string, string> = { per_page: LEGACY_PAGE_SIZE, ...range };
    try {
      const items = await getAllPages(this.client, legacyMetrics(target), query, (body) => (Array.isArray(body) ? body : undefined));
      return items.filter(isDay);
    } catch (error) {
      throw withLegacyHint(error);
    }
  }

  async poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'> {
    const days = await this.fetchDays(target);
    const latest = days.reduce<Day | undefined>((best, day) => (!best || day.date >= best.date ? day : best), undefined);
    if (!latest) return { samples: [], reportKey: '' };

    // The same latest day with the same content: nothing to render again.
    const reportKey = `${latest.date}#${createHash('sha256').update(JSON.stringify(latest)).digest('hex').slice(0, 16)}`;
    if (reportKey === previousKey) return 'unchanged';
    return { samples: this.map(target, latest), reportKey, day: latest.date };
  }

  /** One ranged request (all pages) for the days asked; days GitHub does not return have no report. */
  async fetchHistory(target: Target, days: readonly string[], _concurrency: number, onDay: (day: string, result: DayResult) => void): Promise<void> {
    if (days.length === 0) return;
    const wanted = [...days].sort();
    let returned: Day[];
    try {
      returned = await this.fetchDays(target, { since: `${wanted[0]}T00:00:00Z`, until: `${wanted.at(-1)}T23:59:59Z` });
    } catch (error) {
      for (const day of wanted) onDay(day, asExporterError(error));
      return;
    }
    const byDate = new Map(returned.map((day) => [day.date, day]));
    for (const date of wanted) {
      const day = byDate.get(date);
      if (!day) {
        onDay(date, 'no-report');
        continue;
      }
      try {
        onDay(date, this.map(target, day));
      } catch (error) {
        onDay(date, asExporterError(error));
      }
    }
  }

  private map(target: Target, day: Day): Sample[] {
    const { samples, problems } = mapLegacyDay(day, scopeLabels(target));
    if (problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The Copilot metrics of ${describeTarget(target)} for ${day.date} are malformed: ${summarizeProblems(problems)}.`, {
        endpoint: legacyMetrics(target).template,
        hint: 'The whole answer was rejected and the last good values stay exposed.',
      });
    }
    return samples;
  }
}
