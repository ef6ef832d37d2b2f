/**
 * The GitHub REST client: one got instance with GitHub's headers, a retry loop that follows GitHub's
 * rate-limit rules, and conditional requests with ETags.
 *
 * got's own retry is switched off on purpose: GitHub's secondary rate limit answers 403 (which got
 * would not retry, or would retry blindly), the wait must be shared by every request of the process
 * (one rate-limited answer pauses them all), and tests need an injectable clock.
 */
import got, { type Got, RequestError } from 'got';
import { ExporterError } from '../errors.js';
import type { Logger } from '../log.js';
import { USER_AGENT } from '../version.js';
import type { Credentials } from './credentials.js';
import type { Endpoint } from './endpoints.js';
import type { OutboundHttp } from './http-agents.js';
import { type Headers, type RateLimitInfo, isRateLimited, rateLimitDelayMs, readRateLimit, retryDelayMs } from './rate-limit.js';
import { classifyRequestError, describeHttpFailure } from './http-errors.js';

/** GitHub's current REST API version (docs.github.com/rest/about-the-rest-api/api-versions). */
export const GITHUB_API_VERSION = '2026-03-10';

export interface ClientObserver {
  /** One GitHub request ended: `code` is the HTTP status, or `timeout` / `network` without an answer. */
  onRequest(endpoint: string, code: string): void;
  onRateLimit(info: RateLimitInfo): void;
}

export interface RetryPolicy {
  /** Further attempts after a 5xx answer or a network error. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** A rate-limit wait longer than this fails the request (`rate_limited`) instead of sleeping through it. */
  maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 1000, capMs: 30_000, maxRateLimitWaitMs: 120_000 };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface GitHubClientOptions {
  apiUrl: string;
  /** The credential to send now (a token file may have been rotated; an App has one per installation). */
  credentials: Credentials;
  timeoutMs: number;
  logger: Logger;
  observer?: ClientObserver;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** got's agents (a proxy's, see http-agents.ts); Node's global agents when undefined. */
  agents?: OutboundHttp['agents'];
}

export interface ApiResponse {
  status: 200 | 204;
  /** Parsed JSON body (undefined for 204). */
  body: unknown;
  /** True when GitHub answered 304 and the body is the cached copy of the last 200. */
  notModified: boolean;
  /** Query parameters of the next page, when the `Link` header has `rel="next"`. */
  next?: Record<string, string>;
}

interface CachedBody {
  etag: string;
  body: unknown;
  next?: Record<string, string>;
}

export class GitHubClient {
  private readonly http: Got;
  private readonly etags = new Map<string, CachedBody>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;
  /** Set by a rate-limited answer: no request leaves before this instant. */
  private pausedUntil = 0;
  private consecutiveRateLimits = 0;

  constructor(private readonly options: GitHubClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.http = got.extend({
      prefixUrl: options.apiUrl,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': GITHUB_API_VERSION,
        'user-agent': USER_AGENT,
      },
      timeout: { request: options.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      responseType: 'text',
      // got drops the Authorization header itself when a redirect leaves the API host.
      followRedirect: true,
      ...(options.agents ? { agent: options.agents } : {}),
    });
  }

