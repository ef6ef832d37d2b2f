/** The PromQL of the mixin: every dashboard query and rule expression, with Grafana variables filled in. */
import { buildMixin, DASHBOARDS, RULES_FILE } from '../../mixin/build.js';
import { parse } from 'yaml';

export interface Expression {
  where: string;
  expr: string;
}

interface Panel {
  title?: string;
  description?: string;
  type?: string;
  targets?: Array<{ expr: string; refId?: string; datasource?: { uid?: string } }>;
}

export function dashboards(): Array<{ file: string; json: { title: string; panels: Panel[]; templating: { list: Array<{ name: string; type: string; query?: unknown }> } } }> {
  const files = buildMixin();
  return Object.keys(DASHBOARDS).map((file) => ({ file, json: JSON.parse(files.get(file) as string) }));
}

export function ruleGroups(): Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }> {
  return (parse(buildMixin().get(RULES_FILE) as string) as { groups: ReturnType<typeof ruleGroups> }).groups;
}

/** Grafana's variables and macros as a scrape of "All" would see them. */
export function fillVariables(expr: string): string {
  return expr
    .replace(/\$(enterprise|org|team)\b/g, '.*')
    .replace(/\$__rate_interval|\$__interval|\$__range/g, '5m');
}

export function dashboardExpressions(): Expression[] {
  return dashboards().flatMap(({ file, json }) =>
    json.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: `${file}: ${panel.title} ${target.refId}`, expr: fillVariables(target.expr) }))),
  );
}

export function ruleExpressions(): Expression[] {
  return ruleGroups().flatMap((group) => group.rules.map((rule) => ({ where: `${RULES_FILE}: ${rule.record ?? rule.alert}`, expr: rule.expr })));
}

export function recordedNames(): string[] {
  return ruleGroups().flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
}

/** Metric names in an expression: ours all start with github_copilot_ or are level:metric:operations. */
export function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b[a-zA-Z_][a-zA-Z0-9_]*(?::[a-zA-Z0-9_]+)+\b|\bgithub_copilot_[a-zA-Z0-9_]+\b/g)].map((match) => match[0]);
}
