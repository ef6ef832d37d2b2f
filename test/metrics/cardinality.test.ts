import { describe, expect, it } from 'vitest';
import { capSeries } from '../../src/metrics/cardinality.js';
import { type MetricDefinition, findDefinition } from '../../src/metrics/definitions.js';
import type { Sample } from '../../src/metrics/sample.js';

const byIde = findDefinition('github_copilot_loc_added_by_ide') as MetricDefinition;
const byLanguage = findDefinition('github_copilot_loc_added_by_language_feature') as MetricDefinition;
const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;

const ide = (name: string, value = 1): Sample => ({ family: byIde, labels: { org: 'octo', ide: name }, value });
const language = (name: string): Sample => ({ family: byLanguage, labels: { org: 'octo', language: name, feature: 'chat' }, value: 1 });

describe('the cardinality guard (capSeries)', () => {
  it('keeps everything, in order, when no family is over the limit', () => {
    const samples = [ide('vscode'), { family: users, labels: { org: 'octo' }, value: 12 }, ide('neovim')];
    expect(capSeries(samples, 2)).toEqual({ kept: samples, dropped: new Map() });
  });

  it('keeps the first `max` series of each family in the report’s order, and counts the rest per family', () => {
    const ides = ['vscode', 'neovim', 'jetbrains', 'xcode', 'eclipse'].map((name) => ide(name));
    const languages = ['go', 'rust', 'python'].map(language);
    // Families interleaved, as a mapper emits them: the limit is per family, not a prefix of the whole list.
    const samples = [ides[0]!, languages[0]!, ides[1]!, ides[2]!, languages[1]!, ides[3]!, languages[2]!, ides[4]!];
    const { kept, dropped } = capSeries(samples, 2);
    expect(kept).toEqual([ides[0], languages[0], ides[1], languages[1]]);
    expect(dropped).toEqual(new Map([[byIde.name, 3], [byLanguage.name, 1]]));
  });

  it('leaves the values of the series it keeps as they were', () => {
    const { kept } = capSeries([ide('vscode', 7.5), ide('neovim', 0)], 5);
    expect(kept.map((sample) => sample.value)).toEqual([7.5, 0]);
  });

  it('drops every series of every family at a limit of 0', () => {
    const { kept, dropped } = capSeries([ide('vscode'), ide('neovim'), language('go')], 0);
    expect(kept).toEqual([]);
    expect(dropped).toEqual(new Map([[byIde.name, 2], [byLanguage.name, 1]]));
  });
});
