/**
 * `legacy`: GitHub's original Copilot Metrics API (docs/contract.md §1, §4b), the main report with
 * COPILOT_API=legacy-metrics. Closed by GitHub on 2026-04-02 but still produced by archives, mirrors and
 * older tooling. Four scopes: enterprise, enterprise team, organization, team. Each answer is a JSON
 * array of days, paginated; the latest day present becomes the target's values (GitHub leaves out days
 * with fewer than five licensed members, so the latest day may be older than yesterday).
 *
 * The change token is the latest day and a digest of its content: the same day with the same content is
 * not mapped and rendered again.
 */
import { createHash } from 'node:crypto';
import type { Target } from '../config/exporter-config.js';
import { ExporterError, isExporterError } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { describeTarget, legacyMetrics } from '../github/endpoints.js';
import { getAllPages } from '../github/paginate.js';
import { LEGACY_DEFINITIONS } from '../metrics/definitions.js';
import { mapLegacyDay } from '../metrics/map/legacy-day.js';
import { type Row, isObject } from '../metrics/map/report-values.js';
import type { Sample } from '../metrics/sample.js';
import { scopeLabels } from '../targets.js';
import { type Collector, type DayResult, type HistoryReader, asExporterError, summarizeProblems } from './collector.js';

type Day = Row & { date: string };

export interface LegacyToken {
  day: string;
  /** SHA-256 of the day's JSON, shortened: the same day may be corrected by GitHub. */
  digest: string;
}

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

/** An item of the answer's array that is a day of the legacy API: an object with its `date` (checked by the mapper). */
function isLegacyDayRow(item: unknown): item is Day {
  return isObject(item) && typeof item.date === 'string';
}

/**
 * Adds what the legacy API's statuses mean to the client's generic explanation. What GitHub says it
 * accepts (the X-Accepted-* headers of a 403) stays first: it names the exact permission or scope.
 */
function withLegacyHint(error: unknown): unknown {
  if (!isExporterError(error)) return error;
  const hint = HINTS[error.code];
  if (!hint) return error;
  return new ExporterError(error.code, error.message, { ...error.details, hint: [error.details.accepted, hint].filter(Boolean).join(' ') });
}

/** The days GitHub returns for a target, all pages, `since`/`until` as GitHub takes them. */
export async function fetchLegacyDays(client: GitHubClient, target: Target, range: { since?: string; until?: string } = {}): Promise<Day[]> {
  const query: Record<string, string> = { per_page: LEGACY_PAGE_SIZE, ...range };
  try {
    const items = await getAllPages(client, legacyMetrics(target), query, (body) => (Array.isArray(body) ? body : undefined));
    return items.filter(isLegacyDayRow);
  } catch (error) {
    throw withLegacyHint(error);
  }
}

function mapDay(target: Target, day: Day): Sample[] {
  const { samples, problems } = mapLegacyDay(day, scopeLabels(target));
  if (problems.length > 0) {
    throw new ExporterError('GITHUB_INVALID_RESPONSE', `The Copilot metrics of ${describeTarget(target)} for ${day.date} are malformed: ${summarizeProblems(problems)}.`, {
      endpoint: legacyMetrics(target).template,
      hint: 'The whole answer was rejected and the last good values stay exposed.',
    });
  }
  return samples;
}

export const legacyCollector: Collector<LegacyToken> = {
  name: 'legacy',
  main: true,
  switchedBy: 'COPILOT_API=legacy-metrics',
  needs: 'classic tokens: manage_billing:copilot, read:org (organizations and teams) or read:enterprise (enterprises); the "Copilot Metrics API access" policy enabled',
  definitions: LEGACY_DEFINITIONS,
  enabled: (config) => config.api === 'legacy-metrics',
  appliesTo: () => true,
  refreshIntervalMs: () => undefined,
  endpoints: (target) => [{ endpoint: legacyMetrics(target), query: { per_page: '1' } }],

  async collect(deps, target, previous) {
    const days = await fetchLegacyDays(deps.client, target);
    const latest = days.reduce<Day | undefined>((best, day) => (!best || day.date >= best.date ? day : best), undefined);
    // No day at all (a new or tiny target): nothing to export, and nothing old kept.
    if (!latest) return { token: { day: '', digest: '' }, samples: [] };
    const token = { day: latest.date, digest: createHash('sha256').update(JSON.stringify(latest)).digest('hex').slice(0, 16) };
    if (token.day === previous?.day && token.digest === previous.digest) return 'unchanged';
    const pastDays = days.filter((day) => day !== latest).map((day) => ({ day: day.date, samples: () => mapDay(target, day) }));
    return { token, samples: mapDay(target, latest), day: latest.date, pastDays };
  },
};

/** Past days of a target in one ranged request (all pages); days GitHub does not return have no report. */
export function legacyHistory(client: GitHubClient): HistoryReader {
  return {
    async fetchHistory(target: Target, days: readonly string[], _concurrency: number, onDay: (day: string, result: DayResult) => void): Promise<void> {
      if (days.length === 0) return;
      const wanted = [...days].sort();
      let returned: Day[];
      try {
        returned = await fetchLegacyDays(client, target, { since: `${wanted[0]}T00:00:00Z`, until: `${wanted.at(-1)}T23:59:59Z` });
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
          onDay(date, mapDay(target, day));
        } catch (error) {
          onDay(date, asExporterError(error));
        }
      }
    },
  };
}
