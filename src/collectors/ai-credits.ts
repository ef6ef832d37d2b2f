/**
 * `ai_credits`: AI credit billing usage (docs/contract.md §4f), an optional collector (COPILOT_AI_CREDIT_METRICS,
 * off by default: it needs billing permissions that a metrics token seldom has). For organizations and
 * enterprises, not teams: `GET …/settings/billing/ai_credit/usage` asked twice, for the latest complete
 * UTC day (`year`, `month`, `day`: yesterday) and for that day's month (`year`, `month`). On the 1st of a
 * month both are about the month that just ended: a month to date of the new month would still be empty.
 *
 * GitHub bills with a delay, so the day and the month keep growing after the fact: both are read again
 * every AI_CREDITS_REFRESH_INTERVAL (the token is when they were read), which also bounds what the two
 * requests per target cost against the rate limit. An organization billed through its enterprise has no
 * bill of its own and answers 404; the error says to read the enterprise instead.
 */
import type { Target } from '../config/exporter-config.js';
import { ExporterError, isExporterError } from '../errors.js';
import { systemClock } from '../clock.js';
import { aiCreditUsage, describeTarget } from '../github/endpoints.js';
import { AI_CREDIT_METRICS, type AiCreditQuestion, aiCreditsDaySample, mapAiCreditUsage } from '../metrics/map/ai-credits.js';
import { scopeLabels } from '../targets.js';
import { type Collector, summarizeProblems } from './collector.js';

export interface AiCreditsToken {
  /** When the usage was read (ms since the epoch). */
  readAt: number;
}

const DAY_MS = 86_400_000;

/** The latest complete UTC day at `now` (yesterday, YYYY-MM-DD) and the two questions a read asks GitHub about it. */
export function aiCreditQuestions(now: number): { day: string; questions: AiCreditQuestion[] } {
  const yesterday = new Date(now - DAY_MS);
  const year = String(yesterday.getUTCFullYear());
  const month = String(yesterday.getUTCMonth() + 1);
  return {
    day: yesterday.toISOString().slice(0, 10),
    questions: [
      { period: 'day', query: { year, month, day: String(yesterday.getUTCDate()) } },
      { period: 'month_to_date', query: { year, month } },
    ],
  };
}

const ORG_PERMISSION = 'An organization\'s AI credit usage takes an organization owner; fine-grained tokens and GitHub Apps need the "Administration" organization permission (read).';
const ENTERPRISE_PERMISSION =
  'An enterprise\'s AI credit usage takes an enterprise owner or billing manager with a classic token with manage_billing:enterprise; fine-grained tokens and GitHub Apps cannot read it.';
const BILLED_THROUGH_ENTERPRISE =
  'An organization billed through its enterprise answers 404 here: its AI credits are on the enterprise\'s bill, so read the enterprise instead ' +
  '(add it to COPILOT_ENTERPRISES, with a classic token with manage_billing:enterprise of an enterprise owner or billing manager). Otherwise:';

/**
 * What GitHub's refusals mean for billing usage. The client's generic hints are about the Copilot metrics
 * permissions and policy, which billing does not use: a 403 keeps only what GitHub says it accepts, and a
 * 404 of an organization is first of all an organization billed through its enterprise.
 */
function withBillingHint(error: unknown, target: Target): unknown {
  if (!isExporterError(error)) return error;
  const permission = target.kind === 'org' ? ORG_PERMISSION : ENTERPRISE_PERMISSION;
  if (error.code === 'GITHUB_FORBIDDEN') {
    return new ExporterError(error.code, error.message, { ...error.details, hint: [error.details.accepted, permission].filter(Boolean).join(' ') });
  }
  if (error.code === 'GITHUB_NOT_FOUND' && error.details.status === 404) {
    const hint = target.kind === 'org' ? `${BILLED_THROUGH_ENTERPRISE} ${error.details.hint}` : `${error.details.hint} ${permission}`;
    return new ExporterError(error.code, error.message, { ...error.details, hint });
  }
  return error;
}

export const aiCreditsCollector: Collector<AiCreditsToken> = {
  name: 'ai_credits',
  main: false,
  switchedBy: 'COPILOT_AI_CREDIT_METRICS',
  needs:
    'organizations: a token of an organization owner (fine-grained tokens and GitHub Apps: the "Administration" organization permission, read), for an organization with a bill of its own (one billed through its enterprise answers 404: read the enterprise); enterprises: a classic token with manage_billing:enterprise of an enterprise owner or billing manager (GitHub lets no fine-grained token or App read enterprise billing)',
  definitions: Object.values(AI_CREDIT_METRICS),
  enabled: (config) => config.aiCreditMetrics,
  appliesTo: (target) => target.team === undefined,
  refreshIntervalMs: (config) => config.aiCreditsRefreshIntervalSeconds * 1000,
  // `check` asks what a poll would ask now.
  endpoints: (target) => aiCreditQuestions(systemClock.now()).questions.map(({ query }) => ({ endpoint: aiCreditUsage(target), query: { ...query } })),
  explainFailure: withBillingHint,

  async collect(deps, target) {
    const now = deps.clock.now();
    const { day, questions } = aiCreditQuestions(now);
    const scope = scopeLabels(target);
    const samples = [aiCreditsDaySample(day, scope)];
    const problems: string[] = [];
    for (const question of questions) {
      const answer = await deps.client.getJson(aiCreditUsage(target), { ...question.query }).catch((error: unknown) => {
        throw withBillingHint(error, target);
      });
      const result = mapAiCreditUsage(answer.body, scope, question);
      samples.push(...result.samples);
      problems.push(...result.problems.map((problem) => `${question.period}: ${problem}`));
    }
    if (problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The AI credit usage of ${describeTarget(target)} for ${day} is malformed: ${summarizeProblems(problems)}.`, {
        endpoint: aiCreditUsage(target).template,
        hint: 'The whole answer was rejected and the last good AI credit values stay exposed.',
      });
    }
    return { token: { readAt: now }, samples, day };
  },
};
