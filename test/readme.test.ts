import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReadme, renderRunbook } from '../scripts/readme-sections.js';
import { DATA_CHANGES } from '../src/metrics/data-changes.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const runbook = readFileSync(new URL('../docs/runbook.md', import.meta.url), 'utf8');

describe('README', () => {
  it('has current generated sections (run `npm run docs` after changing the schema or the definitions)', () => {
    expect(renderReadme(readme)).toBe(readme);
  });

  it('and the runbook list GitHub’s data changes, each with its day and id', () => {
    expect(renderRunbook(runbook)).toBe(runbook);
    for (const text of [readme, runbook]) for (const change of DATA_CHANGES) expect(text).toContain(`| ${change.day} | \`${change.id}\` |`);
  });

  it('starts with the two commands of the quick start', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
