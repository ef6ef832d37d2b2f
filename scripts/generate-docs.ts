/** `npm run docs`: rewrites the generated sections of README.md (configuration table, metric catalogue, data changes) and docs/runbook.md (data changes). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme, renderRunbook } from './readme-sections.js';

for (const [file, render] of [
  ['../README.md', renderReadme],
  ['../docs/runbook.md', renderRunbook],
] as const) {
  const path = new URL(file, import.meta.url);
  const before = readFileSync(path, 'utf8');
  const after = render(before);
  writeFileSync(path, after);
  console.log(before === after ? `${file.slice(3)} is up to date` : `${file.slice(3)} updated`);
}
