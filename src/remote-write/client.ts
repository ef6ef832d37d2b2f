/**
 * Sends remote write requests to one receiver: POST with the headers remote write 1.0 fixes, the
 * credential and the user's headers, through the configuration's proxy (got with the agents of
 * http-agents.ts). 429, 5xx and requests without an answer are retried with exponential backoff and
 * jitter (a Retry-After is honoured); any other 4xx means the receiver will never take these samples,
 * so it stops at once with the receiver's answer and what to do about it.
 */
import { readFileSync } from 'node:fs';
import got, { type Got, RequestError } from 'got';
import { wakeableSleep } from '../clock.js';
import type { RemoteWriteSettings } from '../config/exporter-config.js';
import type { OutboundHttp } from '../github/http-agents.js';
import { retryAfterMs, retryDelayMs } from '../github/retry-policy.js';
import { USER_AGENT } from '../version.js';
import { readSecret } from './settings.js';
import { type TimeSeries, encodeWriteRequest } from './write-request.js';

/** Why a request failed: the `reason` of github_copilot_exporter_remote_write_failures_total. */
export type RemoteWriteFailure = 'rejected' | 'rate_limited' | 'server_error' | 'network';

export const REMOTE_WRITE_FAILURES: readonly RemoteWriteFailure[] = ['rejected', 'rate_limited', 'server_error', 'network'];

export class RemoteWriteError extends Error {
  override readonly name = 'RemoteWriteError';

  constructor(
    message: string,
    readonly reason: RemoteWriteFailure,
  ) {
    super(message);
  }
}

export interface RetryPolicy {
  /** Attempts per request, the first included (Infinity: until it succeeds, is refused or stop() is called). */
  attempts: number;
  baseMs: number;
  capMs: number;
}

export interface FailedAttempt {
  reason: RemoteWriteFailure;
  message: string;
  attempt: number;
  /** When the request is tried again; undefined when it is given up. */
  retryInMs?: number;
}

export interface RemoteWriteClientOptions {
  settings: RemoteWriteSettings;
  http: OutboundHttp;
  retry: RetryPolicy;
  /** Told of every failed attempt, for logs and the failure counter. */
  onFailure?: (failure: FailedAttempt) => void;
}

/** One request may take this long before it counts as a network failure and is retried. */
const REQUEST_TIMEOUT_MS = 30_000;
/** A receiver's answer is quoted up to this length in messages. */
const ANSWER_CHARS = 300;

type Outcome = { ok: true } | { ok: false; reason: RemoteWriteFailure; message: string; retryable: boolean; retryAfterMs?: number };

