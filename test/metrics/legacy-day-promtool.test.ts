/** promtool accepts what mapLegacyDay makes of generated legacy days whose names are hostile (quotes, backslashes, newlines). */
import { describe, expect } from 'vitest';
import { renderSamples } from '../../src/metrics/exposition.js';
import { mapLegacyDay } from '../../src/metrics/map/legacy-day.js';
import { buildSnapshot, snapshotText } from '../../src/metrics/snapshot.js';
import { generateLegacyDays } from '../fake-github/legacy-report.js';
import { testSeed } from '../helpers/seed.js';
import { CONTRACT_FIXED_LINT, itWithTool, promtoolCheckMetrics } from '../helpers/tools.js';

describe('mapLegacyDay and promtool', () => {
  const seed = testSeed(987642);
  // Histories of a small, a middling and a large organization, so that every section shows up.
  const days = [5, 125, 245].flatMap((seats) => generateLegacyDays(`promtool-${seed}`, seats, '2026-03-01', { rough: true }));

  itWithTool('promtool')(`renders hostile names that promtool accepts (seed ${seed})`, async () => {
    // Each day as its own organization: one exposition holds them all, as a scrape of many targets would.
    const text = snapshotText(await buildSnapshot(days.map((day, i) => renderSamples(mapLegacyDay(day, { org: `o${i}` }).samples))));
    expect(text).toMatch(/\\"|\\\\|\\n/);
    const findings = promtoolCheckMetrics(text).output.split('\n').filter(Boolean);
    expect(findings.filter((line) => !CONTRACT_FIXED_LINT.includes(line))).toEqual([]);
  });
});
