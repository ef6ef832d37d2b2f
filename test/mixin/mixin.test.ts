import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildMixin } from '../../mixin/build.js';
import { DEFINITIONS } from '../../src/collectors/index.js';
import { PROJECT_ROOT } from '../helpers/exporter-process.js';
import { dashboardExpressions, dashboards, labelValuesQuery, metricNames, rawDashboardExpressions, recordedNames, ruleExpressions, ruleGroups, selectors } from '../helpers/mixin.js';
import { itWithTool } from '../helpers/tools.js';

const exported = new Set(DEFINITIONS.map((definition) => definition.name));
const recorded = new Set(recordedNames());
const expressions = [...dashboardExpressions(), ...ruleExpressions()];
const recordings = new Map(ruleGroups().flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [[rule.record, rule.expr] as const] : []))));

/** Whether a family (or a recording rule, through what it reads) carries the scope labels of a target. */
function scopedFamily(name: string): boolean {
  const definition = DEFINITIONS.find((candidate) => candidate.name === name);
  if (definition) return definition.api !== 'exporter' || definition.labels.includes('org');
  return metricNames(recordings.get(name) ?? '').every(scopedFamily);
}

const SOURCE_MATCHERS = ['job=~"$job"', 'instance=~"$instance"'];
const SCOPE_MATCHERS = ['enterprise=~"$enterprise"', 'org=~"$org"', 'team=~"$team"'];

/** Which acceptance rate a recording rule is, by its name (the rules test below holds the names to it). */
function acceptanceKind(name: string): 'completions' | 'all features' | 'each feature' | undefined {
  if (!/acceptance.*:ratio$/.test(name)) return undefined;
  if (name.includes('_all_features:')) return 'all features';
  if (name.startsWith('scope_feature:')) return 'each feature';
  return 'completions';
}

/** What each `sum` aggregation of an expression adds up: the argument of `sum [by|without (…)] (argument)`. */
function summed(expr: string): string[] {
  return [...expr.matchAll(/\bsum\s*(?:(?:by|without)\s*\([^)]*\)\s*)?\(/g)].map((match) => {
    const start = (match.index ?? 0) + match[0].length;
    let depth = 1;
    let end = start;
    for (; end < expr.length && depth > 0; end += 1) depth += expr[end] === '(' ? 1 : expr[end] === ')' ? -1 : 0;
    return expr.slice(start, end - 1);
  });
}

