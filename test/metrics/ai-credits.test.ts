/**
 * The AI credit usage mapper's value check (docs/contract.md §4f): quantities and amounts are any finite
 * number, fractions and negative billing corrections included; anything else is reported in the one
 * message format of report-values.ts, and the caller rejects the answer.
 */
import { describe, expect, it } from 'vitest';
import { type AiCreditQuestion, mapAiCreditUsage } from '../../src/metrics/map/ai-credits.js';
import { valuesOf } from '../helpers/exposition.js';

const scope = { org: 'octo' };
const question: AiCreditQuestion = { period: 'day', query: { year: '2026', month: '11', day: '19' } };
const item = (extra: Record<string, unknown>) => ({ product: 'Copilot', sku: 'Copilot AI Credits', model: 'GPT-5', unitType: 'ai-credits', ...extra });
const answer = (...usageItems: unknown[]) => ({ timePeriod: { year: 2026, month: 11, day: 19 }, usageItems });

describe('mapAiCreditUsage values', () => {
  it('exports fractions and negative values (a billing correction) as they are', () => {
    const { samples, problems } = mapAiCreditUsage(answer(item({ grossQuantity: 12.5, netAmount: -0.37 })), scope, question);
    expect(problems).toEqual([]);
    expect(valuesOf(samples)).toEqual({
      'github_copilot_ai_credits_gross_quantity{"org":"octo","product":"Copilot","sku":"Copilot AI Credits","model":"GPT-5","period":"day","unit_type":"ai-credits"}': 12.5,
      'github_copilot_ai_credits_net_amount_usd{"org":"octo","product":"Copilot","sku":"Copilot AI Credits","model":"GPT-5","period":"day"}': -0.37,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['text', { grossQuantity: '1' }, 'usageItems[0].grossQuantity is "1", expected a number'],
    ['"NaN" as text', { netQuantity: 'NaN' }, 'usageItems[0].netQuantity is "NaN", expected a number'],
    ['NaN', { grossAmount: Number.NaN }, 'usageItems[0].grossAmount is NaN, expected a number'],
    ['Infinity', { discountAmount: Number.NEGATIVE_INFINITY }, 'usageItems[0].discountAmount is -Infinity, expected a number'],
    ['a boolean', { discountQuantity: false }, 'usageItems[0].discountQuantity is false, expected a number'],
    ['a product that is missing', { product: undefined, grossQuantity: 1 }, 'usageItems[0].product is missing, expected a string'],
    ['a sku that is not text', { sku: 7, grossQuantity: 1 }, 'usageItems[0].sku is 7, expected a string'],
  ])('reports %s, and exports nothing for it', (_case, extra, problem) => {
    const { samples, problems } = mapAiCreditUsage(answer(item(extra)), scope, question);
    expect(problems).toEqual([problem]);
    expect(samples).toEqual([]);
  });
});
