/** Telling a revision from a re-read (src/metrics/same-figures.ts). */
import { describe, expect, it } from 'vitest';
import { type MetricDefinition, findDefinition } from '../../src/metrics/definitions.js';
import { renderSamples } from '../../src/metrics/exposition.js';
import { sameFigures } from '../../src/metrics/same-figures.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const added = findDefinition('github_copilot_loc_added') as MetricDefinition;
const render = (teams: Array<[string, number]>, extra: Array<[string, number]> = []) =>
  renderSamples([...teams.map(([team, value]) => ({ family: users, labels: { org: 'web', team }, value })), ...extra.map(([team, value]) => ({ family: added, labels: { org: 'web', team }, value }))]);

describe('sameFigures', () => {
  it('is true for the same series and values, in any order', () => {
    expect(sameFigures(render([['a', 1], ['b', 2]]), render([['a', 1], ['b', 2]]))).toBe(true);
    expect(sameFigures(render([['a', 1], ['b', 2]], [['a', 5]]), render([['b', 2], ['a', 1]], [['a', 5]]))).toBe(true);
  });

  it('is false for a changed value, a series more or less, or a family more or less', () => {
    expect(sameFigures(render([['a', 1], ['b', 2]]), render([['a', 1], ['b', 3]]))).toBe(false);
    expect(sameFigures(render([['a', 1], ['b', 2]]), render([['a', 1]]))).toBe(false);
    expect(sameFigures(render([['a', 1]]), render([['a', 1]], [['a', 5]]))).toBe(false);
    expect(sameFigures(render([['a', 1], ['b', 2]]), render([['a', 1], ['c', 2]]))).toBe(false);
  });
});
