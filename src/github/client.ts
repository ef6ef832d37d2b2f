/**
 * The GitHub REST client: one got instance with GitHub's headers, and `getJson`, which composes the
 * steps of a request, each in its own module in the manner of octokit's plugins: the rate-limit gate
 * (rate-limit-gate.ts), conditional requests (etag-cache.ts), retries (retry-policy.ts), the credential
 * refresh after a 401 (credential-refresh.ts) and the Link header of the next page (paginate.ts).
 *
 * got's own retry is switched off on purpose: GitHub's secondary rate limit answers 403 (which got
 * would not retry, or would retry blindly), the wait must be shared by every request of the process
 * (one rate-limited answer pauses them all), and tests need an injectable clock.
 */
import got, { type Got } from 'got';
import { type Clock, systemClock } from '../clock.js';
import { ExporterError } from '../errors.js';
import type { Logger } from '../log.js';
import { USER_AGENT } from '../version.js';
import { GITHUB_API_VERSION } from './api-version.js';
import type { ClientObserver } from './client-observer.js';
import { refreshOnceAfter401 } from './credential-refresh.js';
import type { Credentials } from './credentials.js';
import type { Endpoint } from './endpoints.js';
import { type CachedAnswer, EtagCache, conditionalHeaders } from './etag-cache.js';
import type { OutboundHttp } from './http-agents.js';
import { classifyRequestError, describeHttpFailure } from './http-errors.js';
import { nextPageQuery } from './paginate.js';
import { RateLimitGate } from './rate-limit-gate.js';
import { type Headers, readRateLimit } from './rate-limit.js';
import { DEFAULT_RETRY, RetryBudget, type RetryPolicy, isRetryableError, isRetryableStatus } from './retry-policy.js';

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

/** One attempt's outcome: GitHub's answer, or the failure of a request that got none. */
type Attempt = { status: number; headers: Headers; body: string } | { failure: ExporterError; retryable: boolean };

export class GitHubClient {
  private readonly http: Got;
  private readonly etags = new EtagCache();
  private readonly gate: RateLimitGate;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: GitHubClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.gate = new RateLimitGate({ clock: this.clock, random: this.random, maxWaitMs: this.retry.maxRateLimitWaitMs, logger: options.logger });
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
    const transientRetries = new RetryBudget(this.retry, this.clock, this.random);
    const refreshedAfter401 = refreshOnceAfter401(this.options.credentials, endpoint.owner);

    for (let rateLimitRetries = 0; ; ) {
      await this.gate.wait(endpoint, request);
      const attempt = await this.send(endpoint, relative, request, cached);
      if ('failure' in attempt) {
        if (attempt.retryable && (await transientRetries.another())) continue;
        throw attempt.failure;
      }
      const { status, headers, body } = attempt;
      if (this.gate.limited(status, headers, body)) {
        if (rateLimitRetries++ < this.retry.attempts) continue; // the gate sleeps or gives up before the next attempt
        throw this.gate.exhausted(endpoint, request);
      }
      if (status === 304 && cached) return { status: 200, body: parseJson(cached.text, endpoint, request), notModified: true, ...(cached.next ? { next: cached.next } : {}) };
      if (status === 204) return { status: 204, body: undefined, notModified: false };
      if (status === 200) return this.accept(endpoint, relative, request, body, headers);
      if (await refreshedAfter401(status)) continue;
      if (isRetryableStatus(status) && (await transientRetries.another())) continue;
      throw describeHttpFailure({ status, headers, body, endpoint: endpoint.template, request });
    }
  }

  /** One request with the credential of now, counted and logged whether or not GitHub answered. */
  private async send(endpoint: Endpoint, relative: string, request: string, cached: CachedAnswer | undefined): Promise<Attempt> {
    const token = await this.options.credentials.token(endpoint.owner);
    const started = this.clock.now();
    let response;
    try {
      response = await this.http.get(relative, { headers: { authorization: `Bearer ${token}`, ...conditionalHeaders(cached) } });
    } catch (error) {
      const failure = classifyRequestError(error, endpoint.template, request);
      this.record(endpoint, request, failure.reason, started);
      return { failure, retryable: isRetryableError(error) };
    }
    const headers = response.headers as Headers;
    this.record(endpoint, request, String(response.statusCode), started);
    const budget = readRateLimit(headers);
    if (budget) this.options.observer?.onRateLimit(budget);
    return { status: response.statusCode, headers, body: response.body };
  }

  /** A 200: its JSON and next page, kept for the next conditional request when it has an ETag. */
  private accept(endpoint: Endpoint, relative: string, request: string, text: string, headers: Headers): ApiResponse {
    const body = parseJson(text, endpoint, request);
    const next = nextPageQuery(headers.link, `${this.options.apiUrl}${endpoint.path}`, endpoint, request);
    this.etags.remember(relative, headers.etag, text, next);
    return { status: 200, body, notModified: false, ...(next ? { next } : {}) };
  }

  private record(endpoint: Endpoint, request: string, code: string, started: number): void {
    this.options.observer?.onRequest(endpoint.template, code);
    this.options.logger.debug(
      { endpoint: endpoint.template, request, code, durationMs: this.clock.now() - started },
      'github request',
    );
  }
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
