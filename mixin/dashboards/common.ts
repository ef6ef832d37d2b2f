/**
 * Building blocks shared by the dashboards: the datasource, job, instance and scope variables, the
 * selectors that filter by them, panel helpers that always set a description, a unit and the
 * `${datasource}` datasource, and the `__inputs`/`__requires` of Grafana's export format.
 *
 * Copilot series are per scope (`enterprise` or `org`, and `team`); panels show one line per scope and
 * never add scopes together: user counts are distinct users, and organizations overlap.
 */
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import { LegendDisplayMode, LegendPlacement, LineInterpolation, VizLegendOptionsBuilder, VizOrientation } from '@grafana/grafana-foundation-sdk/common';
import {
  AnnotationQueryBuilder,
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

/**
 * Where the data comes from, and how a dashboard gets there both ways Grafana loads one:
 *
 * - Every panel and query variable reads the `datasource` template variable (`${datasource}`), never a
 *   fixed data source, so the Data source drop-down switches the whole dashboard.
 * - UI import (Dashboards → New → Import) reads `__inputs`: it asks for a Prometheus data source for
 *   DS_PROMETHEUS and replaces every `${DS_PROMETHEUS}` string of the JSON with that data source's uid
 *   before saving (Grafana's DashTemplateEvaluator; it drops `__inputs`). The one place that string
 *   appears is the `datasource` variable's current value, so the dashboard opens on the chosen source.
 * - File provisioning (a dashboard provider, the Helm chart's ConfigMaps read by the Grafana sidecar)
 *   loads the JSON as it is: `__inputs` is ignored and no `${DS_…}` is replaced. Had panels used
 *   `${DS_PROMETHEUS}` directly they would fail there with "Datasource ${DS_PROMETHEUS} was not found"
 *   (grafana/grafana#10786). Panels use `${datasource}` instead, and a datasource variable whose current
 *   value names no data source falls back to its first option, the first Prometheus data source by name;
 *   with several of them, pick another in the drop-down or open the dashboard with `?var-datasource=<uid>`.
 */
export const DATASOURCE_INPUT = 'DS_PROMETHEUS';
export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

// Per-user series (COPILOT_USER_METRICS) carry a `user` label; the dashboards show scopes only.
const SOURCE_MATCHERS = 'job=~"$job", instance=~"$instance"';
const SCOPE_MATCHERS = `${SOURCE_MATCHERS}, enterprise=~"$enterprise", org=~"$org", team=~"$team", user=""`;

function selector(metric: string, matchers: string, extra: string): string {
  return `${metric}{${matchers}${extra ? `, ${extra}` : ''}}`;
}

/** `metric{job=~"$job", instance=~"$instance", enterprise=~"$enterprise", org=~"$org", team=~"$team", user=""[, extra]}` */
export function scoped(metric: string, extra = ''): string {
  return selector(metric, SCOPE_MATCHERS, extra);
}

/**
 * `metric{job=~"$job", instance=~"$instance"[, extra]}`, for the exporter's own families that belong to no
 * target (build info, GitHub requests, rate limits): they carry no scope labels, so the scope variables
 * would hide them as soon as one scope is picked.
 */
export function exporterWide(metric: string, extra = ''): string {
  return selector(metric, SOURCE_MATCHERS, extra);
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
  'Each value is the latest complete day GitHub reported for the scope (see "Reported day" on the Adoption overview); GitHub publishes a day within about two days, so lines step once a day. That day is provisional: GitHub revises it until it settles three full UTC days later, and the values follow each revision.';

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

/** A column of a merged table: its name, and its unit when it is not the panel's. */
export interface Column {
  name: string;
  unit?: string;
}

/**
 * A table of the latest values. With `columns` (one per query, in order) the queries' frames are merged into
 * one row per label set, each query's value a named column, and Time, job and instance are hidden: the
 * queries must then return the same labels for the same row.
 */
export function tablePanel(spec: PanelSpec, columns?: Column[]): table.PanelBuilder {
  const panel = new table.PanelBuilder()
    .title(spec.title)
    .description(spec.description)
    .datasource(DATASOURCE)
    .span(spec.span ?? 24)
    .height(spec.height ?? 8);
  if (spec.unit) panel.unit(spec.unit);
  for (const target of targets(spec.queries.map((query) => ({ ...query, instant: true, table: true })))) panel.withTarget(target);
  if (columns) {
    if (columns.length !== spec.queries.length) throw new Error(`${spec.title}: ${columns.length} columns for ${spec.queries.length} queries`);
    // Grafana names the value of query refId X `Value #X` once a table panel has several queries.
    const renameByName = Object.fromEntries(columns.map((column, index) => [`Value #${String.fromCharCode(65 + index)}`, column.name]));
    panel
      .withTransformation({ id: 'merge', options: {} })
      .withTransformation({ id: 'organize', options: { excludeByName: { Time: true, job: true, instance: true }, renameByName } });
    for (const column of columns) if (column.unit) panel.overrideByName(column.name, [{ id: 'unit', value: column.unit }]);
  }
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

function queryVariable(name: string, label: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(DATASOURCE)
    .query(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .includeAll(true)
    .allValue('.*')
    .multi(true)
    .current({ text: 'All', value: '$__all' })
    .sort(VariableSort.AlphabeticalAsc);
}

/**
 * GitHub's announced data changes (github_copilot_data_change_timestamp_seconds, docs/contract.md §4h) as a
 * Prometheus annotation with "Series value as timestamp": the value is the day in seconds, Grafana reads
 * milliseconds, hence `* 1000`. Both usage and legacy exporters serve the same list: one mark per change.
 */
export const DATA_CHANGE_ANNOTATION_EXPR = 'max by (change) (github_copilot_data_change_timestamp_seconds{job=~"$job", instance=~"$instance"}) * 1000';

function dataChangeAnnotation(): AnnotationQueryBuilder {
  return new AnnotationQueryBuilder()
    .name("GitHub's data changes")
    .datasource(DATASOURCE)
    .enable(true)
    .iconColor('orange')
    .expr(DATA_CHANGE_ANNOTATION_EXPR)
    .step('1h')
    .useValueForTime(true)
    .titleFormat('GitHub data change: {{change}}')
    .textFormat('A step on this day is GitHub counting differently, not a change in adoption (docs/runbook.md#githubs-data-changes).')
    .tagKeys('change');
}

/**
 * A dashboard with the datasource, job, instance, enterprise, org and team variables, GitHub's data
 * changes as annotations, and links to its siblings. Every query variable reads `family`, a family that carries every label it lists (teams
 * included) on the dashboard's source, each filtered by the variables before it.
 */
export function copilotDashboard(config: MixinConfig, uid: string, title: string, description: string, family: string): DashboardBuilder {
  const scope = `${SOURCE_MATCHERS}, enterprise=~"$enterprise", org=~"$org"`;
  return new DashboardBuilder(title)
    .uid(`${config.dashboardUidPrefix}${uid}`)
    .description(description)
    .tags(config.dashboardTags)
    .editable()
    .timezone('utc')
    .time({ from: 'now-30d', to: 'now' })
    .refresh('30m')
    .withVariable(
      new DatasourceVariableBuilder('datasource')
        .label('Data source')
        .type('prometheus')
        .current({ text: `\${${DATASOURCE_INPUT}}`, value: `\${${DATASOURCE_INPUT}}` }),
    )
    .withVariable(queryVariable('job', 'Job', `label_values(${family}, job)`))
    .withVariable(queryVariable('instance', 'Instance', `label_values(${family}{job=~"$job"}, instance)`))
    .withVariable(queryVariable('enterprise', 'Enterprise', `label_values(${family}{${SOURCE_MATCHERS}}, enterprise)`))
    .withVariable(queryVariable('org', 'Organization', `label_values(${family}{${SOURCE_MATCHERS}}, org)`))
    .withVariable(queryVariable('team', 'Team', `label_values(${family}{${scope}}, team)`))
    .annotation(dataChangeAnnotation())
    .link(
      new DashboardLinkBuilder('Copilot dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags(config.dashboardTags)
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true),
    );
}

/** Core panel plugins the dashboards use, by id, with the names Grafana's export gives them. */
const PANEL_PLUGINS: Record<string, string> = {
  bargauge: 'Bar gauge',
  stat: 'Stat',
  'state-timeline': 'State timeline',
  table: 'Table',
  timeseries: 'Time series',
};

/**
 * The oldest Grafana the dashboards are written for: Scenes-powered dashboards (the default since 11.3)
 * resolve the datasource variable as described at DATASOURCE_INPUT.
 */
const GRAFANA_VERSION = '11.3.0';

/**
 * The dashboard in Grafana's export format: `__inputs` (the data source UI import asks for) and
 * `__requires` (Grafana, the Prometheus data source and every panel plugin used), then the dashboard.
 */
export function exportable(dashboard: { panels?: Array<{ type?: string }> }): Record<string, unknown> {
  const panels = [...new Set((dashboard.panels ?? []).map((panel) => panel.type ?? '').filter((type) => type !== 'row'))].sort();
  for (const type of panels) if (!PANEL_PLUGINS[type]) throw new Error(`panel plugin ${type} has no name in PANEL_PLUGINS`);
  return {
    __inputs: [{ name: DATASOURCE_INPUT, label: 'Prometheus', description: 'The Prometheus that scrapes the GitHub Copilot exporter', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: GRAFANA_VERSION },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      ...panels.map((id) => ({ type: 'panel', id, name: PANEL_PLUGINS[id], version: '' })),
    ],
    ...dashboard,
  };
}

export function row(title: string): RowBuilder {
  return new RowBuilder(title);
}
