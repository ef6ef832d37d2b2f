/**
 * GitHub App authentication with @octokit/auth-app: an RS256 JWT signed with the App's private key
 * buys an installation access token, which is what the API calls carry.
 *
 * The installation is GITHUB_APP_INSTALLATION_ID, or, without it, looked up per organization or
 * enterprise in `GET /app/installations`. Installation tokens live an hour; the cache given to
 * auth-app hands a token out only while it has more than five minutes left, so a new one is fetched
 * before the old one expires. `refresh()` (after a 401) throws the cached one away.
 * Docs: docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app.
 */
import { readFileSync } from 'node:fs';
import { createAppAuth } from '@octokit/auth-app';
import { request as octokitRequest } from '@octokit/request';
import { RequestError } from '@octokit/request-error';
import { type Clock, systemClock } from '../clock.js';
import type { GitHubAppConfig } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { GITHUB_API_VERSION } from './api-version.js';
import type { ClientObserver } from './client-observer.js';
import type { Credentials } from './credentials.js';
import { APP_INSTALLATIONS, type Owner, describeTarget } from './endpoints.js';

/** A token with less than this left is not used any more. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

interface Installation {
  id: number;
  account?: { login?: string; slug?: string } | null;
}

/** auth-app's cache entries are `token|createdAt|expiresAt|…`; this cache forgets them before expiry. */
class ExpiringCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly clock: Clock) {}

  get(key: string): string {
    const value = this.entries.get(key);
    const expiresAt = Date.parse(value?.split('|')[2] ?? '');
    if (value && Number.isFinite(expiresAt) && expiresAt - TOKEN_REFRESH_MARGIN_MS > this.clock.now()) return value;
    this.entries.delete(key);
    // auth-app treats any falsy answer as "not cached".
    return undefined as unknown as string;
  }

  set(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

export class GitHubAppCredentials implements Credentials {
  private readonly auth;
  private readonly request;
  private readonly installations = new Map<string, Promise<number>>();
  private readonly seen = new Set<string>();
  private readonly privateKey: string;

  constructor(
    private readonly app: GitHubAppConfig,
    apiUrl: string,
    private readonly observer?: ClientObserver,
    clock: Clock = systemClock,
    /** The fetch to use (a proxy's, see http-agents.ts); the global fetch when undefined. */
    proxiedFetch?: typeof fetch,
  ) {
    this.privateKey = app.privateKey ?? readFileSync(app.privateKeyFile as string, 'utf8');
    this.request = octokitRequest.defaults({
      baseUrl: apiUrl,
      headers: { 'user-agent': USER_AGENT, 'x-github-api-version': GITHUB_API_VERSION },
      ...(proxiedFetch ? { request: { fetch: proxiedFetch } } : {}),
    });
    this.auth = createAppAuth({ appId: app.appId, privateKey: this.privateKey, request: this.request, cache: new ExpiringCache(clock) });
  }

  async token(owner?: Owner): Promise<string> {
    const installationId = await this.installationFor(owner);
    const { token } = await this.call('POST /app/installations/{installation_id}/access_tokens', () => this.auth({ type: 'installation', installationId }));
    this.seen.add(token);
    return token;
  }

  async refresh(owner?: Owner): Promise<void> {
    const installationId = await this.installationFor(owner);
    await this.call('POST /app/installations/{installation_id}/access_tokens', () => this.auth({ type: 'installation', installationId, refresh: true }));
  }

  secrets(): string[] {
    return [this.privateKey, ...this.seen];
  }

  /** The App's own JWT, for `check` to say whether GitHub accepts the App at all. */
  async appJwt(): Promise<string> {
    const { token } = await this.auth({ type: 'app' });
    return token;
  }

  private installationFor(owner?: Owner): Promise<number> {
    if (this.app.installationId !== undefined) return Promise.resolve(this.app.installationId);
    if (!owner) throw new ExporterError('GITHUB_NOT_FOUND', 'A GitHub App request without an organization or enterprise needs GITHUB_APP_INSTALLATION_ID.');
    const key = `${owner.kind}:${owner.slug.toLowerCase()}`;
    let found = this.installations.get(key);
    if (!found) {
      found = this.discover(owner);
      // A failed lookup is tried again on the next poll, not remembered.
      found.catch(() => this.installations.delete(key));
      this.installations.set(key, found);
    }
    return found;
  }

  /** Walks `GET /app/installations` (as the App) for the account of this organization or enterprise. */
  private async discover(owner: Owner): Promise<number> {
    const slug = owner.slug.toLowerCase();
    for (let page = 1; page <= 100; page += 1) {
      const installations = await this.call(APP_INSTALLATIONS.template, async () => {
        const response = await this.auth.hook(this.request, 'GET /app/installations', { per_page: 100, page });
        return response.data as Installation[];
      });
      const match = installations.find((installation) => [installation.account?.login, installation.account?.slug].some((name) => name?.toLowerCase() === slug));
      if (match) return match.id;
      if (installations.length < 100) break;
    }
    const where = describeTarget(owner);
    throw new ExporterError('GITHUB_NOT_FOUND', `The GitHub App ${this.app.appId} is not installed on ${where}.`, {
      endpoint: APP_INSTALLATIONS.template,
      hint: `Install the App on ${where} with the Copilot metrics read permission, or set GITHUB_APP_INSTALLATION_ID.`,
    });
  }

  /** Runs an auth-app request, counting it and turning its failures into ExporterErrors. */
  private async call<T>(endpoint: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.observer?.onRequest(endpoint, '200');
      return result;
    } catch (error) {
      if (!(error instanceof RequestError)) {
        this.observer?.onRequest(endpoint, 'network');
        throw new ExporterError('GITHUB_NETWORK', `GitHub App authentication failed: ${(error as Error).message}.`, { endpoint });
      }
      this.observer?.onRequest(endpoint, String(error.status));
      if (error.status === 401) {
        throw new ExporterError('GITHUB_UNAUTHORIZED', `GitHub rejected the GitHub App's JWT with 401 (${endpoint}).`, {
          status: 401,
          endpoint,
          hint: 'Check GITHUB_APP_ID, that the private key belongs to this App, and that the clock of this machine is right.',
        });
      }
      if (error.status === 404) {
        throw new ExporterError('GITHUB_NOT_FOUND', `GitHub knows no installation ${this.app.installationId ?? ''} of the GitHub App ${this.app.appId} (${endpoint}).`.replace('  ', ' '), {
          status: 404,
          endpoint,
          hint: 'Check GITHUB_APP_INSTALLATION_ID, or leave it empty to look the installation up per organization or enterprise.',
        });
      }
      const code = error.status === 403 ? 'GITHUB_FORBIDDEN' : error.status >= 500 ? 'GITHUB_SERVER_ERROR' : 'GITHUB_INVALID_RESPONSE';
      throw new ExporterError(code, `GitHub App authentication failed with ${error.status} (${endpoint}).`, { status: error.status, endpoint });
    }
  }
}
