/**
 * The GitHub credential in use. GITHUB_TOKEN_FILE is read again on every request, so a token rotated
 * in a mounted Kubernetes secret is picked up without a restart.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ExporterConfig } from '../config/load-config.js';
import { ExporterError } from '../errors.js';

export interface Credentials {
  /** The token to send now. */
  token(): Promise<string>;
  /** Every secret value seen so far, for scrubbing logs. */
  secrets(): string[];
}

export function createCredentials(github: ExporterConfig['github']): Credentials {
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
