/**
 * GitHub answers and transport failures → ExporterError with an operator-facing message.
 * Status meanings: docs.github.com/rest/copilot/copilot-usage-metrics ("Status codes") and
 * docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api.
 */
import { RequestError } from 'got';
import { ExporterError, type ErrorCode } from '../errors.js';
import type { Headers } from './rate-limit.js';

export interface HttpFailure {
  status: number;
  headers: Headers;
  body: string;
  /** Path template of the endpoint. */
  endpoint: string;
  /** `GET <url>` without credentials. */
  request: string;
}

/** GitHub's JSON error body is `{message, documentation_url}`; show its message, shortened. */
function githubMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return ` GitHub says: "${parsed.message.slice(0, 200)}".`;
  } catch {
    // not JSON: say nothing rather than echo an arbitrary body
  }
  return '';
}

/** A header's value; repeated headers joined with commas, as HTTP allows. */
function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function describeHttpFailure(failure: HttpFailure): ExporterError {
  const { status, headers, body, endpoint, request } = failure;
  const said = githubMessage(body);
  const make = (code: ErrorCode, what: string, hint: string, accepted?: string) =>
    new ExporterError(code, `${what} (${request}).${said}`, { status, endpoint, hint, ...(accepted ? { accepted } : {}) });

  if (status === 401) {
    return make(
      'GITHUB_UNAUTHORIZED',
      'GitHub rejected the credential with 401 Bad credentials',
      'Check that GITHUB_TOKEN (or the file GITHUB_TOKEN_FILE names) holds a valid, unexpired token.',
    );
  }
  if (status === 403) {
    // Fine-grained tokens and Apps get X-Accepted-GitHub-Permissions, classic tokens X-Accepted-OAuth-Scopes.
    const permissions = headerValue(headers, 'x-accepted-github-permissions');
    const scopes = headerValue(headers, 'x-accepted-oauth-scopes');
    const accepted = permissions
      ? `GitHub names the permission it accepts: X-Accepted-GitHub-Permissions: ${permissions}.`
      : scopes
        ? `The token needs one of these scopes (X-Accepted-OAuth-Scopes): ${scopes}; it has: ${headerValue(headers, 'x-oauth-scopes') || 'none'}.`
        : undefined;
    const needs =
      accepted ??
      'Classic tokens need manage_billing:copilot or read:enterprise for enterprises, read:org for organizations; fine-grained tokens and Apps need the Copilot metrics read permission.';
    return make(
      'GITHUB_FORBIDDEN',
      'GitHub refused access with 403 Forbidden',
      `${needs} Also check that the "Copilot usage metrics" policy is enabled for the enterprise.`,
      accepted,
    );
  }
  if (status === 404) {
    return make(
      'GITHUB_NOT_FOUND',
      'GitHub answered 404 Not Found',
      'Check the enterprise slug or organization login, and that the token can see it (GitHub answers 404, not 403, for targets a token may not see).',
    );
  }
  if (status === 410) {
    return make(
      'GITHUB_NOT_FOUND',
      'GitHub answered 410 Gone',
      'The endpoint or API version is no longer served by this GitHub; check GITHUB_API_URL and upgrade the exporter.',
    );
  }
  if (status === 422) {
    return make(
      'GITHUB_POLICY_DISABLED',
      'GitHub answered 422 Unprocessable Entity',
      'Enable the Copilot metrics policy for the enterprise or organization (Settings → Copilot → Policies).',
    );
  }
  if (status >= 500) {
    return make('GITHUB_SERVER_ERROR', `GitHub answered ${status} after retries`, 'GitHub is having trouble; the exporter retries on the next poll.');
  }
  return make('GITHUB_INVALID_RESPONSE', `GitHub answered an unexpected ${status}`, 'This status is not documented for this endpoint; please report it.');
}

/** A request that got no HTTP answer: a timeout or a network error. */
export function classifyRequestError(error: unknown, endpoint: string, request: string): ExporterError {
  if (error instanceof ExporterError) return error;
  const code = error instanceof RequestError ? error.code : undefined;
  if (error instanceof RequestError && (error.name === 'TimeoutError' || code === 'ETIMEDOUT')) {
    return new ExporterError('GITHUB_TIMEOUT', `No answer from GitHub within the request timeout (${request}).`, {
      endpoint,
      hint: 'Check network access to GITHUB_API_URL, or raise GITHUB_REQUEST_TIMEOUT.',
    });
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new ExporterError('GITHUB_NETWORK', `Network error talking to GitHub: ${detail} (${request}).`, {
    endpoint,
    hint: 'Check DNS, proxies and firewalls between the exporter and GITHUB_API_URL.',
  });
}