const KIND_WORDING = { completions: /code completions only/i, 'all features': /all features/i, 'each feature': /each feature's own rate/i };

function promtool(...args: string[]) {
  const result = spawnSync('promtool', args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the monitoring mixin', () => {
  it('is committed as generated (run `npm run mixin` after editing mixin/)', () => {
    for (const [path, content] of buildMixin()) expect(readFileSync(join(PROJECT_ROOT, path), 'utf8'), path).toBe(content);
  });

  it('references only metrics the exporter emits or a recording rule defines', () => {
    for (const { where, expr } of expressions) {
      const names = metricNames(expr);
      expect(names.length, where).toBeGreaterThan(0);
      for (const name of names) expect(exported.has(name) || recorded.has(name), `${where}: ${name}`).toBe(true);
    }
  });

  it('uses every recording rule somewhere', () => {
    const used = new Set(expressions.flatMap(({ expr }) => metricNames(expr)));
    for (const name of recorded) expect(used.has(name), name).toBe(true);
  });

  it('never averages, and never adds up user counts', () => {
    for (const { where, expr } of expressions) {
      expect(expr, where).not.toMatch(/\bavg\b/);
      // A ratio may divide a sum (of spend, say) by users; what a sum adds up must hold no user count. One
      // exception: an IDE's users by version, summed over its versions only, since a user's row reports one
      // version per IDE (the users of different versions are different users).
      for (const argument of summed(expr)) {
        const overVersions =
          /^github_copilot_users_by_(ide|plugin)_version\{ide="[a-z]+"/.test(argument) && ['ide_version', 'plugin, plugin_version'].some((labels) => expr.includes(`sum without (${labels}) (${argument})`));
        for (const name of metricNames(argument)) if (!overVersions) expect(name, `${where} sums ${name}`).not.toMatch(/_users/);
      }
    }
  });

  it('names recording rules level:metric:operations', () => {
    for (const name of recorded) expect(name).toMatch(/^[a-z_]+:github_copilot_[a-z0-9_]+:[a-z0-9_]+$/);
  });

  it('gives every alert a severity, a summary, a description and a runbook section', () => {
    const runbook = readFileSync(join(PROJECT_ROOT, 'docs/runbook.md'), 'utf8');
    const alerts = ruleGroups().flatMap((group) => group.rules.filter((rule) => rule.alert));
    expect(alerts.map((alert) => alert.alert)).toEqual([
      'CopilotAdoptionDrop',
      'CopilotDailyActiveUsersCollapse',
      'CopilotMetricsStale',
      'CopilotExporterTargetDown',
      'CopilotCollectorFailing',
      'CopilotExporterAbsent',
      'CopilotGitHubRateLimitLow',
      'CopilotGitHubErrorsPersisting',
      'CopilotRemoteWriteRejected',
      'CopilotRemoteWriteFailing',
      'CopilotAICreditSpendSpike',
      'CopilotAICreditBudgetExceeded',
    ]);
    for (const alert of alerts) {
      expect(['warning', 'critical']).toContain(alert.labels?.severity);
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
      const anchor = alert.annotations?.runbook_url?.split('#')[1];
      expect(runbook, `runbook section for ${alert.alert}`).toContain(`\n## ${alert.alert}\n`);
      expect(anchor).toBe(alert.alert?.toLowerCase());
    }
  });

  it('builds importable dashboards: datasource, job, instance and scope variables, described panels, one datasource', () => {
    for (const { file, json } of dashboards()) {
      expect(json.templating.list.map((variable) => `${variable.name}:${variable.type}`), file).toEqual([
        'datasource:datasource',
        'job:query',
        'instance:query',
        'enterprise:query',
        'org:query',
        'team:query',
      ]);
      const panels = json.panels.filter((panel) => panel.type !== 'row');
      expect(panels.length, file).toBeGreaterThan(4);
      for (const panel of panels) {
        expect(panel.description?.length ?? 0, `${file}: ${panel.title}`).toBeGreaterThan(40);
        expect(panel.datasource?.uid, `${file}: ${panel.title}`).toBe('${datasource}');
        for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${datasource}');
      }
      const copilotPanels = panels.filter((panel) => panel.targets?.some((target) => /github_copilot_(?!exporter)|:github_copilot_(?!exporter)/.test(target.expr)));
      for (const panel of copilotPanels) expect(panel.description, `${file}: ${panel.title} says which day`).toMatch(/day/);
    }
  });

  it('filters every panel query by every variable (job and instance always, the scope wherever the series has one)', () => {
    for (const { where, expr } of rawDashboardExpressions()) {
      const found = selectors(expr);
      expect(found.length, where).toBeGreaterThan(0);
      for (const { metric, matchers } of found) {
        for (const matcher of SOURCE_MATCHERS) expect(matchers, `${where}: ${metric}`).toContain(matcher);
        if (scopedFamily(metric)) for (const matcher of SCOPE_MATCHERS) expect(matchers, `${where}: ${metric}`).toContain(matcher);
      }
    }
  });

  it('reads each variable from one family of the dashboard, filtered by the variables before it, multi-value with All', () => {
    const before: Record<string, string[]> = {
      job: [],
      instance: ['job=~"$job"'],
      enterprise: SOURCE_MATCHERS,
      org: SOURCE_MATCHERS,
      team: [...SOURCE_MATCHERS, 'enterprise=~"$enterprise"', 'org=~"$org"'],
    };
    for (const { file, json } of dashboards()) {
      const queries = json.templating.list.filter((variable) => variable.type === 'query');
      const families = new Set<string>();
      for (const variable of queries) {
        const query = labelValuesQuery(String(variable.query));
        expect(query, `${file}: $${variable.name}`).toBeDefined();
        const [selector] = selectors(query?.selector ?? '');
        expect(query?.label).toBe(variable.name);
        expect(selector?.matchers.sort(), `${file}: $${variable.name}`).toEqual([...(before[variable.name] ?? [])].sort());
        families.add(selector?.metric ?? '');
        expect(variable.datasource?.uid).toBe('${datasource}');
        expect(variable).toMatchObject({ multi: true, includeAll: true, allValue: '.*', current: { value: '$__all' } });
      }
      expect([...families], file).toHaveLength(1);
      // Teams are no targets with the default usage-metrics source, so the Copilot dashboards take their
      // variables from a Copilot family; only the exporter's own dashboard lists its targets.
      if (file !== 'grafana/exporter-health.json') expect([...families][0], file).toMatch(/^github_copilot_(?!exporter_)/);
    }
  });

  it('carries __inputs and __requires for Grafana\'s UI import, consistent with what the dashboard uses', () => {
    for (const { file, text, json } of dashboards()) {
      expect(Object.keys(json).slice(0, 2), file).toEqual(['__inputs', '__requires']);
      expect(json.__inputs, file).toEqual([{ name: 'DS_PROMETHEUS', label: 'Prometheus', description: expect.any(String), type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }]);
      // Each input is used, and only by the datasource variable's default; panels read ${datasource},
      // which file provisioning (where nothing replaces ${DS_PROMETHEUS}) resolves too.
      const references = [...text.matchAll(/\$\{(DS_[A-Z0-9_]+)\}/g)].map((match) => match[1]);
      expect(new Set(references), file).toEqual(new Set(json.__inputs.map((input) => input.name)));
      const datasourceVariable = json.templating.list.find((variable) => variable.type === 'datasource');
      expect(datasourceVariable, file).toMatchObject({ name: 'datasource', query: 'prometheus', current: { text: '${DS_PROMETHEUS}', value: '${DS_PROMETHEUS}' } });
      expect(references, file).toHaveLength(2);

      const requires = (type: string) => json.__requires.filter((entry) => entry.type === type).map((entry) => entry.id).sort();
      expect(requires('grafana'), file).toEqual(['grafana']);
      const panelTypes = [...new Set(json.panels.map((panel) => panel.type ?? '').filter((type) => type !== 'row'))].sort();
      expect(requires('panel'), file).toEqual(panelTypes);
      const datasourceTypes = new Set([
        ...json.__inputs.map((input) => input.pluginId),
        ...json.templating.list.flatMap((variable) => (variable.type === 'datasource' ? [String(variable.query)] : variable.datasource?.type ? [variable.datasource.type] : [])),
        ...json.panels.flatMap((panel) => [panel.datasource?.type, ...(panel.targets ?? []).map((target) => target.datasource?.type)].filter((type): type is string => Boolean(type))),
      ]);
      expect(requires('datasource'), file).toEqual([...datasourceTypes].sort());
      for (const entry of json.__requires) expect(entry.name.length, `${file}: ${entry.id}`).toBeGreaterThan(0);
    }
  });

  it('says in each acceptance-rate panel which rate it shows: code completions only, all features, or each feature', () => {
    let checked = 0;
    for (const { file, json } of dashboards()) {
      for (const panel of json.panels) {
        const kinds = new Set((panel.targets ?? []).flatMap((target) => metricNames(target.expr).map(acceptanceKind)).filter(Boolean));
        for (const kind of kinds) expect(panel.description, `${file}: ${panel.title} (${kind})`).toMatch(KIND_WORDING[kind as keyof typeof KIND_WORDING]);
        if (kinds.size > 0 && !kinds.has('all features')) expect(panel.description, `${file}: ${panel.title}`).not.toMatch(KIND_WORDING['all features']);
        if (kinds.size > 0) checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('names the acceptance rules for what they count: code completions under the headline name, every feature under _all_features', () => {
    const acceptance = [...recordings].filter(([name]) => acceptanceKind(name));
    expect(acceptance.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'scope:github_copilot_code_acceptance:ratio',
        'scope:github_copilot_loc_acceptance:ratio',
        'scope:github_copilot_code_acceptance_all_features:ratio',
        'scope:github_copilot_loc_acceptance_all_features:ratio',
      ]),
    );
    for (const [name, expr] of acceptance) {
      const usageFamilies = metricNames(expr).filter((metric) => !metric.includes('ide_code_completions'));
      if (usageFamilies.length === 0) continue; // the legacy API's completions, which are nothing else
      const kind = acceptanceKind(name);
      for (const { metric, matchers } of selectors(expr)) {
        if (kind === 'completions') expect(matchers, `${name}: ${metric}`).toEqual(['feature="code_completion"']);
        else expect(matchers, `${name}: ${metric}`).toEqual([]);
      }
    }
  });

  itWithTool('promtool')('passes promtool check rules', () => {
    const { status, output } = promtool('check', 'rules', 'prometheus/github-copilot.rules.yml');
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  // promtool evaluates every rule every 5 minutes over up to two weeks of samples, one test group after
  // another: about 25 s on an idle machine, over 40 s on a busy one, so the default 30 s is too short.
  itWithTool('promtool')('passes its promtool unit tests (the acceptance rules count what their names say; every alert fires and stays silent as it should)', () => {
    const { status, output } = promtool('test', 'rules', 'prometheus/tests/github-copilot.rules.test.yml');
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
    // About 100 s on 2 cores shared with the other test files (weeks of 5-minute evaluations): room for a slower machine.
  }, 360_000);

  itWithTool('promtool')('has dashboard queries that parse and type-check as instant vectors', () => {
    // promtool checks a recording rule's expression; one rule per dashboard query.
    const rules = dashboardExpressions().map(({ expr }, index) => ({ record: `dashboard_query_${index}`, expr }));
    const file = join(mkdtempSync(join(tmpdir(), 'copilot-dashboards-')), 'dashboard-queries.rules.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard-queries', rules }] }));
    const { status, output } = promtool('check', 'rules', file);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(status).toBe(0);
  });
});
