import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { findDefinition, type MetricDefinition } from '../../src/metrics/definitions.js';
import { joinFamilies, renderSamples } from '../../src/metrics/exposition.js';
import type { Sample } from '../../src/metrics/sample.js';
import { snapshotText } from '../../src/metrics/snapshot.js';
import { escapeLabelValue, formatValue } from '../../src/metrics/text-format.js';

const ide = findDefinition('github_copilot_loc_added_by_ide') as MetricDefinition;
const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;

const samples: Sample[] = [
  { family: users, labels: { org: 'a' }, value: 12 },
  { family: ide, labels: { org: 'a', ide: 'vscode' }, value: 30 },
  { family: ide, labels: { org: 'a', ide: 'say "hi"\\ to\nnewlines' }, value: 2.5 },
  { family: ide, labels: { org: 'a', ide: 'caf\u00e9 \ufffd' }, value: 1e21 },
];

describe('exposition rendering', () => {
  it('escapes label values as the text format requires', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  it('formats values', () => {
    expect([0, -0, 3, 2.5, 1e21, NaN, Infinity, -Infinity].map(formatValue)).toEqual(['0', '0', '3', '2.5', '1e+21', 'NaN', '+Inf', '-Inf']);
  });

  it('renders what prom-client renders for the same samples', async () => {
    const registry = new Registry();
    const gauges = new Map<string, Gauge<string>>();
    for (const sample of samples) {
      let gauge = gauges.get(sample.family.name);
      if (!gauge) {
        gauge = new Gauge({ name: sample.family.name, help: sample.family.help, labelNames: ['org', ...sample.family.labels], registers: [registry] });
        gauges.set(sample.family.name, gauge);
      }
      gauge.set(sample.labels, sample.value);
    }
    const ours = snapshotText(joinFamilies([renderSamples(samples)]));
    const theirs = (await registry.metrics()).replace(/\n\n/g, '\n');
    const sortFamilies = (text: string) => text.split(/(?=# HELP )/).sort().join('');
    expect(sortFamilies(ours)).toBe(sortFamilies(theirs));
  });

  it('joins targets family by family, families sorted, one header each', () => {
    const first = renderSamples([{ family: users, labels: { org: 'a' }, value: 1 }, { family: ide, labels: { org: 'a', ide: 'vim' }, value: 2 }]);
    const second = renderSamples([{ family: users, labels: { org: 'b' }, value: 3 }]);
    const joined = joinFamilies([first, second]);
    const { series } = joined;
    const text = snapshotText(joined);
    expect(series).toBe(3);
    expect(text).toBe(
      [
        `# HELP github_copilot_daily_active_users ${users.help}`,
        '# TYPE github_copilot_daily_active_users gauge',
        'github_copilot_daily_active_users{org="a"} 1',
        'github_copilot_daily_active_users{org="b"} 3',
        `# HELP github_copilot_loc_added_by_ide ${ide.help}`,
        '# TYPE github_copilot_loc_added_by_ide gauge',
        'github_copilot_loc_added_by_ide{org="a",ide="vim"} 2',
        '',
      ].join('\n'),
    );
  });
});
