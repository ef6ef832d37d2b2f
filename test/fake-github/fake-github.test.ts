import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../../src/metrics/definitions.js';
import { mapLegacyDay } from '../../src/metrics/map/legacy-day.js';
import { mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { generateLegacyDay } from './legacy-report.js';
import { DEFAULT_ENTITIES } from './server.js';
import { generateDayTotals, generateEntityReport } from './usage-report.js';

describe('the fake GitHub reports', () => {
  it('cover every curated usage-metrics family of an entity report, so the demo shows them all', () => {
    const families = new Set<string>();
    for (const entity of DEFAULT_ENTITIES) {
      const { samples, problems } = mapUsageDay(generateDayTotals(entity, '2026-11-20'), { org: entity.slug });
      expect(problems).toEqual([]);
      for (const sample of samples) families.add(sample.family.name);
    }
    const curated = DEFINITIONS.filter(
      (definition) => (definition.api === 'usage-metrics' || definition.api === 'both') && definition.name !== 'github_copilot_ai_credits_used',
    );
    expect([...families].sort()).toEqual(curated.map((definition) => definition.name).sort());
  });

  it('cover every legacy family on an ordinary day', () => {
    const { samples, problems } = mapLegacyDay(generateLegacyDay('org:acme-web', '2026-11-20', 120), { org: 'acme-web' });
    expect(problems).toEqual([]);
    const families = new Set(samples.map((sample) => sample.family.name));
    const legacy = DEFINITIONS.filter((definition) => definition.api === 'legacy-metrics' || definition.api === 'both');
    expect([...families].sort()).toEqual(legacy.map((definition) => definition.name).sort());
  });

  it('are consistent: each breakdown adds up to the day totals', () => {
    const day = generateDayTotals(DEFAULT_ENTITIES[0]!, '2026-11-20');
    for (const breakdown of ['totals_by_ide', 'totals_by_feature', 'totals_by_language_feature', 'totals_by_language_model', 'totals_by_model_feature']) {
      const entries = day[breakdown] as Array<Record<string, number>>;
      expect(entries.reduce((sum, entry) => sum + entry.loc_added_sum!, 0), breakdown).toBe(day.loc_added_sum);
    }
  });

  it('are deterministic, and split a 28-day report over the requested number of files', () => {
    const a = generateEntityReport(DEFAULT_ENTITIES[1]!, '2026-11-20', { parts: 2 });
    expect(generateEntityReport(DEFAULT_ENTITIES[1]!, '2026-11-20', { parts: 2 })).toEqual(a);
    expect(a).toHaveLength(2);
    const days = a.flatMap((row) => (row.day_totals as Array<{ day: string }>).map((entry) => entry.day));
    expect(days).toHaveLength(28);
    expect(days[0]).toBe('2026-10-24');
    expect(days.at(-1)).toBe('2026-11-20');
  });
});
