/**
 * The ai_credits collector end to end: the real exporter with COPILOT_AI_CREDIT_METRICS=true against the
 * fake GitHub. Every product, SKU and model of the latest complete day and of its month is served, entries
 * GitHub lists twice summed; the organization billed through its enterprise (404) fails its ai_credits
 * collector alone, is retried at every poll, and says to read the enterprise instead; `check` names the
 * billing permission a token lacks.
 */
import { describe, expect, it } from 'vitest';
import { today } from '../../src/days.js';
import { AI_CREDIT_LINES, type AiCreditQuery, aiCreditUsage } from '../fake-github/ai-credits.js';
import { DEFAULT_ENTITIES, type FakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';
import { sampleKey } from '../helpers/exposition.js';

/** acme-data is billed through its enterprise acme: GitHub answers 404 for its own AI credit usage. */
const entities: EntityProfile[] = DEFAULT_ENTITIES.map((entity) => (entity.slug === 'acme-data' ? { ...entity, billedThroughEnterprise: true } : entity));
const entity = (slug: string) => entities.find((candidate) => candidate.slug === slug) as EntityProfile;
const usagePath = (scope: Record<string, string>) =>
  scope.enterprise ? `/enterprises/${scope.enterprise}/settings/billing/ai_credit/usage` : `/organizations/${scope.org}/settings/billing/ai_credit/usage`;

const FIELDS = [
  ['grossQuantity', 'github_copilot_ai_credits_gross_quantity', true],
  ['discountQuantity', 'github_copilot_ai_credits_discount_quantity', true],
  ['netQuantity', 'github_copilot_ai_credits_net_quantity', true],
  ['grossAmount', 'github_copilot_ai_credits_gross_amount_usd', false],
  ['discountAmount', 'github_copilot_ai_credits_discount_amount_usd', false],
  ['netAmount', 'github_copilot_ai_credits_net_amount_usd', false],
] as const;

/** The requests of a target's ai_credits collector the fake answered 200, with their query and the day the fake billed up to. */
function answeredRequests(fake: FakeGitHub, scope: Record<string, string>) {
  return fake.requests
    .filter((request) => request.path.startsWith(`${usagePath(scope)}?`) && request.status === 200)
    .map((request) => {
      const params = new URL(request.path, 'http://fake').searchParams;
      const query: AiCreditQuery = { year: Number(params.get('year')), month: Number(params.get('month')), ...(params.has('day') ? { day: Number(params.get('day')) } : {}) };
      return { query, billedUntil: today(request.at), period: params.has('day') ? 'day' : 'month_to_date' };
    });
}

/** What /metrics must say for one target: the fake's answers, entries with the same labels summed in the order GitHub lists them. */
function expectedSeries(fake: FakeGitHub, slug: string, scope: Record<string, string>): Map<string, number> {
  const expected = new Map<string, number>();
  const asked = answeredRequests(fake, scope);
  for (const { query, billedUntil, period } of asked) {
    for (const item of aiCreditUsage(entity(slug), query, billedUntil).usageItems as Array<Record<string, string | number>>) {
      for (const [field, name, withUnit] of FIELDS) {
        const labels = { ...scope, product: String(item.product), sku: String(item.sku), model: String(item.model), period, ...(withUnit ? { unit_type: String(item.unitType) } : {}) };
        const key = sampleKey(name, labels);
        expected.set(key, (expected.get(key) ?? 0) + Number(item[field]));
      }
    }
  }
  const day = asked.find((request) => request.period === 'day')?.query;
  if (day?.day) expected.set(sampleKey('github_copilot_ai_credits_day_timestamp_seconds', scope), Date.UTC(day.year, day.month - 1, day.day) / 1000);
  return expected;
}

function aiCreditSeries(values: Map<string, number>, scope: Record<string, string>): Map<string, number> {
  const [label, value] = Object.entries(scope)[0] as [string, string];
  return new Map([...values].filter(([key]) => key.startsWith('github_copilot_ai_credits_') && key.includes(`"${label}":"${value}"`)));
}

const success = (values: Map<string, number>, scope: Record<string, string>, collector: string) => values.get(sampleKey('github_copilot_exporter_collector_success', { ...scope, collector }));
const polls = (stdout: string[]) => stdout.filter((line) => line.includes('"msg":"poll complete"')).length;

describe('the ai_credits collector, end to end', () => {
  it('serves every product, SKU and model of the day and the month to date; the organization billed through its enterprise fails alone', async () => {
    const fake = await fakeGitHubForTest({ entities });
    const exporter = await exporterForTest({
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_ENTERPRISES: 'acme',
      COPILOT_ORGS: 'acme-web,acme-data',
      COPILOT_AI_CREDIT_METRICS: 'true',
      COPILOT_TEAM_METRICS: 'false',
      COPILOT_SEAT_METRICS: 'false',
      REFRESH_INTERVAL: '1',
      LOG_LEVEL: 'debug',
    });
    await waitFor('four polls', async () => (polls(exporter.stdout) >= 4 ? true : undefined), 20_000);
    const values = await scrapeValues(exporter.url);

    for (const [slug, scope] of [
      ['acme', { enterprise: 'acme' }],
      ['acme-web', { org: 'acme-web' }],
    ] as const) {
      expect(success(values, scope, 'ai_credits'), slug).toBe(1);
      // Read once, at the first poll: the next read is AI_CREDITS_REFRESH_INTERVAL (3 h) later, whatever REFRESH_INTERVAL says.
      expect(answeredRequests(fake, scope).map((request) => request.period), slug).toEqual(['day', 'month_to_date']);
      const served = aiCreditSeries(values, scope);
      expect(served, slug).toEqual(expectedSeries(fake, slug, scope));
      for (const period of ['day', 'month_to_date']) {
        for (const line of AI_CREDIT_LINES) {
          expect(served.has(sampleKey('github_copilot_ai_credits_net_amount_usd', { ...scope, ...line, period })), `${slug} ${line.product} ${line.sku} ${line.model} ${period}`).toBe(true);
        }
      }
    }

    const billedByEnterprise = { org: 'acme-data' };
    expect(success(values, billedByEnterprise, 'ai_credits')).toBe(0);
    expect(values.get(sampleKey('github_copilot_exporter_poll_errors_total', { ...billedByEnterprise, collector: 'ai_credits', reason: 'not_found' }))).toBeGreaterThanOrEqual(3);
    expect(aiCreditSeries(values, billedByEnterprise)).toEqual(new Map());
    // Its usage values and target_up are untouched.
    expect(success(values, billedByEnterprise, 'usage')).toBe(1);
    expect(values.get(sampleKey('github_copilot_exporter_target_up', billedByEnterprise))).toBe(1);
    expect(values.get(sampleKey('github_copilot_daily_active_users', billedByEnterprise))).toBeGreaterThan(0);
    // A failed attempt is retried at every poll.
    const refused = fake.requests.filter((request) => request.path.startsWith(`${usagePath(billedByEnterprise)}?`) && request.status === 404);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    // Logged once, saying to read the enterprise instead.
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"') && line.includes('"collector":"ai_credits"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('An organization billed through its enterprise answers 404 here');
    expect(warnings[0]).toContain('COPILOT_ENTERPRISES');
    expect(warnings[0]).toContain('COPILOT_AI_CREDIT_METRICS=false');
  });

  it('check says which billing permission a token lacks, and that only the AI credit series are missing', async () => {
    // A classic token fit for the usage reports, without manage_billing:enterprise or admin:org.
    const fake = await fakeGitHubForTest({ entities, tokenScopes: ['read:org', 'read:enterprise', 'manage_billing:copilot'] });
    const { code, stdout } = await runCli(['check'], {
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_ENTERPRISES: 'acme',
      COPILOT_ORGS: 'acme-web',
      COPILOT_AI_CREDIT_METRICS: 'true',
      COPILOT_TEAM_METRICS: 'false',
      COPILOT_SEAT_METRICS: 'false',
    });
    expect(code).toBe(1);
    const row = (target: string, collector: string) => stdout.split('\n').find((line) => line.startsWith(target) && new RegExp(`\\s${collector}\\s`).test(line)) ?? '';
    expect(row('enterprise:acme', 'usage')).toMatch(/\sOK$/);
    const enterprise = row('enterprise:acme', 'ai_credits');
    expect(enterprise).toMatch(/\/enterprises\/acme\/settings\/billing\/ai_credit\/usage\?year=\d{4}&month=\d{1,2}&day=\d{1,2}\s+403 forbidden/);
    expect(enterprise).toContain('The token needs one of these scopes (X-Accepted-OAuth-Scopes): manage_billing:enterprise; it has: read:org, read:enterprise, manage_billing:copilot.');
    expect(enterprise).toContain('without it only its own series are missing (turn it off with COPILOT_AI_CREDIT_METRICS=false)');
    const organization = row('org:acme-web', 'ai_credits');
    expect(organization).toMatch(/\/organizations\/acme-web\/settings\/billing\/ai_credit\/usage\?year=\d{4}&month=\d{1,2}&day=\d{1,2}\s+403 forbidden/);
    expect(organization).toContain('the "Administration" organization permission (read)');
    expect(stdout).not.toContain('"Copilot usage metrics" policy is enabled');
  });

  it('check passes with a token that can read billing: both periods asked', async () => {
    const fake = await fakeGitHubForTest({ entities });
    const { code, stdout } = await runCli(['check'], { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'acme-web', COPILOT_AI_CREDIT_METRICS: 'true' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/org:acme-web\s+ai_credits\s+\/organizations\/acme-web\/settings\/billing\/ai_credit\/usage\?year=\d{4}&month=\d{1,2}&day=\d{1,2} \S+usage\?year=\d{4}&month=\d{1,2}\s+OK/);
  });
});
