/**
 * The one check of report values (src/metrics/map/report-values.ts): what a number of a report must
 * be, and the one message format every mapper reports a wrong value in.
 */
import { describe, expect, it } from 'vitest';
import { type Expected, describeValue, expectedOfUsageField, isExpected, isObject, valueProblem } from '../../src/metrics/map/report-values.js';

describe('isObject', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    [undefined, false],
    ['{}', false],
    [3, false],
  ])('%j → %s', (value, expected) => {
    expect(isObject(value)).toBe(expected);
  });
});

describe('isExpected', () => {
  const COUNT: Expected = 'a non-negative integer';
  const MEASURE: Expected = 'a non-negative number';
  const SIGNED: Expected = 'a number';
  // value, then whether it is a count, a non-negative number, a number.
  it.each<[string, unknown, boolean, boolean, boolean]>([
    ['zero', 0, true, true, true],
    ['a whole number', 42, true, true, true],
    ['a large whole number', 2 ** 40, true, true, true],
    ['a fraction', 2.5, false, true, true],
    ['a negative whole number', -1, false, false, true],
    ['a negative fraction', -0.25, false, false, true],
    ['NaN', Number.NaN, false, false, false],
    ['Infinity', Number.POSITIVE_INFINITY, false, false, false],
    ['-Infinity', Number.NEGATIVE_INFINITY, false, false, false],
    ['a number as text', '3', false, false, false],
    ['"NaN" as text', 'NaN', false, false, false],
    ['null', null, false, false, false],
    ['missing', undefined, false, false, false],
    ['a boolean', true, false, false, false],
    ['an object', { n: 1 }, false, false, false],
    ['an array', [1], false, false, false],
  ])('%s', (_case, value, count, measure, signed) => {
    expect(isExpected(value, COUNT)).toBe(count);
    expect(isExpected(value, MEASURE)).toBe(measure);
    expect(isExpected(value, SIGNED)).toBe(signed);
  });
});

describe('expectedOfUsageField', () => {
  it.each<[string, boolean, Expected]>([
    ['daily_active_users', true, 'a non-negative integer'],
    ['loc_added_sum', true, 'a non-negative integer'],
    ['session_count', true, 'a non-negative integer'],
    ['output_tokens_sum', true, 'a non-negative integer'],
    ['total_created_by_copilot', true, 'a non-negative integer'],
    ['median_minutes_to_merge', true, 'a non-negative number'],
    ['median_minutes_to_merge_copilot_authored', true, 'a non-negative number'],
    ['avg_tokens_per_request', true, 'a non-negative number'],
    ['avg_pull_requests_review_cycles', true, 'a non-negative number'],
    ['ai_credits_used', true, 'a non-negative number'],
    // Not documented: GitHub may send a fraction in a field it adds later.
    ['total_new_things', false, 'a non-negative number'],
  ])('%s (known: %s) → %s', (field, known, expected) => {
    expect(expectedOfUsageField(field, known)).toBe(expected);
  });
});

describe('the problem message', () => {
  it.each<[unknown, string]>([
    ['ten', '"ten"'],
    ['', '""'],
    [-3, '-3'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [null, 'null'],
    [false, 'false'],
    [undefined, 'missing'],
    [{ n: 1 }, '{"n":1}'],
    [[1, 2], '[1,2]'],
    ['x'.repeat(100), `"${'x'.repeat(58)}…`],
  ])('shows %j as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('is `<where> is <value>, expected <what>`', () => {
    expect(valueProblem('totals_by_ide[].loc_added_sum', -1, 'a non-negative integer')).toBe('totals_by_ide[].loc_added_sum is -1, expected a non-negative integer');
    expect(valueProblem('usageItems[0].netAmount', 'free', 'a number')).toBe('usageItems[0].netAmount is "free", expected a number');
    expect(valueProblem('totals_by_ide[0].ide', undefined, 'a string')).toBe('totals_by_ide[0].ide is missing, expected a string');
  });
});
