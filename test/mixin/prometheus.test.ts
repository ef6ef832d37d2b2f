/**
 * The mixin against a real Prometheus (Debian's `prometheus` package): two exporters (usage-metrics, with
 * the optional AI credit collector on, and legacy-metrics) run against the fake GitHub API, Prometheus
 * scrapes both and loads the rules, and every dashboard query, every recording rule and every template
 * variable must return data.
 *
 * Week-over-week queries look 7 days back, so eight days of history for the families they read are
 * written first with `promtool tsdb create-blocks-from openmetrics`, labelled as the scrape labels them.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { RULES_FILE } from '../../mixin/build.js';
import { DATA_CHANGES } from '../../src/metrics/data-changes.js';
import { DEFAULT_ENTITIES, type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import type { ParsedSample } from '../helpers/exposition.js';
import { type ExporterProcess, PROJECT_ROOT, startExporterProcess, waitFor } from '../helpers/exporter-process.js';
import { dashboardExpressions, dashboards, fillVariables, labelValuesQuery, recordedNames } from '../helpers/mixin.js';
import { scrape } from '../helpers/scrape.js';
import { freePort, itWithTool } from '../helpers/tools.js';

const it = itWithTool('prometheus');
const HISTORY_FAMILIES = ['github_copilot_weekly_active_users', 'github_copilot_daily_active_users'];

let fake: FakeGitHub | undefined;
const exporters: ExporterProcess[] = [];
let prometheus: ChildProcess | undefined;
let api = '';

function slugs(kind: 'enterprise' | 'org'): string {
  return DEFAULT_ENTITIES.filter((entity) => entity.kind === kind).map((entity) => entity.slug).join(',');
}

function teams(kind: 'enterprise' | 'org'): string {
  return DEFAULT_ENTITIES.filter((entity) => entity.kind === kind).flatMap((entity) => (entity.teams ?? []).map((team) => `${entity.slug}/${team}`)).join(',');
}

/** Eight days of history (every 15 minutes, until an hour ago) of the families read with `offset 7d`. */
function history(scraped: ParsedSample[], job: string, instance: string): string {
  const now = Math.floor(Date.now() / 1000);
  const lines: string[] = [];
  for (const family of HISTORY_FAMILIES) {
    lines.push(`# TYPE ${family} gauge`);
    const series = scraped.filter((sample) => sample.name === family);
    for (const sample of series) {
      const labels = Object.entries({ ...sample.labels, job, instance })
        .map(([name, value]) => `${name}="${value}"`)
        .join(',');
      for (let t = now - 8 * 86400; t <= now - 3600; t += 900) lines.push(`${family}{${labels}} ${sample.value} ${t}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The values Grafana's `label_values(selector, label)` would list, with the variables it reads set as given (All otherwise). */
async function labelValues(variableQuery: string, set: Record<string, string> = {}): Promise<string[]> {
  const parsed = labelValuesQuery(variableQuery);
  if (!parsed) throw new Error(`not a label_values query: ${variableQuery}`);
  const selector = fillVariables(parsed.selector.replace(/\$(\w+)\b/g, (variable, name: string) => set[name] ?? variable));
  const response = (await (await fetch(`${api}/api/v1/label/${parsed.label}/values?match[]=${encodeURIComponent(selector)}`)).json()) as { status: string; data: string[] };
  if (response.status !== 'success') throw new Error(`${selector}: ${JSON.stringify(response)}`);
  return response.data;
}

async function query(expr: string): Promise<unknown[]> {
  const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: unknown[] } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data?.result ?? [];
}

beforeAll(async () => {
  if (spawnSync('prometheus', ['--version']).status !== 0 && process.env.CI !== 'true') return;
  fake = await startFakeGitHub();
  const common = { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: slugs('enterprise'), COPILOT_ORGS: slugs('org'), REFRESH_INTERVAL: '3600' };
  // The usage-metrics exporter also reads AI credit billing usage (off by default), for the Cost and value
  // dashboard and the AI-credit rules; the fake bills every organization and enterprise on its own.
  exporters.push(await startExporterProcess({ ...common, COPILOT_AI_CREDIT_METRICS: 'true' }));
  exporters.push(await startExporterProcess({ ...common, COPILOT_API: 'legacy-metrics', COPILOT_TEAMS: teams('org'), COPILOT_ENTERPRISE_TEAMS: teams('enterprise') }));
  const [usage, legacy] = exporters.map((exporter) => new URL(exporter.url).host) as [string, string];
  await waitFor('the exporters', async () => {
    const ready = await Promise.all(exporters.map(async (exporter) => (await fetch(`${exporter.url}/readyz`)).status === 200));
    return ready.every(Boolean) ? true : undefined;
  });

  const dir = mkdtempSync(join(tmpdir(), 'copilot-prometheus-'));
  const data = join(dir, 'data');
  writeFileSync(join(dir, 'history.om'), history((await scrape(`http://${usage}`)).samples, 'copilot-usage', usage));
  const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), data], { encoding: 'utf8' });
  if (blocks.status !== 0) throw new Error(`promtool tsdb create-blocks-from failed: ${blocks.stderr}`);

  writeFileSync(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '2s', evaluation_interval: '2s' },
      rule_files: [join(PROJECT_ROOT, RULES_FILE)],
      scrape_configs: [
        { job_name: 'copilot-usage', static_configs: [{ targets: [usage] }] },
        { job_name: 'copilot-legacy', static_configs: [{ targets: [legacy] }] },
      ],
    }),
  );
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  prometheus.stderr?.on('data', (chunk) => (log += String(chunk)));
  await waitFor(
    'Prometheus to scrape both exporters and evaluate the rules',
    async () => {
      const up = (await query('up == 1')).length === 2;
      const history7d = (await query('scope:github_copilot_weekly_active_users:ratio_offset_7d')).length > 0;
      const counters = (await query('instance_endpoint_code:github_copilot_exporter_github_requests:increase1h')).length > 0;
      const spend = (await query('scope:github_copilot_ai_credits_net_amount_usd_per_monthly_active_user:ratio')).length > 0;
      return up && history7d && counters && spend ? true : undefined;
    },
    60_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${log}`);
  });
}, 120_000);

afterAll(async () => {
  prometheus?.kill('SIGKILL');
  for (const exporter of exporters) await exporter.stop('SIGKILL');
  await fake?.close();
});

describe('the mixin on a real Prometheus', () => {
  it('loads every rule without an error', async () => {
    const body = (await (await fetch(`${api}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> } };
    const rules = body.data.groups.flatMap((group) => group.rules);
    expect(rules.length).toBeGreaterThan(25);
    for (const rule of rules) expect(`${rule.name}: ${rule.health} ${rule.lastError ?? ''}`.trim()).toBe(`${rule.name}: ok`);
  });

  it('answers every recording rule with data', async () => {
    for (const name of recordedNames()) expect((await query(name)).length, name).toBeGreaterThan(0);
  });

  it('answers every dashboard query with data', async () => {
    for (const { where, expr } of dashboardExpressions()) expect((await query(expr)).length, `${where}: ${expr}`).toBeGreaterThan(0);
  });

  it('marks GitHub’s data changes on every dashboard: each annotation query parses and returns one series per change, valued its day in milliseconds', async () => {
    const expected = Object.fromEntries(DATA_CHANGES.map((change) => [change.id, String(Date.parse(`${change.day}T00:00:00Z`))]));
    for (const { file, json } of dashboards()) {
      const annotations = json.annotations.list.filter((annotation) => annotation.expr !== undefined);
      expect(annotations.map((annotation) => annotation.useValueForTime), file).toEqual([true]);
      const result = (await query(fillVariables(String(annotations[0]?.expr)))) as Array<{ metric: Record<string, string>; value: [number, string] }>;
      expect(Object.fromEntries(result.map((series) => [series.metric.change, series.value[1]])), file).toEqual(expected);
    }
  });

  it('has values for every template variable', async () => {
    for (const { json } of dashboards()) {
      for (const variable of json.templating.list.filter((entry) => entry.type === 'query')) {
        expect((await labelValues(String(variable.query))).length, `${json.title}: $${variable.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('lists the jobs of its source in the job variable, and their instances in the instance variable', async () => {
    const exporterHosts = exporters.map((exporter) => new URL(exporter.url).host).sort();
    for (const { file, json } of dashboards()) {
      const variable = (name: string) => String(json.templating.list.find((entry) => entry.name === name)?.query);
      const expected = file === 'grafana/legacy-metrics.json' ? ['copilot-legacy'] : file === 'grafana/exporter-health.json' ? ['copilot-legacy', 'copilot-usage'] : ['copilot-usage'];
      expect(await labelValues(variable('job')), file).toEqual(expected);
      const instances = await labelValues(variable('instance'));
      expect(instances.length, file).toBe(expected.length);
      for (const instance of instances) expect(exporterHosts, file).toContain(instance);
    }
  });

  it('lists teams in the team variable from the default usage-metrics source, where teams are no targets', async () => {
    for (const { file, json } of dashboards().filter(({ file }) => !['grafana/legacy-metrics.json', 'grafana/exporter-health.json'].includes(file))) {
      const team = String(json.templating.list.find((entry) => entry.name === 'team')?.query);
      const teams = await labelValues(team, { job: 'copilot-usage' });
      expect(teams.length, `${file}: ${team}`).toBeGreaterThan(0);
      // Picking a team leaves the dashboard's series of that team.
      expect((await query(`github_copilot_daily_active_users{job="copilot-usage", team="${teams[0]}"}`)).length, file).toBeGreaterThan(0);
    }
  });
});
