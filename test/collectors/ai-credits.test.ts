/**
 * The `ai_credits` collector: AI credit billing usage of organizations and enterprises, for the latest
 * complete UTC day and its month, read every AI_CREDITS_REFRESH_INTERVAL, refusals explained.
 */
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aiCreditQuestions, aiCreditsCollector } from '../../src/collectors/ai-credits.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import type { Target } from '../../src/config/exporter-config.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { valuesOf } from '../helpers/exposition.js';
import { FakeClock } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_aiCreditsTestToken0123456789abcd';
const ORG: Target = { kind: 'org', slug: 'octo' };
const ENTERPRISE: Target = { kind: 'enterprise', slug: 'acme' };
const ORG_USAGE = '/organizations/octo/settings/billing/ai_credit/usage';
const ENTERPRISE_USAGE = '/enterprises/acme/settings/billing/ai_credit/usage';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = { year: '2026', month: '11', day: '19' };
const MONTH = { year: '2026', month: '11' };
const DAY_SECONDS = Date.parse('2026-11-19T00:00:00Z') / 1000;

const deps = (clock = new FakeClock(NOW)) => collectorDeps({ apiUrl: API, token: TOKEN, clock, config: configFrom({ COPILOT_AI_CREDIT_METRICS: 'true' }) });

async function collect(target: Target, shared = deps()) {
  const attempt = await aiCreditsCollector.collect(shared, target, undefined, targetPollContext(shared, target));
  if (attempt === 'unchanged') throw new Error('AI credit usage is never unchanged');
  return { ...attempt, values: valuesOf(attempt.samples) };
}

const usageItem = (product: string, sku: string, model: string | null, credits: number, discount = 0) => ({
  product,
  sku,
  model,
  unitType: 'ai-credits',
  pricePerUnit: 0.01,
  grossQuantity: credits,
  grossAmount: credits / 100,
  discountQuantity: discount,
  discountAmount: discount / 100,
  netQuantity: credits - discount,
  netAmount: (credits - discount) / 100,
});

/** GitHub's answer for a period of an organization. */
const answer = (timePeriod: Record<string, number | string>, usageItems: unknown[]) => ({ timePeriod, organization: 'octo', usageItems });

useNock();

