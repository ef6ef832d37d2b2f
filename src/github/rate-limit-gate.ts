/**
 * The pause GitHub's rate limits impose, shared by every request of one client: a rate-limited answer
 * (primary or secondary limit, rate-limit.ts) holds back all further requests until the instant GitHub
 * named, as GitHub asks (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api, "Handle
 * rate limit errors appropriately"). A pause longer than the bound fails requests at once instead of
 * sleeping through it: the poll ends, and the last good values stay exposed.
 */
import type { Clock } from '../clock.js';
import { ExporterError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Endpoint } from './endpoints.js';
import { type Headers, isRateLimited, rateLimitDelayMs } from './rate-limit.js';

export interface RateLimitGateOptions {
  clock: Clock;
  random: () => number;
  /** The longest pause a request sleeps through (RetryPolicy.maxRateLimitWaitMs). */
  maxWaitMs: number;
  logger: Logger;
}

export class RateLimitGate {
  /** No request leaves before this instant. */
  private pausedUntil = 0;
  /** Rate-limited answers in a row, for the growing wait when GitHub names none. */
  private consecutive = 0;

  constructor(private readonly options: RateLimitGateOptions) {}

  /** Before a request: sleeps out the pause, or fails as `rate_limited` when it is longer than the bound. */
  async wait(endpoint: Endpoint, request: string): Promise<void> {
    const wait = this.pausedUntil - this.options.clock.now();
    if (wait <= 0) return;
    if (wait > this.options.maxWaitMs) throw this.exhausted(endpoint, request);
    this.options.logger.warn({ endpoint: endpoint.template, waitMs: Math.round(wait) }, 'rate limited by GitHub; waiting');
    await this.options.clock.sleep(wait);
  }

  /** After an answer: true when GitHub said the limit is spent, and then the pause lasts at least as long as GitHub asked. */
  limited(status: number, headers: Headers, body: string): boolean {
    if (!isRateLimited(status, headers, body)) {
      this.consecutive = 0;
      return false;
    }
    const now = this.options.clock.now();
    const delay = rateLimitDelayMs(headers, this.consecutive, now, this.options.random);
    this.consecutive += 1;
    this.pausedUntil = Math.max(this.pausedUntil, now + delay);
    return true;
  }

  /** The error for a request that may not wait for the pause to end. */
  exhausted(endpoint: Endpoint, request: string): ExporterError {
    return new ExporterError('GITHUB_RATE_LIMITED', `GitHub's rate limit is exhausted (${request}).`, {
      endpoint: endpoint.template,
      hint:
        `Requests pause until ${new Date(this.pausedUntil).toISOString()}; the last good values stay exposed. ` +
        'Poll less often (REFRESH_INTERVAL) or use a GitHub App for a larger budget.',
    });
  }
}
