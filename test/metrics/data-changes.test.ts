/** GitHub's announced data changes (docs/contract.md §4h): the list, its series, and where the exporter serves them. */
import { describe, expect, it } from 'vitest';
import { DATA_CHANGES, DATA_CHANGE_TIMESTAMP, dataChangeSamples } from '../../src/metrics/data-changes.js';
import { SelfMetrics } from '../../src/metrics/self-metrics.js';
import { valuesOf } from '../helpers/exposition.js';

describe('GitHub’s data changes', () => {
  it('hold at least the changes the contract names, on their days, each id snake_case and once', () => {
    const days = Object.fromEntries(DATA_CHANGES.map((change) => [change.id, change.day]));
    expect(days).toMatchObject({
      server_side_active_users: '2026-06-15',
      cli_lines_and_ide_attribution: '2026-07-02',
      agent_activity_undercount_outdated_ide: '2026-10-06',
    });
    expect(new Set(DATA_CHANGES.map((change) => change.id)).size).toBe(DATA_CHANGES.length);
    for (const change of DATA_CHANGES) {
      expect(change.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(change.moved.length, change.id).toBeGreaterThan(20);
      expect(change.github.length, change.id).toBeGreaterThan(20);
    }
  });

  it('are one series per change, valued 00:00 UTC of its day, with no scope labels', () => {
    expect(DATA_CHANGE_TIMESTAMP.labels).toEqual(['change']);
    expect(valuesOf(dataChangeSamples())).toEqual(Object.fromEntries(DATA_CHANGES.map((change) => [`github_copilot_data_change_timestamp_seconds{"change":"${change.id}"}`, Date.parse(`${change.day}T00:00:00Z`) / 1000])));
  });

  it('say which change has a day that is no day', () => {
    expect(() => dataChangeSamples([{ id: 'typo', day: '2026-13-01', moved: 'x', github: 'y' }])).toThrow('data change typo: 2026-13-01 is not a YYYY-MM-DD day');
  });

  it('are served with the exporter’s own series, and pushed with them', async () => {
    const self = new SelfMetrics({ version: 'test', processMetrics: false });
    const text = await self.render('text');
    expect(text).toContain('github_copilot_data_change_timestamp_seconds{change="server_side_active_users"} 1781481600');
    expect(valuesOf((await self.samples()).filter((sample) => sample.family === DATA_CHANGE_TIMESTAMP))).toEqual(valuesOf(dataChangeSamples()));
  });
});
