/**
 * The values of GitHub's answers as every mapper reads them: a row is a JSON object, and a number is
 * exported only when it is what the field must be. One rule and one problem message for all reports,
 * so that the same wrong value is reported in the same words whichever report it came in:
 * `<where> is <value>, expected <what the field must be>`.
 */

/** A JSON object of an answer or report file (a report row, a section, an array entry). */
export type Row = Record<string, unknown>;

export function isObject(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a number of a report must be, in the words of the problem message:
 * - a count (of users, seats, prompts, suggestions, lines, sessions, requests, tokens, pull requests…)
 *   is a non-negative integer where GitHub documents an integer;
 * - averages, medians, minutes, AI credits used, and fields GitHub documents no type for are
 *   non-negative numbers;
 * - billing figures may be negative (a correction), so they only need to be numbers.
 * JSON cannot hold NaN or Infinity, but a value computed from a report can: neither is ever valid.
 */
export type Expected = 'a non-negative integer' | 'a non-negative number' | 'a number';

export function isExpected(value: unknown, expected: Expected): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (expected === 'a number') return true;
  return value >= 0 && (expected === 'a non-negative number' || Number.isInteger(value));
}

/**
 * Whether a field the exporter knows from the usage-metrics reports (§4a) or `repos-1-day` (§4e) holds
 * a count: docs/github-usage-fields.md lists counts of users, prompts, suggestions, lines, sessions,
 * requests, tokens and pull requests, and, as the names say, averages, medians and percentiles (`avg_…`,
 * `median_…`, `p90_…`); `ai_credits_used` is an amount of credits. A field the exporter does not know has no
 * documented type, so it only has to be a non-negative number (docs/contract.md §4a rule 5).
 */
export function expectedOfUsageField(field: string, known: boolean): Expected {
  if (!known || /^(avg|median|p\d+)_/.test(field) || field === 'ai_credits_used') return 'a non-negative number';
  return 'a non-negative integer';
}

const SHOWN_LENGTH = 60;

/** A wrong value as the message shows it: its JSON text (shortened), NaN and Infinity by name, `missing` for undefined. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number') return String(value);
  const text = JSON.stringify(value);
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH - 1)}…` : text;
}

/** The problem message for a value at `where` that is not `expected` (a number as above, or for instance `a string`). */
export function valueProblem(where: string, value: unknown, expected: string): string {
  return `${where} is ${describeValue(value)}, expected ${expected}`;
}
