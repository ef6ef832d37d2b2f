import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildMixin } from '../../mixin/build.js';
import { DEFINITIONS } from '../../src/collectors/index.js';
import { PROJECT_ROOT } from '../helpers/exporter-process.js';
import { dashboardExpressions, dashboards, metricNames, recordedNames, ruleExpressions, ruleGroups } from '../helpers/mixin.js';
import { itWithTool } from '../helpers/tools.js';

const exported = new Set(DEFINITIONS.map((definition) => definition.name));
const recorded = new Set(recordedNames());
const expressions = [...dashboardExpressions(), ...ruleExpressions()];

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
      if (/\bsum\b/.test(expr)) for (const name of metricNames(expr)) expect(name, `${where} sums ${name}`).not.toMatch(/_users/);
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
    ]);
    for (const alert of alerts) {
      expect(['warning', 'critical']).toContain(alert.labels?.severity);
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
      const anchor = alert.annotations?.runbook_url?.split('#')[1];
      expect(runbook, `runbook section for ${alert.alert}`).toContain(`\n## ${alert.alert}\n`);
      expect(anchor).toBe(alert.alert?.toLowerCase());
    }
  });

  it('builds importable dashboards: datasource and scope variables, described panels, one datasource', () => {
    for (const { file, json } of dashboards()) {
      expect(json.templating.list.map((variable) => `${variable.name}:${variable.type}`), file).toEqual(['datasource:datasource', 'enterprise:query', 'org:query', 'team:query']);
      const panels = json.panels.filter((panel) => panel.type !== 'row');
      expect(panels.length, file).toBeGreaterThan(4);
      for (const panel of panels) {
        expect(panel.description?.length ?? 0, `${file}: ${panel.title}`).toBeGreaterThan(40);
        for (const target of panel.targets ?? []) expect(target.datasource?.uid).toBe('${datasource}');
      }
      const copilotPanels = panels.filter((panel) => panel.targets?.some((target) => /github_copilot_(?!exporter)|:github_copilot_(?!exporter)/.test(target.expr)));
      for (const panel of copilotPanels) expect(panel.description, `${file}: ${panel.title} says which day`).toMatch(/day/);
    }
  });

  itWithTool('promtool')('passes promtool check rules', () => {
    const { status, output } = promtool('check', 'rules', 'prometheus/github-copilot.rules.yml');
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  });

  // promtool evaluates every rule every 5 minutes over up to two weeks of samples, one test group after
  // another: about 25 s on an idle machine, over 40 s on a busy one, so the default 30 s is too short.
  itWithTool('promtool')('passes its promtool unit tests (every alert fires and stays silent as it should)', () => {
    const { status, output } = promtool('test', 'rules', 'prometheus/tests/github-copilot.rules.test.yml');
    expect(output).toContain('SUCCESS');
    expect(status).toBe(0);
  }, 180_000);

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