describe('the ai_credits collector', () => {
  afterEach(() => vi.useRealTimers());

  it('is optional, off by default, read every AI_CREDITS_REFRESH_INTERVAL (3 h by default), for organizations and enterprises but not teams', () => {
    expect(aiCreditsCollector).toMatchObject({ name: 'ai_credits', main: false, switchedBy: 'COPILOT_AI_CREDIT_METRICS' });
    expect(aiCreditsCollector.enabled(configFrom())).toBe(false);
    expect(aiCreditsCollector.enabled(configFrom({ COPILOT_AI_CREDIT_METRICS: 'true' }))).toBe(true);
    expect(aiCreditsCollector.refreshIntervalMs(configFrom())).toBe(10_800_000);
    expect(aiCreditsCollector.refreshIntervalMs(configFrom({ AI_CREDITS_REFRESH_INTERVAL: '600' }))).toBe(600_000);
    expect(aiCreditsCollector.appliesTo(ORG)).toBe(true);
    expect(aiCreditsCollector.appliesTo(ENTERPRISE)).toBe(true);
    expect(aiCreditsCollector.appliesTo({ kind: 'org', slug: 'octo', team: 'web' })).toBe(false);
  });

  it.each([
    ['an ordinary day', '2026-11-20T12:00:00Z', '2026-11-19', { year: '2026', month: '11', day: '19' }, { year: '2026', month: '11' }],
    ['just after midnight', '2026-11-20T00:00:00Z', '2026-11-19', { year: '2026', month: '11', day: '19' }, { year: '2026', month: '11' }],
    ['just before midnight', '2026-11-20T23:59:59.999Z', '2026-11-19', { year: '2026', month: '11', day: '19' }, { year: '2026', month: '11' }],
    ['the 1st: the month that just ended', '2026-12-01T08:00:00Z', '2026-11-30', { year: '2026', month: '11', day: '30' }, { year: '2026', month: '11' }],
    ['New Year’s Day: the last year’s December', '2027-01-01T08:00:00Z', '2026-12-31', { year: '2026', month: '12', day: '31' }, { year: '2026', month: '12' }],
    ['the 1st of March in a leap year', '2028-03-01T08:00:00Z', '2028-02-29', { year: '2028', month: '2', day: '29' }, { year: '2028', month: '2' }],
  ])('asks, on %s, for the latest complete UTC day and that day’s month', (_case, now, day, dayQuery, monthQuery) => {
    expect(aiCreditQuestions(Date.parse(now))).toEqual({
      day,
      questions: [
        { period: 'day', query: dayQuery },
        { period: 'month_to_date', query: monthQuery },
      ],
    });
  });

  it.each<[string, Target, string]>([
    ['an organization (under /organizations/, not /orgs/)', ORG, '/organizations/{org}/settings/billing/ai_credit/usage'],
    ['an enterprise', ENTERPRISE, '/enterprises/{enterprise}/settings/billing/ai_credit/usage'],
  ])('gives check the two requests a poll would send now, for %s', (_case, target, template) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const uses = aiCreditsCollector.endpoints(target, configFrom());
    expect(uses.map((use) => [use.endpoint.template, use.query])).toEqual([
      [template, DAY],
      [template, MONTH],
    ]);
    expect(uses[0]?.endpoint.owner).toEqual({ kind: target.kind, slug: target.slug });
  });

  it('maps several products, SKUs and models of both periods, summing entries with the same labels', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get(ORG_USAGE)
      .query(DAY)
      .reply(
        200,
        answer({ year: 2026, month: 11, day: 19 }, [
          usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 100, 40),
          usageItem('Copilot', 'Copilot AI Credits', 'Claude Sonnet 4.5', 30),
          usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 25, 10),
          usageItem('Copilot cloud agent', 'Copilot Cloud Agent AI Credits', 'GPT-5', 7),
        ]),
      )
      .get(ORG_USAGE)
      .query(MONTH)
      .reply(200, answer({ year: 2026, month: 11 }, [usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 900, 400), usageItem('Spark', 'Spark AI Credits', 'Claude Sonnet 4.5', 50)]));
    const { token, day, values } = await collect(ORG);
    expect(token).toEqual({ readAt: NOW });
    expect(day).toBe('2026-11-19');
    const labels = (product: string, sku: string, model: string, period: string) => `"org":"octo","product":"${product}","sku":"${sku}","model":"${model}","period":"${period}"`;
    const gpt5 = labels('Copilot', 'Copilot AI Credits', 'GPT-5', 'day');
    expect(values).toMatchObject({
      [`github_copilot_ai_credits_gross_quantity{${gpt5},"unit_type":"ai-credits"}`]: 125,
      [`github_copilot_ai_credits_discount_quantity{${gpt5},"unit_type":"ai-credits"}`]: 50,
      [`github_copilot_ai_credits_net_quantity{${gpt5},"unit_type":"ai-credits"}`]: 75,
      [`github_copilot_ai_credits_gross_amount_usd{${gpt5}}`]: 1.25,
      [`github_copilot_ai_credits_discount_amount_usd{${gpt5}}`]: 0.5,
      [`github_copilot_ai_credits_net_amount_usd{${gpt5}}`]: 0.75,
      [`github_copilot_ai_credits_gross_quantity{${labels('Copilot', 'Copilot AI Credits', 'Claude Sonnet 4.5', 'day')},"unit_type":"ai-credits"}`]: 30,
      [`github_copilot_ai_credits_net_amount_usd{${labels('Copilot cloud agent', 'Copilot Cloud Agent AI Credits', 'GPT-5', 'day')}}`]: 0.07,
      [`github_copilot_ai_credits_gross_quantity{${labels('Copilot', 'Copilot AI Credits', 'GPT-5', 'month_to_date')},"unit_type":"ai-credits"}`]: 900,
      [`github_copilot_ai_credits_net_quantity{${labels('Spark', 'Spark AI Credits', 'Claude Sonnet 4.5', 'month_to_date')},"unit_type":"ai-credits"}`]: 50,
      'github_copilot_ai_credits_day_timestamp_seconds{"org":"octo"}': DAY_SECONDS,
    });
    // Three label sets for the day, two for the month, six families each, and the day timestamp.
    expect(Object.keys(values)).toHaveLength((3 + 2) * 6 + 1);
  });

  it('reads an enterprise the same way, under /enterprises/', async () => {
    nock(API)
      .get(ENTERPRISE_USAGE)
      .query(DAY)
      .reply(200, { timePeriod: { year: 2026, month: 11, day: 19 }, enterprise: 'acme', usageItems: [usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 3)] })
      .get(ENTERPRISE_USAGE)
      .query(MONTH)
      .reply(200, { timePeriod: { year: 2026, month: 11 }, enterprise: 'acme', usageItems: [] });
    const { values } = await collect(ENTERPRISE);
    expect(values['github_copilot_ai_credits_gross_quantity{"enterprise":"acme","product":"Copilot","sku":"Copilot AI Credits","model":"GPT-5","period":"day","unit_type":"ai-credits"}']).toBe(3);
    expect(values['github_copilot_ai_credits_day_timestamp_seconds{"enterprise":"acme"}']).toBe(DAY_SECONDS);
  });

  it('exports only the day timestamp when nothing was used (an empty usageItems: GitHub documents no 204 for these URLs)', async () => {
    nock(API).get(ORG_USAGE).query(DAY).reply(200, answer({ year: 2026, month: 11, day: 19 }, [])).get(ORG_USAGE).query(MONTH).reply(200, answer({ year: 2026, month: 11 }, []));
    expect((await collect(ORG)).values).toEqual({ 'github_copilot_ai_credits_day_timestamp_seconds{"org":"octo"}': DAY_SECONDS });
  });

  it('leaves out the labels that do not apply: a usage item without model or unitType', async () => {
    const { unitType: _unit, ...withoutUnit } = usageItem('Spark', 'Spark AI Credits', null, 4);
    nock(API).get(ORG_USAGE).query(DAY).reply(200, answer({ year: 2026, month: 11, day: 19 }, [withoutUnit])).get(ORG_USAGE).query(MONTH).reply(200, answer({ year: 2026, month: 11 }, []));
    const { values } = await collect(ORG);
    expect(values['github_copilot_ai_credits_gross_quantity{"org":"octo","product":"Spark","sku":"Spark AI Credits","period":"day"}']).toBe(4);
    expect(values['github_copilot_ai_credits_net_amount_usd{"org":"octo","product":"Spark","sku":"Spark AI Credits","period":"day"}']).toBe(0.04);
  });

  it('reads both periods again whenever asked (the poller keeps the interval), with the time of each read as the token', async () => {
    const clock = new FakeClock(NOW);
    const shared = deps(clock);
    nock(API).get(ORG_USAGE).query(true).times(4).reply(200, (uri) => answer(Object.fromEntries(new URL(uri, API).searchParams), []));
    await collect(ORG, shared);
    clock.time += 3 * 3_600_000;
    expect((await collect(ORG, shared)).token).toEqual({ readAt: NOW + 3 * 3_600_000 });
  });

  it.each([
    ['an answer without usageItems', { timePeriod: { year: 2026, month: 11, day: 19 } }, 'day: the answer has no usageItems list'],
    ['a quantity that is text', answer({ year: 2026, month: 11, day: 19 }, [{ ...usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 1), grossQuantity: '1' }]), 'day: usageItems[0].grossQuantity is "1", expected a number'],
    ['an item without product', answer({ year: 2026, month: 11, day: 19 }, [{ ...usageItem('Copilot', 'Copilot AI Credits', 'GPT-5', 1), product: undefined }]), 'day: usageItems[0].product is missing, expected a string'],
    ['an answer for another day', answer({ year: 2026, month: 11, day: 18 }, []), 'day: timePeriod.day is 18, asked for 19'],
  ])('rejects %s, naming the problem, and keeps nothing of it', async (_case, body, problem) => {
    nock(API).get(ORG_USAGE).query(DAY).reply(200, body).get(ORG_USAGE).query(MONTH).reply(200, answer({ year: 2026, month: 11 }, []));
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`The AI credit usage of organization octo for 2026-11-19 is malformed: ${problem}.`);
  });
});

