/**
 * The generated parts of README.md: the configuration table (from the convict schema) and the metric
 * catalogue (from the definitions table). `npm run docs` writes them; test/readme.test.ts fails when
 * the committed README differs from what this produces.
 */
import { readFileSync } from 'node:fs';
import { listSettings } from '../src/config/schema.js';
import { COLLECTORS, DEFINITIONS } from '../src/collectors/index.js';
import type { ExporterConfig } from '../src/config/exporter-config.js';
import type { MetricApi } from '../src/metrics/definitions.js';

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
  // The day timestamp belongs to both report sources; seats describe the time of reading, not a day.
  const shared = api === 'usage-metrics' || api === 'legacy-metrics';
  // Billing APIs (seats, AI credits) are described in words; report fields are paths.
  const described = api === 'seats' || api === 'ai-credits';
  const rows = DEFINITIONS.filter((definition) => definition.api === api || (shared && definition.api === 'both')).map((definition) => {
    const labels = definition.labels.length ? definition.labels.map((label) => `\`${label}\``).join(', ') : '';
    const source = api === 'exporter' ? definition.type : described ? cell(definition.source) : `\`${definition.source}\``;
    return `| \`${definition.name}\` | ${labels} | ${source} | ${cell(definition.help)} |`;
  });
  const header = api === 'exporter' ? '| metric | labels | type | meaning |' : described ? '| metric | labels beyond scope | GitHub source | meaning |' : '| metric | labels beyond scope | GitHub field | meaning |';
  return [header, '|---|---|---|---|', ...rows].join('\n');
}

/** The settings that widen what a collector reads (teams and per-user on), at their defaults otherwise. */
function everythingOn(): ExporterConfig {
  const seats = listSettings().find((setting) => setting.env === 'SEATS_REFRESH_INTERVAL')?.default as number;
  const aiCredits = listSettings().find((setting) => setting.env === 'AI_CREDITS_REFRESH_INTERVAL')?.default as number;
  return { teamMetrics: true, userMetrics: { label: 'login', salt: '', maxUsers: 1 }, seatsRefreshIntervalSeconds: seats, aiCreditsRefreshIntervalSeconds: aiCredits } as ExporterConfig;
}

/** One row per collector: what it reads, what turns it on, how often, and what GitHub must grant. */
export function collectorTable(): string {
  const config = everythingOn();
  const targets = [
    { kind: 'enterprise', slug: 'e' },
    { kind: 'org', slug: 'o' },
  ] as const;
  const rows = COLLECTORS.map((collector) => {
    const templates = new Set(targets.flatMap((target) => collector.endpoints(target, config).map((use) => use.endpoint.template)));
    const reads = [...templates].map((template) => `\`${template}\``).join(', ');
    const interval = collector.refreshIntervalMs(config);
    const refreshed = interval === undefined ? 'every poll' : `every ${interval / 3_600_000} h`;
    return `| \`${collector.name}\` | ${collector.main ? 'main report (`target_up`)' : 'optional'} | ${reads} | \`${collector.switchedBy}\` | ${refreshed} | ${cell(collector.needs)} |`;
  });
  return ['| collector | role | reads | switched by | refreshed | GitHub must grant |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The last `npm run bench` results (bench/results/results.json), as the README shows them. */
export function performance(): string {
  const results = JSON.parse(readFileSync(new URL('../bench/results/results.json', import.meta.url), 'utf8')) as {
    date: string;
    node: string;
    scrapes: number;
    table: string;
    enterpriseTable: string;
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
    from('The limit,'),
    '',
    lines.slice(lines.indexOf('Budgets:') + 1).filter((line) => /^ {2}(met|MISSED)/.test(line)).map((line) => `- ${line.trim().replace(/^(met|MISSED) +/, '$1: ')}`).join('\n'),
    '',
    from('Scrapes per measurement'),
    '',
    from('Enterprise scale:'),
    '',
    results.enterpriseTable,
    '',
    `${from('GitHub API,')} ${from('A day at')}`,
  ].join('\n');
}

export const SECTIONS: Record<string, () => string> = {
  configuration: configurationTable,
  collectors: collectorTable,
  'metrics-usage': () => metricCatalogue('usage-metrics'),
  'metrics-legacy': () => metricCatalogue('legacy-metrics'),
  'metrics-seats': () => metricCatalogue('seats'),
  'metrics-ai-credits': () => metricCatalogue('ai-credits'),
  'metrics-repositories': () => metricCatalogue('repositories'),
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
