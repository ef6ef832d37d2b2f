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
import { scopeLabels, type Target } from '../targets.js';
import { type Source, type TargetData, summarizeProblems } from './source.js';

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

export class LegacyMetricsSource implements Source {
  constructor(private readonly client: GitHubClient) {}

  /** The days GitHub returns for a target, all pages, `since`/`until` as GitHub takes them. */
  async fetchDays(target: Target, range: { since?: string; until?: string } = {}): Promise<Day[]> {
    const query: Record<string, string> = { per_page: LEGACY_PAGE_SIZE, ...range };
    try {
      const pages = await getAllPages(this.client, legacyMetrics(target), query, (body) => (Array.isArray(body) ? body : undefined));
      return pages.items.filter(isDay);
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

    const { samples, problems } = mapLegacyDay(latest, scopeLabels(target));
    if (problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The Copilot metrics of ${describeTarget(target)} for ${latest.date} are malformed: ${summarizeProblems(problems)}.`, {
        endpoint: legacyMetrics(target).template,
        hint: 'The whole answer was rejected and the last good values stay exposed.',
      });
    }
    return { samples, reportKey, day: latest.date };
  }
}
