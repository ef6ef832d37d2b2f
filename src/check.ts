/**
 * `github-copilot-exporter check`: the first thing to run after installing. It validates the
 * configuration, authenticates, and calls every endpoint the exporter would use for each target, once,
 * without retries; each result is a row saying what is missing (scope, permission, policy) when it fails.
 */
import type { ExporterConfig } from './config/load-config.js';
import { isExporterError } from './errors.js';
import { DEFAULT_RETRY, GitHubClient } from './github/client.js';
import { GitHubAppCredentials } from './github/app-auth.js';
import { createCredentials } from './github/credentials.js';
import {
  type Endpoint,
  latest28DayReport,
  legacyMetrics,
  orgBilling,
  seatList,
  userTeamsOneDayReport,
  usersOneDayReport,
} from './github/endpoints.js';
import type { Logger } from './log.js';
import { buildTargets, targetKey, type Target } from './targets.js';

export interface CheckRow {
  target: string;
  endpoint: string;
  ok: boolean;
  result: string;
  /** What to do about a failure (empty when fine). */
  advice: string;
}

/** A check makes each request once: a retry would only delay the answer. */
const CHECK_RETRY = { ...DEFAULT_RETRY, attempts: 0, maxRateLimitWaitMs: 0 };

export async function runCheck(config: ExporterConfig, logger: Logger): Promise<CheckRow[]> {
  const credentials = createCredentials(config.github);
  const client = new GitHubClient({ apiUrl: config.github.apiUrl, credentials, timeoutMs: config.github.requestTimeoutMs, logger, retry: CHECK_RETRY });
  const rows: CheckRow[] = [];

  if (credentials instanceof GitHubAppCredentials) {
    const app = `GitHub App ${config.github.app?.appId}`;
    try {
      await credentials.appJwt();
      rows.push({ target: app, endpoint: 'JWT (RS256, private key)', ok: true, result: 'OK', advice: '' });
    } catch (error) {
      rows.push(failure(app, 'JWT (RS256, private key)', error));
    }
  }

  const call = async (target: Target, endpoint: Endpoint, query: Record<string, string> = {}) => {
    const shown = endpoint.path + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
    try {
      const response = await client.getJson(endpoint, query);
      rows.push({ target: targetKey(target), endpoint: shown, ok: true, result: response.status === 204 ? 'OK (204: no report yet)' : 'OK', advice: '' });
      return response.body;
    } catch (error) {
      rows.push(failure(targetKey(target), shown, error));
      return undefined;
    }
  };

  for (const target of buildTargets(config)) {
    if (config.api === 'legacy-metrics') {
      await call(target, legacyMetrics(target), { per_page: '1' });
    } else {
      const latest = (await call(target, latest28DayReport(target))) as { report_end_day?: string } | undefined;
      const day = latest?.report_end_day;
      if (day && config.teamMetrics) await call(target, userTeamsOneDayReport(target), { day });
      if (day && (config.teamMetrics || config.userMetrics)) await call(target, usersOneDayReport(target), { day });
    }
    if (config.seatMetrics && !target.team) {
      if (target.kind === 'org') await call(target, orgBilling(target));
      if (target.kind === 'enterprise' || config.userMetrics) await call(target, seatList(target), { per_page: '1' });
    }
  }
  return rows;
}

function failure(target: string, endpoint: string, error: unknown): CheckRow {
  if (!isExporterError(error)) return { target, endpoint, ok: false, result: 'error', advice: String(error) };
  const status = error.details.status ? `${error.details.status} ` : '';
  return { target, endpoint, ok: false, result: `${status}${error.reason}`, advice: error.describe() };
}

/** The rows as an aligned text table. */
export function formatCheck(rows: readonly CheckRow[]): string {
  const header: CheckRow = { target: 'TARGET', endpoint: 'ENDPOINT', ok: true, result: 'RESULT', advice: 'WHAT TO DO' };
  const all = [header, ...rows];
  const width = (key: 'target' | 'endpoint' | 'result') => Math.max(...all.map((row) => row[key].length));
  const [target, endpoint, result] = [width('target'), width('endpoint'), width('result')];
  return all
    .map((row) => `${row.target.padEnd(target)}  ${row.endpoint.padEnd(endpoint)}  ${row.result.padEnd(result)}  ${row.advice}`.trimEnd())
    .join('\n');
}
