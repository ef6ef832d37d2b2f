/**
 * The generated parts of README.md: the configuration table (from the convict schema) and the metric
 * catalogue (from the definitions table). `npm run docs` writes them; test/readme.test.ts fails when
 * the committed README differs from what this produces.
 */
import { readFileSync } from 'node:fs';
import { listSettings } from '../src/config/schema.js';
import { DEFINITIONS, type MetricApi } from '../src/metrics/definitions.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function formatDefault(value: unknown): string {
  if (Array.isArray(value)) return value.length ? `\`${value.join(',')}\`` : 'empty';
  if (value === '') return 'none';
  return `\`${String(value)}\``;
}

export function configurationTable(): string {
  const rows = listSettings().map(
    (setting) => `| \`${setting.env}\` | ${cell(setting.doc)}${setting.sensitive ? ' (secret)' : ''} | ${formatDefault(setting.default)} |`,
  );
  return ['| variable | meaning | default |', '|---|---|---|', ...rows].join('\n');
}

export function metricCatalogue(api: Exclude<MetricApi, 'both'>): string {
  const rows = DEFINITIONS.filter((definition) => definition.api === api || (api !== 'exporter' && definition.api === 'both')).map((definition) => {
    const labels = definition.labels.length ? definition.labels.map((label) => `\`${label}\``).join(', ') : '';
    const source = api === 'exporter' ? definition.type : api === 'seats' ? cell(definition.source) : `\`${definition.source}\``;
    return `| \`${definition.name}\` | ${labels} | ${source} | ${cell(definition.help)} |`;
  });
  const header = api === 'exporter' ? '| metric | labels | type | meaning |' : api === 'seats' ? '| metric | labels beyond scope | GitHub source | meaning |' : '| metric | labels beyond scope | GitHub field | meaning |';
  return [header, '|---|---|---|---|', ...rows].join('\n');
}

/** The last `npm run bench` results (bench/results/results.json), as the README shows them. */
export function performance(): string {
  const results = JSON.parse(readFileSync(new URL('../bench/results/results.json', import.meta.url), 'utf8')) as {
    date: string;
    node: string;
    scrapes: number;
    table: string;
    summary: string;
  };
  const lines = results.summary.split('\n');
  const from = (prefix: string) => lines.filter((line) => line.startsWith(prefix)).join(' ');
  return [
    `Measured on ${results.date} with Node ${results.node} on 2 cores, ${results.scrapes} scrapes per figure; each cell is exporter / baseline.`,
    '',
    results.table,
    '',
    from('Ratios at'),
    '',
    `${from('GitHub API,')} ${from('A day at')}`,
  ].join('\n');
}

export const SECTIONS: Record<string, () => string> = {
  configuration: configurationTable,
  'metrics-usage': () => metricCatalogue('usage-metrics'),
  'metrics-legacy': () => metricCatalogue('legacy-metrics'),
  'metrics-seats': () => metricCatalogue('seats'),
  performance,
  'metrics-exporter': () => metricCatalogue('exporter'),
};

/** Replaces the text between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`. */
export function renderReadme(readme: string): string {
  let result = readme;
  for (const [name, produce] of Object.entries(SECTIONS)) {
    const pattern = new RegExp(`(<!-- BEGIN GENERATED: ${name} -->\\n)[\\s\\S]*?(<!-- END GENERATED: ${name} -->)`);
    if (!pattern.test(result)) throw new Error(`README.md has no generated section "${name}"`);
    result = result.replace(pattern, (_match, begin: string, end: string) => `${begin}${produce()}\n${end}`);
  }
  return result;
}
