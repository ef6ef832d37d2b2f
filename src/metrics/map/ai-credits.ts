/**
 * AI credit billing usage → samples (docs/contract.md §4f). One answer of `…/settings/billing/ai_credit/usage` is
 * one period: each `usageItems[]` entry becomes six series labelled product, sku, model and period
 * (quantities also unit_type), and entries with the same labels are summed, since nothing promises that
 * GitHub lists a product, SKU and model once. Pure: the caller says which period and day it asked for.
 * The ai_credits families are declared here, beside the only code that emits them.
 */
import type { MetricDefinition } from '../definitions.js';
import { type Labels, type Sample, SampleSet } from '../sample.js';
import { type Row, isExpected, isObject, valueProblem } from './report-values.js';

export type AiCreditPeriod = 'day' | 'month_to_date';

function aiCredits(name: string, labels: readonly string[], source: string, help: string): MetricDefinition {
  return { name, help, type: 'gauge', labels, source, api: 'ai-credits' };
}

const QUANTITY_LABELS = ['product', 'sku', 'model', 'period', 'unit_type'];
const AMOUNT_LABELS = ['product', 'sku', 'model', 'period'];
const BY = 'by product, SKU and model, for period day (the latest complete UTC day) or month_to_date (its month as billed so far).';
const DELAY = 'GitHub bills with a delay, so recent values can still grow.';
const UNITS = 'in unit_type units (AI credits since 2026-06-01, when premium requests became AI credits; 1 credit = USD 0.01)';

export const AI_CREDIT_METRICS = {
  grossQuantity: aiCredits('github_copilot_ai_credits_gross_quantity', QUANTITY_LABELS, 'usageItems[].grossQuantity', `Usage before discounts, ${UNITS}, ${BY} ${DELAY}`),
  discountQuantity: aiCredits(
    'github_copilot_ai_credits_discount_quantity',
    QUANTITY_LABELS,
    'usageItems[].discountQuantity',
    `Usage covered by discounts (what the plan includes), ${UNITS}, ${BY} ${DELAY}`,
  ),
  netQuantity: aiCredits('github_copilot_ai_credits_net_quantity', QUANTITY_LABELS, 'usageItems[].netQuantity', `Billed usage (gross minus discounts), ${UNITS}, ${BY} ${DELAY}`),
  grossAmount: aiCredits('github_copilot_ai_credits_gross_amount_usd', AMOUNT_LABELS, 'usageItems[].grossAmount', `Value of the usage before discounts in US dollars, ${BY} ${DELAY}`),
  discountAmount: aiCredits(
    'github_copilot_ai_credits_discount_amount_usd',
    AMOUNT_LABELS,
    'usageItems[].discountAmount',
    `Discounts (what the plan includes) in US dollars, ${BY} ${DELAY}`,
  ),
  netAmount: aiCredits('github_copilot_ai_credits_net_amount_usd', AMOUNT_LABELS, 'usageItems[].netAmount', `Billed amount (gross minus discounts) in US dollars, ${BY} ${DELAY}`),
  day: aiCredits(
    'github_copilot_ai_credits_day_timestamp_seconds',
    [],
    'the day asked for (year, month, day)',
    'The day the period=day AI credit series describe: 00:00 UTC of the latest complete UTC day when they were read (yesterday), as a Unix time. GitHub bills with a delay, so that day can still grow.',
  ),
} satisfies Record<string, MetricDefinition>;

/** Each numeric field of a usage item, its family, and whether its series carry unit_type. */
const FIELDS: ReadonlyArray<readonly [string, MetricDefinition, boolean]> = [
  ['grossQuantity', AI_CREDIT_METRICS.grossQuantity, true],
  ['discountQuantity', AI_CREDIT_METRICS.discountQuantity, true],
  ['netQuantity', AI_CREDIT_METRICS.netQuantity, true],
  ['grossAmount', AI_CREDIT_METRICS.grossAmount, false],
  ['discountAmount', AI_CREDIT_METRICS.discountAmount, false],
  ['netAmount', AI_CREDIT_METRICS.netAmount, false],
];

export interface AiCreditsResult {
  samples: Sample[];
  problems: string[];
}

/** What one answer was asked for: its period, and GitHub's `year`, `month` (and `day`) query values. */
export interface AiCreditQuestion {
  period: AiCreditPeriod;
  query: Readonly<Record<string, string>>;
}

/** `timePeriod` must be the period asked for: an answer for another one would be exported under the wrong label. */
function timePeriodProblems(answer: Row, question: AiCreditQuestion): string[] {
  const { timePeriod } = answer;
  if (timePeriod === undefined) return [];
  if (!isObject(timePeriod)) return ['timePeriod is not an object'];
  return Object.entries(question.query)
    .filter(([key, asked]) => String(timePeriod[key]) !== asked)
    .map(([key, asked]) => `timePeriod.${key} is ${JSON.stringify(timePeriod[key])}, asked for ${asked}`);
}

/** One answer (one period) → its series; a malformed entry is a problem, and the caller rejects the whole answer. */
export function mapAiCreditUsage(answer: unknown, scope: Labels, question: AiCreditQuestion): AiCreditsResult {
  if (!isObject(answer) || !Array.isArray(answer.usageItems)) return { samples: [], problems: ['the answer has no usageItems list'] };
  const problems = timePeriodProblems(answer, question);
  const samples = new SampleSet();
  answer.usageItems.forEach((item: unknown, index) => {
    const where = `usageItems[${index}]`;
    if (!isObject(item)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const labels = itemLabels(item, where, problems);
    if (!labels) return;
    const unitType: Labels = typeof item.unitType === 'string' ? { unit_type: item.unitType } : {};
    for (const [field, family, withUnit] of FIELDS) {
      const value = item[field];
      // An absent field produces no series (docs/contract.md §4a rule 6). Quantities of credits and amounts in USD
      // are fractional, and signs are not checked: GitHub documents none, and a billing correction could be negative.
      if (value === undefined || value === null) continue;
      if (!isExpected(value, 'a number')) problems.push(valueProblem(`${where}.${field}`, value, 'a number'));
      else samples.add(family, { ...scope, ...labels, period: question.period, ...(withUnit ? unitType : {}) }, value);
    }
  });
  return { samples: samples.toArray(), problems };
}

/** product and sku must be text; a model that does not apply (absent or null) leaves its label out. */
function itemLabels(item: Row, where: string, problems: string[]): Record<string, string> | undefined {
  const isText = (key: string, optional = false): boolean => {
    const value = item[key];
    if (typeof value === 'string' || (optional && (value === undefined || value === null))) return true;
    problems.push(valueProblem(`${where}.${key}`, value, 'a string'));
    return false;
  };
  if (![isText('product'), isText('sku'), isText('model', true)].every(Boolean)) return undefined;
  const { product, sku, model } = item as { product: string; sku: string; model?: string | null };
  return { product, sku, ...(typeof model === 'string' ? { model } : {}) };
}

/** github_copilot_ai_credits_day_timestamp_seconds: which day (YYYY-MM-DD) the period=day series describe. */
export function aiCreditsDaySample(day: string, scope: Labels): Sample {
  return { family: AI_CREDIT_METRICS.day, labels: scope, value: Date.parse(`${day}T00:00:00Z`) / 1000 };
}
