/**
 * The one error type of the exporter. Every failure a user can see carries a stable `code`,
 * and every GitHub failure maps to one `reason` of the bounded set that labels
 * `github_copilot_exporter_poll_errors_total` (docs/contract.md §4c).
 *
 * Messages are written for operators: what is wrong, where, and what to do. They never contain a
 * credential; GitHub errors carry the endpoint *template* and a redacted URL instead of the raw request.
 */

export const POLL_ERROR_REASONS = [
  'unauthorized',
  'forbidden',
  'not_found',
  'policy_disabled',
  'rate_limited',
  'server_error',
  'timeout',
  'invalid_response',
  'network',
] as const;

export type PollErrorReason = (typeof POLL_ERROR_REASONS)[number];

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'GITHUB_UNAUTHORIZED'
  | 'GITHUB_FORBIDDEN'
  | 'GITHUB_NOT_FOUND'
  | 'GITHUB_POLICY_DISABLED'
  | 'GITHUB_RATE_LIMITED'
  | 'GITHUB_SERVER_ERROR'
  | 'GITHUB_TIMEOUT'
  | 'GITHUB_INVALID_RESPONSE'
  | 'GITHUB_NETWORK';

const REASON_BY_CODE: Record<Exclude<ErrorCode, 'CONFIG_INVALID'>, PollErrorReason> = {
  GITHUB_UNAUTHORIZED: 'unauthorized',
  GITHUB_FORBIDDEN: 'forbidden',
  GITHUB_NOT_FOUND: 'not_found',
  GITHUB_POLICY_DISABLED: 'policy_disabled',
  GITHUB_RATE_LIMITED: 'rate_limited',
  GITHUB_SERVER_ERROR: 'server_error',
  GITHUB_TIMEOUT: 'timeout',
  GITHUB_INVALID_RESPONSE: 'invalid_response',
  GITHUB_NETWORK: 'network',
};

export class ExporterError extends Error {
  override readonly name = 'ExporterError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      /** HTTP status when GitHub (or a download host) answered. */
      status?: number;
      /** Path template such as `/orgs/{org}/copilot/metrics/reports/organization-28-day/latest`. */
      endpoint?: string;
      /** What the operator should do about it. */
      hint?: string;
      /**
       * A 403's X-Accepted-GitHub-Permissions or X-Accepted-OAuth-Scopes, as a sentence: what GitHub says
       * the request needs, kept apart so that a collector replacing the generic hint can still say it.
       */
      accepted?: string;
    } = {},
  ) {
    super(message);
  }

  /** The `reason` label value; configuration errors never reach the poll error counter. */
  get reason(): PollErrorReason {
    if (this.code === 'CONFIG_INVALID') throw new Error('configuration errors have no poll reason');
    return REASON_BY_CODE[this.code];
  }

  /** One line for logs and for the console: the message followed by the hint. */
  describe(): string {
    return this.details.hint ? `${this.message} ${this.details.hint}` : this.message;
  }
}

export function configError(message: string): ExporterError {
  return new ExporterError('CONFIG_INVALID', message);
}

export function isExporterError(error: unknown): error is ExporterError {
  return error instanceof ExporterError;
}
