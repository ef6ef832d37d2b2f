import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme } from '../scripts/readme-sections.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has current generated sections (run `npm run docs` after changing the schema or the definitions)', () => {
    expect(renderReadme(readme)).toBe(readme);
  });

  it('starts with the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
