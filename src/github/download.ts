/**
 * Report file downloads: signed, pre-authenticated links to NDJSON files on a download host
 * (copilot-reports.github.com, or copilot-reports.SUBDOMAIN.ghe.com).
 *
 * The download client is a separate got instance that never has an Authorization header: the link
 * carries its own signature, and the GitHub credential must never reach another host.
 * Files are parsed line by line as they stream, and each row is handed on and dropped: a report of any
 * size costs the memory of one line. Two caps guard against a broken response, not against large
 * organizations: a line longer than any real row (one that never ends), and a file far beyond any
 * real report. Any broken line rejects the file.
 */
import got, { type Got, RequestError } from 'got';
import { type Clock, systemClock } from '../clock.js';
import { ExporterError } from '../errors.js';
import { redactUrl, type Logger } from '../log.js';
import { USER_AGENT } from '../version.js';
import type { ClientObserver } from './client-observer.js';
import { DOWNLOAD_ENDPOINT } from './endpoints.js';
import type { OutboundHttp } from './http-agents.js';
import { classifyRequestError } from './http-errors.js';
import { DEFAULT_RETRY, RetryBudget, type RetryPolicy, isRetryableStatus } from './retry-policy.js';

export type ReportRow = Record<string, unknown>;

export interface DownloaderOptions {
  timeoutMs: number;
  /** Largest file (REPORT_MAX_BYTES). */
  maxBytes: number;
  /** Longest line, one row (REPORT_MAX_LINE_BYTES). */
  maxLineBytes: number;
  logger: Logger;
  observer?: ClientObserver;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** got's agents (a proxy's, see http-agents.ts); Node's global agents when undefined. */
  agents?: OutboundHttp['agents'];
}

export interface DownloadResult {
  bytes: number;
  rows: number;
}

export class ReportDownloader {
  private readonly http: Got;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: DownloaderOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.http = got.extend({
      headers: { 'user-agent': USER_AGENT },
      // No cap on the whole request: a report of a large organization takes longer than any timeout to
      // stream. The timeout bounds each wait instead: connecting, the first byte, and any silence after.
      timeout: { connect: options.timeoutMs, response: options.timeoutMs, socket: options.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: false,
      ...(options.agents ? { agent: options.agents } : {}),
    });
  }

  /**
   * Streams one NDJSON file and hands each row to `onRow`. A failure before the body starts (5xx,
   * connection refused) is retried with backoff; a failure in the middle rejects the whole file, so
   * the caller must treat rows already seen as void.
   */
  async forEachRow(url: string, onRow: (row: ReportRow) => void): Promise<DownloadResult> {
    const shown = redactUrl(url);
    const retries = new RetryBudget(this.retry, this.clock, this.random);
    for (;;) {
      try {
        return await this.streamOnce(url, shown, onRow);
      } catch (error) {
        if (!(error instanceof FailedAttempt)) throw error;
        if (!error.retryable || !(await retries.another())) throw error.error;
      }
    }
  }

  private async streamOnce(url: string, shown: string, onRow: (row: ReportRow) => void): Promise<DownloadResult> {
    const started = this.clock.now();
    const stream = this.http.stream(url);
    let response;
    try {
      response = await new Promise<{ statusCode: number; headers: Record<string, unknown> }>((resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      });
    } catch (error) {
      const failure = classifyRequestError(error, DOWNLOAD_ENDPOINT, `GET ${shown}`);
      this.options.observer?.onRequest(DOWNLOAD_ENDPOINT, failure.reason);
      throw new FailedAttempt(failure, true);
    }
    this.options.observer?.onRequest(DOWNLOAD_ENDPOINT, String(response.statusCode));
    if (response.statusCode !== 200) {
      stream.destroy();
      throw new FailedAttempt(downloadStatusError(response.statusCode, shown), isRetryableStatus(response.statusCode));
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.options.maxBytes) {
      stream.destroy();
      throw tooLarge(shown, this.options.maxBytes);
    }

    // From here on rows reach the caller, so a failure rejects the report instead of being retried.
    const parser = new NdjsonParser(shown, this.options.maxLineBytes, onRow);
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > this.options.maxBytes) throw tooLarge(shown, this.options.maxBytes);
        parser.push(chunk);
      }
    } catch (error) {
      stream.destroy();
      if (error instanceof ExporterError) throw error;
      throw invalidFile(shown, `the download broke off (${error instanceof RequestError ? error.code : String(error)})`);
    }
    const rows = parser.end();
    this.options.logger.debug({ url: shown, bytes, rows, durationMs: this.clock.now() - started }, 'report downloaded');
    return { bytes, rows };
  }
}

