/** The PromQL of the mixin: every dashboard query and rule expression, with Grafana variables filled in. */
import { buildMixin, DASHBOARDS, RULES_FILE } from '../../mixin/build.js';
import { parse } from 'yaml';

export interface Expression {
  where: string;
  expr: string;
}

interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface Panel {
  title?: string;
  description?: string;
  type?: string;
  datasource?: DatasourceRef;
  targets?: Array<{ expr: string; refId?: string; datasource?: DatasourceRef }>;
}

export interface Variable {
  name: string;
  type: string;
  query?: unknown;
  datasource?: DatasourceRef;
  current?: { text?: unknown; value?: unknown };
}

export interface DashboardJson {
  __inputs: Array<{ name: string; label: string; type: string; pluginId: string; pluginName: string }>;
  __requires: Array<{ type: string; id: string; name: string; version: string }>;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
  annotations: { list: Array<{ name: string; expr?: string; useValueForTime?: boolean; datasource?: DatasourceRef }> };
}

export function dashboards(): Array<{ file: string; text: string; json: DashboardJson }> {
  const files = buildMixin();
  return Object.keys(DASHBOARDS).map((file) => ({ file, text: files.get(file) as string, json: JSON.parse(files.get(file) as string) }));
}

export function ruleGroups(): Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }> {
  return (parse(buildMixin().get(RULES_FILE) as string) as { groups: ReturnType<typeof ruleGroups> }).groups;
}

/** Grafana's variables and macros as a scrape of "All" would see them. */
export function fillVariables(expr: string): string {
  return expr
    .replace(/\$(job|instance|enterprise|org|team)\b/g, '.*')
    .replace(/\$__rate_interval|\$__interval|\$__range/g, '5m');
}

/** Every panel query as the dashboard holds it, variables unfilled. */
export function rawDashboardExpressions(): Expression[] {
  return dashboards().flatMap(({ file, json }) =>
    json.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `${file}: ${panel.title} ${target.refId}`, expr: target.expr }))),
  );
}

export function dashboardExpressions(): Expression[] {
  return rawDashboardExpressions().map(({ where, expr }) => ({ where, expr: fillVariables(expr) }));
}

export function ruleExpressions(): Expression[] {
  return ruleGroups().flatMap((group) => group.rules.map((rule) => ({ where: `${RULES_FILE}: ${rule.record ?? rule.alert}`, expr: rule.expr })));
}

export function recordedNames(): string[] {
  return ruleGroups().flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
}

const METRIC_NAME = String.raw`\b[a-zA-Z_][a-zA-Z0-9_]*(?::[a-zA-Z0-9_]+)+\b|\bgithub_copilot_[a-zA-Z0-9_]+\b`;

/** Metric names in an expression: ours all start with github_copilot_ or are level:metric:operations. */
export function metricNames(expr: string): string[] {
  return [...expr.matchAll(new RegExp(METRIC_NAME, 'g'))].map((match) => match[0]);
}

/** The vector selectors of an expression: each metric name and its matchers (`name=~"value"` strings, spaces removed). */
export function selectors(expr: string): Array<{ metric: string; matchers: string[] }> {
  return [...expr.matchAll(new RegExp(`(${METRIC_NAME})(\\{[^}]*\\})?`, 'g'))].map((match) => ({
    metric: match[1] as string,
    matchers: [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, name, op, value]) => `${name}${op}"${value}"`),
  }));
}

/** `label_values(selector, label)` of a query variable, split. */
export function labelValuesQuery(query: string): { selector: string; label: string } | undefined {
  const match = /^label_values\((.+), (\w+)\)$/.exec(query);
  return match ? { selector: match[1] as string, label: match[2] as string } : undefined;
}
