/**
 * GitHub's own schemas and example payloads, copied verbatim from GitHub's REST API description and
 * documentation (provenance in test/fixtures/github-api/SOURCE.md).
 */
import { readFileSync } from 'node:fs';

export const GITHUB_API_FIXTURES = new URL('../fixtures/github-api/', import.meta.url);

export function readGitHubExample<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, GITHUB_API_FIXTURES), 'utf8')) as T;
}