  /** GET a JSON endpoint, with retries, rate-limit waits and a conditional request when an ETag is known. */
  async getJson(endpoint: Endpoint, searchParams: Record<string, string> = {}, options: { fresh?: boolean } = {}): Promise<ApiResponse> {
    const query = new URLSearchParams(searchParams).toString();
    const relative = endpoint.path.replace(/^\//, '') + (query ? `?${query}` : '');
    const request = `GET ${this.options.apiUrl}${endpoint.path}${query ? `?${query}` : ''}`;
    // `fresh` asks without the ETag: a cached body may hold signed links that have expired.
    const cached = options.fresh ? undefined : this.etags.get(relative);

    let transientRetries = 0;
    let rateLimitRetries = 0;
    let refreshed = false;
    for (;;) {
      await this.waitForRateLimit(endpoint, request);
      const token = await this.options.credentials.token(endpoint.owner);
      const started = this.clock.now();
      let response;
      try {
        response = await this.http.get(relative, {
          headers: {
            authorization: `Bearer ${token}`,
            ...(cached ? { 'if-none-match': cached.etag } : {}),
          },
        });
      } catch (error) {
        const failure = classifyRequestError(error, endpoint.template, request);
        this.options.observer?.onRequest(endpoint.template, failure.reason);
        this.log(endpoint, request, failure.reason, started);
        if (transientRetries < this.retry.attempts && error instanceof RequestError) {
          await this.backoff(transientRetries++);
          continue;
        }
        throw failure;
      }

      const status = response.statusCode;
      const headers = response.headers as Headers;
      this.options.observer?.onRequest(endpoint.template, String(status));
      this.log(endpoint, request, String(status), started);
      const budget = readRateLimit(headers);
      if (budget) this.options.observer?.onRateLimit(budget);

      if (isRateLimited(status, headers, response.body)) {
        const delay = rateLimitDelayMs(headers, this.consecutiveRateLimits, this.clock.now(), this.random);
        this.consecutiveRateLimits += 1;
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + delay);
        if (rateLimitRetries++ < this.retry.attempts) continue; // waitForRateLimit sleeps or gives up
        throw rateLimitedError(endpoint, request, this.pausedUntil);
      }
      this.consecutiveRateLimits = 0;

      if (status === 304 && cached) return { status: 200, body: cached.body, notModified: true, ...(cached.next ? { next: cached.next } : {}) };
      if (status === 204) return { status: 204, body: undefined, notModified: false };
      if (status === 200) {
        const body = parseJson(response.body, endpoint, request);
        const next = nextPage(headers.link, `${this.options.apiUrl}${endpoint.path}`, endpoint, request);
        const etag = headers.etag;
        if (typeof etag === 'string') this.etags.set(relative, { etag, body, ...(next ? { next } : {}) });
        return { status: 200, body, notModified: false, ...(next ? { next } : {}) };
      }
      // A 401 may be an installation token that expired early: get a fresh one, once, then give up.
      if (status === 401 && !refreshed && this.options.credentials.refresh) {
        refreshed = true;
        await this.options.credentials.refresh(endpoint.owner);
        continue;
      }
      if (status >= 500 && transientRetries < this.retry.attempts) {
        await this.backoff(transientRetries++);
        continue;
      }
      throw describeHttpFailure({ status, headers, body: response.body, endpoint: endpoint.template, request });
    }
  }

  private async waitForRateLimit(endpoint: Endpoint, request: string): Promise<void> {
    const wait = this.pausedUntil - this.clock.now();
    if (wait <= 0) return;
    if (wait > this.retry.maxRateLimitWaitMs) throw rateLimitedError(endpoint, request, this.pausedUntil);
    this.options.logger.warn({ endpoint: endpoint.template, waitMs: Math.round(wait) }, 'rate limited by GitHub; waiting');
    await this.clock.sleep(wait);
  }

  private backoff(retry: number): Promise<void> {
    return this.clock.sleep(retryDelayMs(retry, this.retry.baseMs, this.retry.capMs, this.random));
  }

  private log(endpoint: Endpoint, request: string, code: string, started: number): void {
    this.options.logger.debug(
      { endpoint: endpoint.template, request, code, durationMs: this.clock.now() - started },
      'github request',
    );
  }
}

function rateLimitedError(endpoint: Endpoint, request: string, pausedUntil: number): ExporterError {
  return new ExporterError('GITHUB_RATE_LIMITED', `GitHub's rate limit is exhausted (${request}).`, {
    endpoint: endpoint.template,
    hint:
      `Requests pause until ${new Date(pausedUntil).toISOString()}; the last good values stay exposed. ` +
      'Poll less often (REFRESH_INTERVAL) or use a GitHub App for a larger budget.',
  });
}

/**
 * The query of the `rel="next"` link (docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 * The link must stay on the same endpoint: the token is only ever sent to the API.
 */
function nextPage(link: unknown, expectedUrl: string, endpoint: Endpoint, request: string): Record<string, string> | undefined {
  if (typeof link !== 'string') return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!match) return undefined;
  const next = new URL(match[1] as string);
  const expected = new URL(expectedUrl);
  if (next.origin !== expected.origin || next.pathname !== expected.pathname) {
    throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub's Link header points away from the endpoint (${request}).`, {
      endpoint: endpoint.template,
      hint: 'The next page was not requested, so the token stays with the API.',
    });
  }
  return Object.fromEntries(next.searchParams);
}

function parseJson(text: string, endpoint: Endpoint, request: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub answered 200 with a body that is not JSON (${request}).`, {
      status: 200,
      endpoint: endpoint.template,
      hint: 'Check that GITHUB_API_URL points at the GitHub REST API (for GHE.com: https://api.SUBDOMAIN.ghe.com).',
    });
  }
}
