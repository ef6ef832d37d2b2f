import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every reference a comment or document makes must resolve inside the repository: a reader of a fresh
 * clone has nothing else. Citations are `docs/contract.md §4a`; a section that is renamed or removed
 * fails here, naming the files that still cite it.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const FOLDERS = ['src', 'test', 'scripts', 'bench', 'mixin', 'docs', 'helm', '.ci'];
const TOP_FILES = ['README.md', 'Dockerfile', 'package.json'];

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules') && /\.(ts|md|ya?ml|json|tpl|sh|txt)$|^run$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const FILES = [...FOLDERS.flatMap(filesUnder), ...TOP_FILES.map((name) => join(ROOT, name))].filter((path) => path !== new URL(import.meta.url).pathname);

function contractSections(): Set<string> {
  const headings = readFileSync(join(ROOT, 'docs/contract.md'), 'utf8').match(/^#{2,3} \d+[a-z]?\./gm) ?? [];
  return new Set(headings.map((heading) => heading.replace(/^#+ /, '').replace(/\.$/, '')));
}

describe('references', () => {
  it('cite only sections that docs/contract.md has', () => {
    const sections = contractSections();
    expect(sections).toContain('4a');
    const dangling: string[] = [];
    let citations = 0;
    for (const path of FILES) {
      for (const match of readFileSync(path, 'utf8').matchAll(/docs\/contract\.md §(\d+[a-z]?)/g)) {
        citations += 1;
        if (!sections.has(match[1]!)) dangling.push(`${path.slice(ROOT.length)}: §${match[1]}`);
      }
    }
    expect(citations).toBeGreaterThan(20);
    expect(dangling).toEqual([]);
  });

  it('never point outside the repository', () => {
    const outside = FILES.filter((path) => /\.\.\/shared\b|CONTRACT\.md|USAGE-METRICS-FIELDS/.test(readFileSync(path, 'utf8'))).map((path) => path.slice(ROOT.length));
    expect(outside).toEqual([]);
  });
});
