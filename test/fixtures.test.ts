import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GITHUB_API_FIXTURES } from './helpers/github-api.js';

const shared = new URL('../../shared/github-api/', import.meta.url);

describe('GitHub fixtures', () => {
  // The shared folder sits beside the checkout on developer machines; a fresh CI clone may not have it.
  it.skipIf(!existsSync(shared))('are byte-identical copies of ../shared/github-api', () => {
    const names = readdirSync(shared).sort();
    expect(readdirSync(GITHUB_API_FIXTURES).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(new URL(name, GITHUB_API_FIXTURES), 'utf8'), name).toBe(readFileSync(new URL(name, shared), 'utf8'));
  });
});