describe('GitHub refuses', () => {
  it('403 for an organization: names the permission GitHub accepts (X-Accepted-GitHub-Permissions) and the role, not the Copilot metrics policy', async () => {
    nock(API).get(ORG_USAGE).query(DAY).reply(403, { message: 'Resource not accessible by personal access token' }, { 'x-accepted-github-permissions': 'administration=read' });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('forbidden');
    expect(error.details).toMatchObject({ status: 403, endpoint: '/organizations/{org}/settings/billing/ai_credit/usage' });
    expect(error.details.hint).toBe(
      'GitHub names the permission it accepts: X-Accepted-GitHub-Permissions: administration=read. ' +
        'An organization\'s AI credit usage takes an organization owner; fine-grained tokens and GitHub Apps need the "Administration" organization permission (read).',
    );
  });

  it('403 for an enterprise without a header: names the classic scope and the roles', async () => {
    nock(API).get(ENTERPRISE_USAGE).query(DAY).reply(403, { message: 'Must have admin rights' });
    const error = await rejection(collect(ENTERPRISE));
    expect(error.reason).toBe('forbidden');
    expect(error.details.hint).toBe(
      'An enterprise\'s AI credit usage takes an enterprise owner or billing manager with a classic token with manage_billing:enterprise; fine-grained tokens and GitHub Apps cannot read it.',
    );
  });

  it('403 for an enterprise with a classic token: says which scopes GitHub accepts and which the token has', async () => {
    nock(API).get(ENTERPRISE_USAGE).query(DAY).reply(403, { message: 'no' }, { 'x-accepted-oauth-scopes': 'manage_billing:enterprise', 'x-oauth-scopes': 'read:enterprise' });
    expect((await rejection(collect(ENTERPRISE))).describe()).toContain('The token needs one of these scopes (X-Accepted-OAuth-Scopes): manage_billing:enterprise; it has: read:enterprise.');
  });

  it('404 for an organization: says it is billed through its enterprise and to read the enterprise instead', async () => {
    nock(API).get(ORG_USAGE).query(DAY).reply(404, { message: 'Not Found' });
    const error = await rejection(collect(ORG));
    expect(error.reason).toBe('not_found');
    expect(error.describe()).toBe(
      `GitHub answered 404 Not Found (GET ${API}${ORG_USAGE}?year=2026&month=11&day=19). GitHub says: "Not Found". ` +
        "An organization billed through its enterprise answers 404 here: its AI credits are on the enterprise's bill, so read the enterprise instead " +
        '(add it to COPILOT_ENTERPRISES, with a classic token with manage_billing:enterprise of an enterprise owner or billing manager). ' +
        'Otherwise: Check the enterprise slug or organization login, and that the token can see it (GitHub answers 404, not 403, for targets a token may not see).',
    );
  });

  it('404 for an enterprise: the generic explanation, and what enterprise billing takes', async () => {
    nock(API).get(ENTERPRISE_USAGE).query(DAY).reply(404, { message: 'Not Found' });
    const hint = (await rejection(collect(ENTERPRISE))).details.hint;
    expect(hint).toMatch(/^Check the enterprise slug or organization login/);
    expect(hint).toContain('manage_billing:enterprise');
    expect(hint).not.toContain('COPILOT_ENTERPRISES');
  });

  it('for the month after the day: the whole attempt fails', async () => {
    nock(API).get(ORG_USAGE).query(DAY).reply(200, answer({ year: 2026, month: 11, day: 19 }, [])).get(ORG_USAGE).query(MONTH).reply(403, { message: 'no' });
    expect((await rejection(collect(ORG))).reason).toBe('forbidden');
  });
});