export class RemoteWriteClient {
  private readonly got: Got;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: RemoteWriteClientOptions) {
    const { settings, http } = options;
    this.got = got.extend({
      headers: {
        'content-type': 'application/x-protobuf',
        'content-encoding': 'snappy',
        'x-prometheus-remote-write-version': '0.1.0',
        'user-agent': USER_AGENT,
        ...settings.headers,
      },
      timeout: { request: REQUEST_TIMEOUT_MS },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      ...(http.agents ? { agent: http.agents } : {}),
      ...(settings.ca ? { https: { certificateAuthority: settings.ca } } : {}),
    });
  }

  /** Writes these series in one request; throws a RemoteWriteError when the receiver refuses them or the attempts run out. */
  async write(series: readonly TimeSeries[]): Promise<void> {
    const body = encodeWriteRequest(series);
    const { attempts, baseMs, capMs } = this.options.retry;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.post(body);
      if (outcome.ok) return;
      const last = !outcome.retryable || attempt >= attempts || this.stopped;
      const retryInMs = last ? undefined : Math.min(capMs, outcome.retryAfterMs ?? retryDelayMs(attempt - 1, baseMs, capMs, Math.random));
      this.options.onFailure?.({ reason: outcome.reason, message: outcome.message, attempt, ...(retryInMs === undefined ? {} : { retryInMs }) });
      if (retryInMs === undefined) {
        const tries = attempt > 1 ? ` (${attempt} attempts)` : '';
        throw new RemoteWriteError(`${outcome.message}${tries}`, outcome.reason);
      }
      const backoff = wakeableSleep(retryInMs);
      this.wake = backoff.wake;
      await backoff.slept;
      this.wake = undefined;
    }
  }

  /** No more retries: a write waiting to retry makes its last attempt now (at shutdown). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private async post(body: Buffer): Promise<Outcome> {
    const { settings } = this.options;
    const where = `remote-write receiver ${settings.shownUrl}`;
    let headers: Record<string, string>;
    try {
      headers = this.authorization();
    } catch (error) {
      return { ok: false, reason: 'rejected', message: (error as Error).message, retryable: false };
    }
    let response;
    try {
      response = await this.got.post(settings.url, { body, headers });
    } catch (error) {
      const code = error instanceof RequestError ? error.code : undefined;
      if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
        const message = `The certificate of the ${where} is not trusted (${code}). Give the CA that signed it with REMOTE_WRITE_CA_FILE (backfill: --remote-write-ca-file).`;
        return { ok: false, reason: 'network', message, retryable: false };
      }
      const detail = error instanceof RequestError && error.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : (code ?? (error instanceof Error ? error.message : String(error)));
      return { ok: false, reason: 'network', message: `No answer from the ${where} (${detail}). Check the URL, DNS, proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and firewalls.`, retryable: true };
    }
    const { statusCode: status } = response;
    if (status >= 200 && status < 300) return { ok: true };
    const answer = shorten(response.body);
    const said = answer ? `: "${answer}"` : '';
    const wait = retryAfterMs(response.headers['retry-after'], Date.now());
    const later = wait === undefined ? {} : { retryAfterMs: wait };
    if (status === 429) return { ok: false, reason: 'rate_limited', message: `The ${where} is rate limiting (429)${said}.`, retryable: true, ...later };
    if (status >= 500) return { ok: false, reason: 'server_error', message: `The ${where} failed with ${status}${said}. Check the receiver; writing the same days again later is harmless.`, retryable: true, ...later };
    return { ok: false, reason: 'rejected', message: `The ${where} refused the samples with ${status}${said}. ${hintFor(status, answer)}`, retryable: false };
  }

  /** The credential's header, with a secret file read again for every request. */
  private authorization(): Record<string, string> {
    const { auth } = this.options.settings;
    const readFile = (path: string) => readFileSync(path, 'utf8');
    if (!auth) return {};
    if (auth.kind === 'bearer') return { authorization: `Bearer ${readSecret(auth.token, 'the bearer token file', readFile)}` };
    const password = readSecret(auth.password, 'the password file', readFile);
    return { authorization: `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}` };
  }
}

/** What to do about a refusal, from the status and the receiver's words. */
function hintFor(status: number, answer: string): string {
  if (/out of (order|bounds)|too old|out-of-order|outside the (retention|time window)/i.test(answer)) {
    return 'The receiver takes no samples this old: give it an out-of-order window that covers the days written (Prometheus: storage.tsdb.out_of_order_time_window; Mimir: out_of_order_time_window; Thanos Receive: --tsdb.out-of-order.time-window), and a retention above them.';
  }
  if (status === 401 || status === 403) return 'Check the credential (user name and password, or bearer token) and, for a multi-tenant receiver, the tenant header (X-Scope-OrgID).';
  if (status === 404 || status === 405) {
    return 'Check the URL: Prometheus (started with --web.enable-remote-write-receiver) and VictoriaMetrics take /api/v1/write, Mimir and Cortex /api/v1/push, Thanos Receive /api/v1/receive.';
  }
  return 'These samples were not written; fix what the receiver says, then write them again (samples written before stay, and writing them again is harmless).';
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > ANSWER_CHARS ? `${flat.slice(0, ANSWER_CHARS)}…` : flat;
}
