/**
 * The GitHub credential the configuration names: a token (GITHUB_TOKEN, or GITHUB_TOKEN_FILE read again
 * on every request so that a token rotated in a mounted Kubernetes secret is picked up without a
 * restart), or a GitHub App (its octokit stack loaded only then).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { systemClock } from '../clock.js';
import type { ExporterConfig } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import type { ClientObserver } from './client-observer.js';
import type { Credentials } from './credentials.js';

export async function createCredentials(github: ExporterConfig['github'], observer?: ClientObserver, proxiedFetch?: typeof fetch): Promise<Credentials> {
  if (github.app) {
    const { GitHubAppCredentials } = await import('./app-auth.js');
    return new GitHubAppCredentials(github.app, github.apiUrl, observer, systemClock, proxiedFetch);
  }
  const seen = new Set<string>();
  const { tokenFile } = github;
  if (!tokenFile) {
    const token = github.token ?? '';
    seen.add(token);
    return { token: async () => token, secrets: () => [...seen] };
  }
  seen.add(readFileSync(tokenFile, 'utf8').trim());
  return {
    async token() {
      let token: string;
      try {
        token = (await readFile(tokenFile, 'utf8')).trim();
      } catch (error) {
        throw new ExporterError('GITHUB_UNAUTHORIZED', `GITHUB_TOKEN_FILE ${tokenFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
          hint: 'Restore the file; the exporter reads it again on the next request.',
        });
      }
      seen.add(token);
      return token;
    },
    secrets: () => [...seen],
  };
}
