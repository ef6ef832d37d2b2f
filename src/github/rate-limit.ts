/**
 * GitHub's rate-limit rules as pure functions.
 *
 * Source: docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api ("Exceeding the rate
 * limit" and "Handle rate limit errors appropriately"): a primary or secondary limit answers 403 or 429.
 * If `retry-after` is present, wait that many seconds; otherwise, if `x-ratelimit-remaining` is 0,
 * wait until `x-ratelimit-reset` (epoch seconds); otherwise wait at least one minute, and longer,
 * exponentially, while it keeps failing.
 */
import { retryAfterMs } from './retry-policy.js';

export type Headers = Record<string, string | string[] | undefined>;

export interface RateLimitInfo {
  /** `x-ratelimit-resource`: `core`, `search`, … */
  resource: string;
  remaining: number;
  resetEpochSeconds: number;
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = header(headers, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** The primary-limit budget a response reports, or undefined when it carries no such headers. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  if (remaining === undefined || reset === undefined) return undefined;
  return { resource: header(headers, 'x-ratelimit-resource') ?? 'core', remaining, resetEpochSeconds: reset };
}

/** 429 always; 403 only with a rate-limit signal (a 403 without one is a permission problem). */
export function isRateLimited(status: number, headers: Headers, body: string): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    header(headers, 'retry-after') !== undefined ||
    numberHeader(headers, 'x-ratelimit-remaining') === 0 ||
    /rate limit/i.test(body)
  );
}

export const MIN_SECONDARY_BACKOFF_MS = 60_000;

/**
 * How long to wait before the next request after a rate-limit answer.
 * `consecutive` counts rate-limit answers in a row (0 for the first), for the exponential fallback.
 */
export function rateLimitDelayMs(headers: Headers, consecutive: number, nowMs: number, random: () => number): number {
  const retryAfter = retryAfterMs(header(headers, 'retry-after'), nowMs);
  if (retryAfter !== undefined) return retryAfter;
  const info = readRateLimit(headers);
  if (info && info.remaining === 0) {
    // One extra second: the reset instant is rounded down to whole seconds.
    return Math.max(0, info.resetEpochSeconds * 1000 - nowMs + 1000);
  }
  const exponential = MIN_SECONDARY_BACKOFF_MS * 2 ** Math.min(consecutive, 5);
  return exponential + random() * MIN_SECONDARY_BACKOFF_MS;
}
