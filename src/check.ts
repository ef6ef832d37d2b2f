/**
 * `github-copilot-exporter check`: the first thing to run after installing. It validates the
 * configuration, authenticates, and calls every endpoint each enabled collector would use for each
 * target, once, without retries; each (target, collector) is one row saying what is missing (scope,
 * permission, policy) when it fails. A failing optional collector costs only its own series, and its
 * row says so. When the credential itself is refused (401) for a target's main report, the target's other
 * collectors are not tried: they would only repeat the same refusal.
 */
import { collectorsOf } from './collectors/index.js';
import { type Collector, isRefusal } from './collectors/collector.js';
import type { ExporterConfig } from './config/exporter-config.js';
import { isExporterError, type PollErrorReason } from './errors.js';
import type { GitHubClient } from './github/client.js';
import { DEFAULT_RETRY } from './github/retry-policy.js';
import { GitHubAppCredentials } from './github/app-auth.js';
import { createGitHubAccess } from './github/factory.js';
import { latest28DayReport } from './github/endpoints.js';
import type { Logger } from './log.js';
import { buildTargets, targetKey, type Target } from './targets.js';

export interface CheckRow {
  target: string;
  /** The collector the row is about (or the credential, for a GitHub App's JWT). */
  collector: string;
  endpoint: string;
  /** `not tried`: a check it depends on failed (the usage report's day, or the credential). */
  status: 'ok' | 'failed' | 'not tried';
  result: string;
  /** What to do about a failure (empty when fine). */
  advice: string;
}

/** A check makes each request once: a retry would only delay the answer. */
const CHECK_RETRY = { ...DEFAULT_RETRY, attempts: 0, maxRateLimitWaitMs: 0 };

export async function runCheck(config: ExporterConfig, logger: Logger): Promise<CheckRow[]> {
  const { credentials, client } = await createGitHubAccess(config, { logger, retry: CHECK_RETRY });
  const rows: CheckRow[] = [];

  if (credentials instanceof GitHubAppCredentials) {
    const app = `GitHub App ${config.github.app?.appId}`;
    const endpoint = 'JWT (RS256, private key)';
    try {
      await credentials.appJwt();
      rows.push({ target: app, collector: 'credential', endpoint, status: 'ok', result: 'OK', advice: '' });
    } catch (error) {
      rows.push(failure(app, 'credential', endpoint, error));
    }
  }

  for (const target of buildTargets(config)) {
    // The day the 1-day reports are asked for: the one the entity report ends on, as when polling.
    let day: string | undefined;
    const reportDay = async () => {
      if (day !== undefined || config.api !== 'usage-metrics') return day;
      const latest = await client.getJson(latest28DayReport(target)).catch(() => undefined);
      day = (latest?.body as { report_end_day?: unknown } | undefined)?.report_end_day as string | undefined;
      return day;
    };
    let refused: CheckRow | undefined;
    for (const collector of collectorsOf(config, target)) {
      if (refused) {
        const endpoint = collector.endpoints(target, config).map((use) => use.endpoint.path).join(' ');
        rows.push({ target: targetKey(target), collector: collector.name, endpoint, status: 'not tried', result: 'not tried', advice: `GitHub refused the credential for the ${refused.collector} report (see its row).` });
        continue;
      }
      const { row, reason } = await checkCollector(client, config, target, collector, reportDay);
      if (collector.main && reason === 'unauthorized') refused = row;
      rows.push(row);
    }
  }
  return rows;
}

/** Calls each endpoint of one collector for one target; the row is the first failure (with its reason), or OK. */
async function checkCollector(
  client: GitHubClient,
  config: ExporterConfig,
  target: Target,
  collector: Collector,
  reportDay: () => Promise<string | undefined>,
): Promise<{ row: CheckRow; reason?: PollErrorReason }> {
  const shown: string[] = [];
  let result = 'OK';
  for (const use of collector.endpoints(target, config)) {
    const query = { ...use.query };
    if (use.perDay) {
      const day = await reportDay();
      if (!day) return { row: { target: targetKey(target), collector: collector.name, endpoint: use.endpoint.path, status: 'not tried', result: 'not tried', advice: 'It needs the day of the usage report, which could not be read (see the usage row).' } };
      query.day = day;
    }
    const path = use.endpoint.path + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
    shown.push(path);
    try {
      const response = await client.getJson(use.endpoint, query);
      if (response.status === 204) result = 'OK (204: no report yet)';
    } catch (caught) {
      const error = collector.explainFailure?.(caught, target) ?? caught;
      const row = failure(targetKey(target), collector.name, shown.join(' '), error);
      const refused = isExporterError(error) && isRefusal(error);
      if (refused && !collector.main) row.advice += ` The ${collector.name} collector needs ${collector.needs}; without it only its own series are missing (turn it off with ${collector.switchedBy.split(', ')[0]}=false).`;
      return { row, ...(isExporterError(error) ? { reason: error.reason } : {}) };
    }
  }
  return { row: { target: targetKey(target), collector: collector.name, endpoint: shown.join(' '), status: 'ok', result, advice: '' } };
}

function failure(target: string, collector: string, endpoint: string, error: unknown): CheckRow {
  if (!isExporterError(error)) return { target, collector, endpoint, status: 'failed', result: 'error', advice: String(error) };
  const status = error.details.status ? `${error.details.status} ` : '';
  return { target, collector, endpoint, status: 'failed', result: `${status}${error.reason}`, advice: error.describe() };
}

/** The closing line: failed and not-tried rows counted apart (a row not tried is no failure of its own). */
export function summarizeCheck(rows: readonly CheckRow[]): string {
  const failed = rows.filter((row) => row.status === 'failed').length;
  const notTried = rows.filter((row) => row.status === 'not tried').length;
  if (failed === 0 && notTried === 0) return 'Everything the exporter needs is in place.';
  return `${failed} of ${rows.length} checks failed${notTried > 0 ? `, ${notTried} not tried because of them` : ''}.`;
}

/** The rows as an aligned text table. */
export function formatCheck(rows: readonly CheckRow[]): string {
  const header: CheckRow = { target: 'TARGET', collector: 'COLLECTOR', endpoint: 'ENDPOINT', status: 'ok', result: 'RESULT', advice: 'WHAT TO DO' };
  const all = [header, ...rows];
  const width = (key: 'target' | 'collector' | 'endpoint' | 'result') => Math.max(...all.map((row) => row[key].length));
  const [target, collector, endpoint, result] = [width('target'), width('collector'), width('endpoint'), width('result')];
  return all
    .map((row) => `${row.target.padEnd(target)}  ${row.collector.padEnd(collector)}  ${row.endpoint.padEnd(endpoint)}  ${row.result.padEnd(result)}  ${row.advice}`.trimEnd())
    .join('\n');
}