/** One download attempt that failed before any row was parsed; `retryable` for 5xx and transport errors. */
class FailedAttempt extends Error {
  constructor(
    readonly error: ExporterError,
    readonly retryable: boolean,
  ) {
    super(error.message);
  }
}

/**
 * Splits a byte stream into lines and parses each line as one JSON object. Lines are found in the bytes
 * (a newline byte never occurs inside a UTF-8 sequence), and only the bytes of one line are decoded at
 * a time; a line spread over several chunks is joined once, when it ends.
 */
class NdjsonParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private lineNumber = 0;
  private rows = 0;

  constructor(
    private readonly shown: string,
    private readonly maxLineBytes: number,
    private readonly onRow: (row: ReportRow) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      if (this.pendingBytes === 0) {
        if (newline - start > this.maxLineBytes) throw lineTooLong(this.shown, this.lineNumber + 1, this.maxLineBytes);
        this.emit(chunk.toString('utf8', start, newline));
      } else {
        this.pending.push(chunk.subarray(start, newline));
        if (this.pendingBytes + newline - start > this.maxLineBytes) throw lineTooLong(this.shown, this.lineNumber + 1, this.maxLineBytes);
        this.emit(Buffer.concat(this.pending).toString('utf8'));
        this.pending = [];
        this.pendingBytes = 0;
      }
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxLineBytes) throw lineTooLong(this.shown, this.lineNumber + 1, this.maxLineBytes);
    }
  }

  end(): number {
    // The last line may lack its newline; if it is cut short, JSON.parse fails and the file is rejected.
    if (this.pendingBytes > 0) this.emit(Buffer.concat(this.pending).toString('utf8'));
    return this.rows;
  }

  private emit(line: string): void {
    this.lineNumber += 1;
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw invalidFile(this.shown, `line ${this.lineNumber} is not valid JSON (the file may be truncated)`);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw invalidFile(this.shown, `line ${this.lineNumber} is not a JSON object`);
    }
    this.rows += 1;
    this.onRow(row as ReportRow);
  }
}

function invalidFile(shown: string, what: string): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `Report file ${shown} is malformed: ${what}.`, {
    endpoint: DOWNLOAD_ENDPOINT,
    hint: 'The whole report was rejected and the last good values stay exposed; the next poll downloads it again.',
  });
}

function tooLarge(shown: string, maxBytes: number): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `Report file ${shown} is larger than ${maxBytes} bytes (REPORT_MAX_BYTES), far beyond any real report.`, {
    endpoint: DOWNLOAD_ENDPOINT,
    hint: 'The download host may be sending something other than a report; raise REPORT_MAX_BYTES only if reports this large are expected.',
  });
}

function lineTooLong(shown: string, line: number, maxLineBytes: number): ExporterError {
  return new ExporterError('GITHUB_INVALID_RESPONSE', `Report file ${shown} has a line longer than ${maxLineBytes} bytes (line ${line}, REPORT_MAX_LINE_BYTES): a report row is a few kilobytes, so the file is not NDJSON or is broken.`, {
    endpoint: DOWNLOAD_ENDPOINT,
    hint: 'The whole report was rejected and the last good values stay exposed; raise REPORT_MAX_LINE_BYTES only if rows this long are expected.',
  });
}

function downloadStatusError(status: number, shown: string): ExporterError {
  if (status >= 500) {
    return new ExporterError('GITHUB_SERVER_ERROR', `The report download host answered ${status} (GET ${shown}).`, {
      status,
      endpoint: DOWNLOAD_ENDPOINT,
      hint: 'The download host is having trouble; the next poll tries again.',
    });
  }
  return new ExporterError('GITHUB_INVALID_RESPONSE', `The report download host answered ${status} (GET ${shown}).`, {
    status,
    endpoint: DOWNLOAD_ENDPOINT,
    hint: status === 403 || status === 401 ? 'The signed link may have expired; the next poll asks GitHub for fresh links.' : 'The report link could not be fetched.',
  });
}
