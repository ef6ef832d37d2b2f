/**
 * The generated parts of README.md: the configuration table (from the convict schema), the metric
 * catalogue (from the definitions table) and GitHub's data changes (src/metrics/data-changes.ts, also in
 * docs/runbook.md). `npm run docs` writes them; test/readme.test.ts fails when the committed README or
 * runbook differs from what this produces.
 */
import { readFileSync } from 'node:fs';
import { listSettings } from '../src/config/schema.js';
import { COLLECTORS, DEFINITIONS } from '../src/collectors/index.js';
import type { ExporterConfig } from '../src/config/exporter-config.js';
import { DATA_CHANGES } from '../src/metrics/data-changes.js';
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
  const described = api === 'seats' || api === 'ai-credits' || api === 'data-changes';
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
  'metrics-data-changes': () => metricCatalogue('data-changes'),
  'data-changes': dataChangesTable,
};

/** GitHub's announced data changes, as the `change` label names them. */
export function dataChangesTable(): string {
  return ['| day | `change` | what moved | what GitHub said |', '|---|---|---|---|', ...DATA_CHANGES.map((change) => `| ${change.day} | \`${change.id}\` | ${cell(change.moved)} | ${cell(change.github)} |`)].join('\n');
}

/** Replaces the text between `<!-- BEGIN GENERATED: name -->` and `<!-- END GENERATED: name -->`. */
export function renderReadme(readme: string): string {
  return renderSections(readme, SECTIONS, 'README.md');
}

/** docs/runbook.md holds the list of data changes too. */
export function renderRunbook(runbook: string): string {
  return renderSections(runbook, { 'data-changes': dataChangesTable }, 'docs/runbook.md');
}

function renderSections(text: string, sections: Record<string, () => string>, file: string): string {
  let result = text;
  for (const [name, produce] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- BEGIN GENERATED: ${name} -->\\n)[\\s\\S]*?(<!-- END GENERATED: ${name} -->)`);
    if (!pattern.test(result)) throw new Error(`${file} has no generated section "${name}"`);
    result = result.replace(pattern, (_match, begin: string, end: string) => `${begin}${produce()}\n${end}`);
  }
  return result;
}
