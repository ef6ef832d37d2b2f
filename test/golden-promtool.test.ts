/**
 * promtool accepts every golden exposition (test/fixtures/golden/*.prom) together with the exporter's own
 * metrics, as one scrape serves them. test/golden.test.ts proves that the exporter renders exactly these
 * files, so checking the files checks what the exporter serves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { CONTRACT_FIXED_LINT, itWithTool, promtoolCheckMetrics } from './helpers/tools.js';

const GOLDEN = new URL('./fixtures/golden/', import.meta.url);
const GOLDEN_FILES = readdirSync(GOLDEN).filter((name) => name.endsWith('.prom'));

describe('golden exposition and promtool', () => {
  itWithTool('promtool').each(GOLDEN_FILES)('%s passes promtool check metrics', async (name) => {
    const selfMetrics = await new SelfMetrics({ version: '0.0.0-test', processMetrics: true }).render('text');
    const { output } = promtoolCheckMetrics(readFileSync(new URL(name, GOLDEN), 'utf8') + selfMetrics);
    const findings = output.split('\n').filter(Boolean);
    expect(findings.filter((line) => !CONTRACT_FIXED_LINT.includes(line))).toEqual([]);
  });
});
