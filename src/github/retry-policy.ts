/**
 * Which failed attempts are tried again, and after how long.
 *
 * A request that got no answer (a reset, a refused connection, a timeout) and a 5xx are GitHub's or the
 * network's passing trouble: they are retried with exponential backoff and jitter, a few times. Every
 * other status is GitHub's final word. Rate-limited answers follow GitHub's own rules instead
 * (rate-limit.ts, rate-limit-gate.ts), which honour `Retry-After`.
 */
import { RequestError } from 'got';
import type { Clock } from '../clock.js';

export interface RetryPolicy {
  /** Further attempts after a 5xx answer or a network error. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** A rate-limit wait longer than this fails the request (`rate_limited`) instead of sleeping through it. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 1000, capMs: 30_000, maxRateLimitWaitMs: 120_000 };

/** A 5xx answer: trouble on GitHub's side, which tends to pass. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500;
}

/** A transport failure from got; any other error is not the network's and would fail again. */
export function isRetryableError(error: unknown): boolean {
  return error instanceof RequestError;
}

/** Exponential backoff with jitter for 5xx answers and network errors: base·2^attempt, half of it random. */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * The wait a `Retry-After` value asks for: delay seconds or an HTTP date (RFC 9110 §10.2.3); undefined
 * when there is none or it is neither.
 */
export function retryAfterMs(value: string | string[] | undefined, nowMs: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  // A blank header is no header: Number('') would read it as "retry now".
  if (text === undefined || text.trim() === '') return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

/** The transient retries one request has left; each one first sleeps its backoff. */
export class RetryBudget {
  private used = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  /** Sleeps the next backoff and answers true, or answers false at once when the attempts are spent. */
  async another(): Promise<boolean> {
    if (this.used >= this.policy.attempts) return false;
    await this.clock.sleep(retryDelayMs(this.used, this.policy.baseMs, this.policy.capMs, this.random));
    this.used += 1;
    return true;
  }
}
