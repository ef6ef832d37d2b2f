/**
 * Building blocks shared by the dashboards: the datasource and scope variables, the scope selector,
 * and panel helpers that always set a description, a unit and the `${datasource}` datasource.
 *
 * Copilot series are per scope (`enterprise` or `org`, and `team`); panels show one line per scope and
 * never add scopes together: user counts are distinct users, and organizations overlap.
 */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import { LegendDisplayMode, LegendPlacement, LineInterpolation, VizLegendOptionsBuilder, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  RowBuilder,
  type ValueMappingResult,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { MixinConfig } from '../config.js';

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

// Per-user series (COPILOT_USER_METRICS) carry a `user` label; the dashboards show scopes only.
const SCOPE_MATCHERS = 'enterprise=~"$enterprise", org=~"$org", team=~"$team", user=""';

/** `metric{enterprise=~"$enterprise", org=~"$org", team=~"$team"[, extra]}` */
export function scoped(metric: string, extra = ''): string {
  return `${metric}{${SCOPE_MATCHERS}${extra ? `, ${extra}` : ''}}`;
}

/**
 * A Copilot series as dashboards read it: the last value within a day. Live series are scraped often and
 * backfilled history has one sample a day (see "Backfill" in the README); both draw as continuous lines.
 */
export function daily(metric: string, extra = ''): string {
  return `last_over_time(${scoped(metric, extra)}[1d])`;
}

/** The scope of a series in a legend: `acme`, `acme-web`, or `acme-web platform` for a team. */
export const SCOPE_LEGEND = '{{enterprise}}{{org}} {{team}}';

/** Said by every Copilot panel: which GitHub day the numbers describe. */
export const DAY_NOTE =
  'Each value is the latest complete day GitHub reported for the scope (see "Reported day" on the Adoption overview); GitHub publishes a day within about two days, so lines step once a day.';

export interface Query {
  expr: string;
  legend: string;
  /** Only the latest value (stat, bar gauge and table panels). */
  instant?: boolean;
  /** Table panels ask for the series as a table. */
  table?: boolean;
}

function targets(queries: Query[]): DataqueryBuilder[] {
  return queries.map((query, index) => {
    const target = new DataqueryBuilder()
      .refId(String.fromCharCode(65 + index))
      .expr(query.expr)
      .legendFormat(query.legend)
      .datasource(DATASOURCE);
    if (query.instant) target.instant();
    if (query.table) target.format(PromQueryFormat.Table);
    return target;
  });
}

export interface PanelSpec {
  title: string;
  description: string;
  queries: Query[];
  unit?: string;
  /** Width in grid columns (24 is the full width). */
  span?: number;
  height?: number;
}

export function timeseriesPanel(spec: PanelSpec): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit ?? 'short')
    .span(spec.span ?? 12)
    .height(spec.height ?? 8)
    .lineInterpolation(LineInterpolation.StepAfter)
    .legend(new VizLegendOptionsBuilder().displayMode(LegendDisplayMode.Table).placement(LegendPlacement.Bottom).showLegend(true).calcs(['lastNotNull']));
  for (const target of targets(spec.queries)) panel.withTarget(target);
  return panel;
}

export function statPanel(spec: PanelSpec): stat.PanelBuilder {
  const panel = new stat.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit ?? 'short')
    .span(spec.span ?? 6)
    .height(spec.height ?? 5);
  for (const target of targets(spec.queries.map((query) => ({ ...query, instant: true })))) panel.withTarget(target);
  return panel;
}

export function barGaugePanel(spec: PanelSpec): bargauge.PanelBuilder {
  const panel = new bargauge.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit ?? 'percentunit')
    .min(0)
    .span(spec.span ?? 12)
    .height(spec.height ?? 8)
    .orientation(VizOrientation.Horizontal);
  for (const target of targets(spec.queries.map((query) => ({ ...query, instant: true })))) panel.withTarget(target);
  return panel;
}

export function tablePanel(spec: PanelSpec): table.PanelBuilder {
  const panel = new table.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .span(spec.span ?? 24)
    .height(spec.height ?? 8);
  for (const target of targets(spec.queries.map((query) => ({ ...query, instant: true, table: true })))) panel.withTarget(target);
  return panel;
}

/** One row per series over time, each stretch named and coloured by `states` (value → text and colour). */
export function stateTimelinePanel(spec: PanelSpec, states: Record<string, ValueMappingResult>): statetimeline.PanelBuilder {
  const panel = new statetimeline.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .unit(spec.unit ?? 'short')
    .span(spec.span ?? 12)
    .height(spec.height ?? 8)
    .mappings([{ type: MappingType.ValueToText, options: states }]);
  for (const target of targets(spec.queries)) panel.withTarget(target);
  return panel;
}

function scopeVariable(name: string, label: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(DATASOURCE)
    .query(`label_values(github_copilot_exporter_target_up, ${name})`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .includeAll(true)
    .allValue('.*')
    .multi(true)
    .current({ text: 'All', value: '$__all' })
    .sort(VariableSort.AlphabeticalAsc);
}

/** A dashboard with the datasource, enterprise, org and team variables and links to its siblings. */
export function copilotDashboard(config: MixinConfig, uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(`${config.dashboardUidPrefix}${uid}`)
    .description(description)
    .tags(config.dashboardTags)
    .editable()
    .timezone('utc')
    .time({ from: 'now-30d', to: 'now' })
    .refresh('30m')
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'))
    .withVariable(scopeVariable('enterprise', 'Enterprise'))
    .withVariable(scopeVariable('org', 'Organization'))
    .withVariable(scopeVariable('team', 'Team'))
    .link(
      new DashboardLinkBuilder('Copilot dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags(config.dashboardTags)
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
}

export function row(title: string): RowBuilder {
  return new RowBuilder(title);
}
