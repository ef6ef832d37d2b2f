import type { RateLimitInfo } from './rate-limit.js';

/**
 * Who hears about every request to GitHub (the self-metrics): the API client, the report downloader and
 * the GitHub App authentication all report to it.
 */
export interface ClientObserver {
  /** One GitHub request ended: `code` is the HTTP status, or `timeout` / `network` without an answer. */
  onRequest(endpoint: string, code: string): void;
  onRateLimit(info: RateLimitInfo): void;
}
