import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GITHUB_API_FIXTURES } from './helpers/github-api.js';

const shared = new URL('../../shared/github-api/', import.meta.url);
/** `sha256sum` of ../shared/github-api when the fixtures were copied, so a clone without it still checks them. */
const recorded = new URL('./fixtures/github-api.sha256', import.meta.url);

function checksums(folder: URL): string {
  return readdirSync(folder)
    .sort()
    .map((name) => `${createHash('sha256').update(readFileSync(new URL(name, folder))).digest('hex')}  ${name}\n`)
    .join('');
}

describe('GitHub fixtures', () => {
  it('are unedited copies of ../shared/github-api', () => {
    expect(checksums(GITHUB_API_FIXTURES)).toBe(readFileSync(recorded, 'utf8'));
    // The shared folder sits beside the checkout on developer machines; when it does, it must agree too.
    if (existsSync(shared)) expect(checksums(shared), 'refresh test/fixtures/github-api from ../shared').toBe(readFileSync(recorded, 'utf8'));
  });
});
