import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GITHUB_API_FIXTURES } from './helpers/github-api.js';

/** `sha256sum` of the fixtures as copied from GitHub's description (provenance in github-api/SOURCE.md). */
const recorded = new URL('./fixtures/github-api.sha256', import.meta.url);

function checksums(folder: URL): string {
  return readdirSync(folder)
    .sort()
    .map((name) => `${createHash('sha256').update(readFileSync(new URL(name, folder))).digest('hex')}  ${name}\n`)
    .join('');
}

describe('GitHub fixtures', () => {
  it('are the unedited copies whose checksums were recorded', () => {
    expect(checksums(GITHUB_API_FIXTURES), 'a fixture changed: restore it, or record a deliberate refresh (README, "Development")').toBe(readFileSync(recorded, 'utf8'));
  });
});
