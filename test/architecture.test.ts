/**
 * The module structure (issue 17): no import cycle in src, bench, scripts or test, type-only imports
 * included. In a cycle, which module runs first depends on where the program was entered, so a constant
 * can be read before its module has set it; and the modules of a cycle can no longer be understood, or
 * tested, one without the other. `npm run lint:cycles` is the same check with madge's command line.
 */
import { fileURLToPath } from 'node:url';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../src/collectors/index.js';
import { SCOPE_LABELS } from '../src/metrics/definitions.js';
import { parseExtraLabels } from '../src/metrics/extra-labels.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('the module structure', () => {
  let graph: madge.Graph;
  beforeAll(async () => {
    graph = await madge(['src', 'bench', 'scripts', 'test'].map((dir) => `${ROOT}${dir}`), { baseDir: ROOT, fileExtensions: ['ts'], tsConfig: `${ROOT}tsconfig.json` });
  }, 120_000);

  it('has no import cycle', () => {
    const cycles = graph.circular().map((cycle) => cycle.join(' > '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('reads the configuration without the collectors, which depend on it', () => {
    const tree = graph.obj();
    expect(Object.keys(tree), 'the graph names modules relative to the repository').toContain('src/config/load-config.ts');
    const reached = new Set<string>();
    const visit = (module: string) => {
      if (reached.has(module)) return;
      reached.add(module);
      for (const imported of tree[module] ?? []) visit(imported);
    };
    visit('src/config/load-config.ts');
    expect([...reached].filter((module) => module.startsWith('src/collectors/'))).toEqual([]);
  });

  // So the labels REMOTE_WRITE_LABELS and `backfill --label` may not take come from the metric definitions,
  // not from the collectors list; they must still be every label a collector's family carries.
  it.each([...new Set([...SCOPE_LABELS, ...DEFINITIONS.flatMap((definition) => definition.labels)])])('keeps %s, a label of the exporter, out of the extra labels', (name) => {
    expect(() => parseExtraLabels([`${name}=x`], 'LABELS')).toThrow(`LABELS: ${name} is a label the exporter sets on its own series`);
  });
});
