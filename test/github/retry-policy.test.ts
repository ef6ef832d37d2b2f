import got, { RequestError } from 'got';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ExporterError } from '../../src/errors.js';
import {
  DEFAULT_RETRY,
  RetryBudget,
  isRetryableError,
  isRetryableStatus,
  retryAfterMs,
  retryDelayMs,
} from '../../src/github/retry-policy.js';
import { FakeClock } from '../helpers/fakes.js';
import { useNock } from '../helpers/nock.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('which failures are retried', () => {
  it('retries 5xx answers, never another status', () => {
    expect([500, 502, 503, 504, 599].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([200, 204, 304, 400, 401, 403, 404, 410, 418, 422, 429].filter(isRetryableStatus)).toEqual([]);
  });

  describe('requests without an answer', () => {
    useNock();
    it('retries a transport failure from got: a reset or refused connection', async () => {
      nock('https://api.github.test').get('/').replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const error = await got('https://api.github.test/', { retry: { limit: 0 } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestError);
      expect(isRetryableError(error)).toBe(true);
    });
  });

  it('does not retry an error that is not the network’s', () => {
    expect(isRetryableError(new ExporterError('GITHUB_UNAUTHORIZED', 'GITHUB_TOKEN_FILE cannot be read'))).toBe(false);
    expect(isRetryableError(new TypeError('a bug'))).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles from the base, capped, with its upper half random', () => {
    const policy = { baseMs: 1000, capMs: 30_000 };
    const at = (random: number) => [0, 1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy.baseMs, policy.capMs, () => random));
    expect(at(0)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(at(0.5)).toEqual([750, 1500, 3000, 6000, 12_000, 22_500, 22_500]);
    expect(at(0.999_999)[6]).toBeLessThan(30_000);
  });
});

describe('Retry-After', () => {
  it('takes delay seconds', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000);
    expect(retryAfterMs('0', NOW)).toBe(0);
    expect(retryAfterMs('1.5', NOW)).toBe(1500);
  });

  it('takes an HTTP date, and a date already past as no wait', () => {
    expect(retryAfterMs('Tue, 24 Nov 2026 12:02:00 GMT', NOW)).toBe(120_000);
    expect(retryAfterMs('Tue, 24 Nov 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('has nothing to say without the header or with a value that is neither', () => {
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    // A blank header is none, not "retry now".
    expect(retryAfterMs('', NOW)).toBeUndefined();
    expect(retryAfterMs('  ', NOW)).toBeUndefined();
  });

  it('reads the first of a repeated header', () => {
    expect(retryAfterMs(['7', '30'], NOW)).toBe(7000);
  });

  it('never asks for a negative wait', () => {
    expect(retryAfterMs('-5', NOW)).toBe(0);
  });
});

describe('RetryBudget', () => {
  it('sleeps the growing backoff before each retry, and stops after the attempts of the policy', async () => {
    const clock = new FakeClock();
    const budget = new RetryBudget({ ...DEFAULT_RETRY, attempts: 3 }, clock, () => 0.5);
    expect([await budget.another(), await budget.another(), await budget.another()]).toEqual([true, true, true]);
    expect(await budget.another()).toBe(false);
    expect(await budget.another()).toBe(false);
    expect(clock.sleeps).toEqual([750, 1500, 3000]);
  });

  it('allows none with attempts 0', async () => {
    const clock = new FakeClock();
    expect(await new RetryBudget({ ...DEFAULT_RETRY, attempts: 0 }, clock, () => 0.5).another()).toBe(false);
    expect(clock.sleeps).toEqual([]);
  });

  it('is per request: a new budget starts over', async () => {
    const clock = new FakeClock();
    const policy = { ...DEFAULT_RETRY, attempts: 1 };
    const first = new RetryBudget(policy, clock, () => 0);
    expect([await first.another(), await first.another()]).toEqual([true, false]);
    expect(await new RetryBudget(policy, clock, () => 0).another()).toBe(true);
    expect(clock.sleeps).toEqual([500, 500]);
  });
});
