/**
 * GitHub's own schemas and example payloads, copied verbatim from the team's ../shared/github-api/
 * (provenance in test/fixtures/github-api/SOURCE.md) so that a fresh clone tests without it.
 */
import { readFileSync } from 'node:fs';

export const GITHUB_API_FIXTURES = new URL('../fixtures/github-api/', import.meta.url);

export function readGitHubExample<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, GITHUB_API_FIXTURES), 'utf8')) as T;
}
