/**
 * AI credit billing usage of the fake GitHub (`GET /organizations/{org}/settings/billing/ai_credit/usage`,
 * `/enterprises/{enterprise}/…`), in the shape of docs/github-usage-fields.md: `{timePeriod,
 * enterprise | organization, usageItems[]}`. GitHub documents the shape but not the product, SKU, model and
 * unit names; the ones below are assumptions, modelled on its premium request example (product "Copilot",
 * model "GPT-5", display names). 1 AI credit is USD 0.01.
 *
 * Each line's daily credits are a seeded function of the entity, the line and the day; a month's answer
 * sums its days up to today (later days are not billed yet). The first line of every answer is listed
 * twice, split in two, because nothing promises that GitHub lists a product, SKU and model once: the
 * exporter must add them up.
 */
import { daysBetween } from '../../src/days.js';
import { randomInt, seededRandom } from './random.js';
import type { EntityProfile } from './entity-profile.js';

type Row = Record<string, unknown>;

export interface AiCreditLine {
  product: string;
  sku: string;
  model: string;
}

/** Assumed names: GitHub documents none for AI credits. */
export const AI_CREDIT_LINES: readonly AiCreditLine[] = [
  { product: 'Copilot', sku: 'Copilot AI Credits', model: 'Claude Sonnet 4.5' },
  { product: 'Copilot', sku: 'Copilot AI Credits', model: 'GPT-5' },
  { product: 'Copilot', sku: 'Copilot AI Credits', model: 'Gemini 2.5 Pro' },
  { product: 'Copilot', sku: 'Copilot Code Review AI Credits', model: 'GPT-5 mini' },
  { product: 'Copilot cloud agent', sku: 'Copilot Cloud Agent AI Credits', model: 'Claude Sonnet 4.5' },
  { product: 'Copilot cloud agent', sku: 'Copilot Cloud Agent AI Credits', model: 'GPT-5' },
  { product: 'Spark', sku: 'Spark AI Credits', model: 'Claude Sonnet 4.5' },
];

/** Assumed unitType of AI credits. */
export const AI_CREDIT_UNIT = 'ai-credits';

/** 1 credit = USD 0.01; dividing (rather than multiplying by 0.01) keeps the amounts exact decimals in JSON. */
const usd = (credits: number) => credits / 100;

/** The `year`, `month` and optional `day` query of a request. */
export interface AiCreditQuery {
  year: number;
  month: number;
  day?: number;
}

/** The credits one line used on one day, and the part of them the plan includes (the discount). */
function lineDay(entity: EntityProfile, line: number, day: string): { gross: number; discount: number } {
  const random = seededRandom('ai-credits', entity.kind, entity.slug, line, day);
  const gross = randomInt(random, 0, entity.seats * 10);
  return { gross, discount: Math.min(gross, randomInt(random, 0, entity.seats * 4)) };
}

function item(line: AiCreditLine, gross: number, discount: number): Row {
  const net = gross - discount;
  return {
    ...line,
    unitType: AI_CREDIT_UNIT,
    pricePerUnit: usd(1),
    grossQuantity: gross,
    grossAmount: usd(gross),
    discountQuantity: discount,
    discountAmount: usd(discount),
    netQuantity: net,
    netAmount: usd(net),
  };
}

/** The days a query covers that are billed by `today` (YYYY-MM-DD): one day, or the month up to today. */
function billedDays(query: AiCreditQuery, today: string): string[] {
  const pad = (value: number) => String(value).padStart(2, '0');
  const month = `${query.year}-${pad(query.month)}`;
  const lastOfMonth = new Date(Date.UTC(query.year, query.month, 0)).toISOString().slice(0, 10);
  const days = query.day === undefined ? daysBetween(`${month}-01`, lastOfMonth) : [`${month}-${pad(query.day)}`];
  return days.filter((day) => day <= today);
}

/** The answer GitHub would give for this entity and query on `today`. */
export function aiCreditUsage(entity: EntityProfile, query: AiCreditQuery, today: string): Row {
  const days = billedDays(query, today);
  const usageItems = AI_CREDIT_LINES.flatMap((line, index) => {
    const used = days.map((day) => lineDay(entity, index, day));
    const gross = used.reduce((sum, day) => sum + day.gross, 0);
    const discount = used.reduce((sum, day) => sum + day.discount, 0);
    if (gross === 0) return [];
    if (index > 0) return [item(line, gross, discount)];
    const half = Math.floor(gross / 2);
    const halfDiscount = Math.min(half, Math.floor(discount / 2));
    return [item(line, half, halfDiscount), item(line, gross - half, discount - halfDiscount)];
  });
  return {
    timePeriod: query,
    [entity.kind === 'enterprise' ? 'enterprise' : 'organization']: entity.slug,
    usageItems,
  };
}

/** A request's `year`, `month` and `day`, GitHub's defaults being the current year and month; undefined when one is not a valid value (GitHub: 400). */
export function aiCreditQuery(params: URLSearchParams, today: string): AiCreditQuery | undefined {
  const number = (name: string, fallback?: number) => {
    const text = params.get(name);
    return text === null ? fallback : /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  };
  const year = number('year', Number(today.slice(0, 4))) as number;
  const month = number('month', Number(today.slice(5, 7))) as number;
  const day = number('day');
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!(year >= 2000 && month >= 1 && month <= 12 && (day === undefined || (day >= 1 && day <= daysInMonth)))) return undefined;
  return day === undefined ? { year, month } : { year, month, day };
}

/**
 * The classic scopes the usage URL takes: `manage_billing:enterprise` for enterprises (documented);
 * `admin:org` for organizations is an assumption (GitHub documents the fine-grained "Administration" permission only).
 */
export function aiCreditScopes(kind: EntityProfile['kind']): string[] {
  return kind === 'enterprise' ? ['manage_billing:enterprise'] : ['admin:org'];
}

/** The path of the usage URL, with its owner (`enterprises` or `organizations`) and slug. */
export const AI_CREDIT_PATH = /^\/(enterprises|organizations)\/([^/]+)\/settings\/billing\/ai_credit\/usage$/;
