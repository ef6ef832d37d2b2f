import { describe, expect, it } from 'vitest';
import { COLLECTORS, DEFINITIONS } from '../../src/collectors/index.js';
import { CLIENT_VERSIONS, LEGACY_DEFINITIONS, MODEL_INFO, SELF_METRICS, TEAM_MEMBERS, USAGE_DEFINITIONS, USER_INFO, findDefinition, unitOf } from '../../src/metrics/definitions.js';
import { DATA_CHANGE_TIMESTAMP } from '../../src/metrics/data-changes.js';
import { AI_CREDIT_METRICS } from '../../src/metrics/map/ai-credits.js';
import { REPOSITORY_ARRAY_DEFINITIONS, REPOSITORY_DEFINITIONS } from '../../src/metrics/map/repositories.js';
import { SEAT_METRICS } from '../../src/metrics/map/seats.js';
import { LEGACY_CONTRACT, MODEL_INFO_LABELS } from '../helpers/legacy-contract.js';

/** docs/contract.md §4a, written out again from the text: source path → metric name. */
function nameByContract(source: string): string {
  const path = source.replace(/^day_totals\[\]\./, '');
  const strip = (field: string) => field.replace(/_(count|sum)$/, '');
  if (path === 'day') return 'github_copilot_metrics_day_timestamp_seconds';
  let match = /^totals_by_(\w+)\[\]\.(\w+)$/.exec(path);
  if (match) return `github_copilot_${strip(match[2]!)}_by_${match[1]}`;
  match = /^pull_requests\.(\w+)$/.exec(path);
  if (match) return `github_copilot_pull_requests_${strip(match[1]!).replace(/^total_/, '')}`;
  // Rules 4 and 4b: a `totals_by_<X>` object, its own prefix, nested objects joined with `_`.
  match = /^totals_by_(\w+)\.([\w.]+)$/.exec(path);
  if (match) {
    const parts = match[2]!.split('.');
    return `github_copilot_${match[1]}_${[...parts.slice(0, -1), strip(parts.at(-1)!)].join('_')}`;
  }
  return `github_copilot_${strip(path)}`;
}

/**
 * Families no field of a row names: the per-user version info series and the counts by client version
 * (version objects are never metrics by the rule, rule 5), and a team's size (§4i).
 */
const INFO = new Set<unknown>([...Object.values(USER_INFO), ...Object.values(CLIENT_VERSIONS), TEAM_MEMBERS]);

describe('the metric definitions table', () => {
  it('names every usage-metrics family by the rule of docs/contract.md §4a', () => {
    const usage = DEFINITIONS.filter((definition) => definition.api === 'usage-metrics' && !INFO.has(definition));
    expect(usage.length).toBeGreaterThan(60);
    for (const definition of usage) expect(definition.name, definition.source).toBe(nameByContract(definition.source));
  });

  it('holds the examples docs/contract.md §4a gives', () => {
    const byName = new Map(DEFINITIONS.map((definition) => [definition.name, definition]));
    for (const name of [
      'github_copilot_daily_active_users',
      'github_copilot_code_generation_activity',
      'github_copilot_loc_suggested_to_add',
      'github_copilot_pull_requests_created',
      'github_copilot_pull_requests_median_minutes_to_merge',
      'github_copilot_cli_token_usage_output_tokens',
      'github_copilot_metrics_day_timestamp_seconds',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('github_copilot_loc_added_by_language_model')?.labels).toEqual(['language', 'model']);
    // Rule 4b, its examples and its fixed labels.
    expect(byName.get('github_copilot_copilot_app_session')?.source).toBe('day_totals[].totals_by_copilot_app.session_count');
    expect(byName.get('github_copilot_vscode_agent_total_user_messages')?.source).toBe('day_totals[].totals_by_vscode_agent.total_user_messages');
    for (const field of ['user_initiated_interaction', 'session']) expect(byName.get(`github_copilot_${field}_by_3rd_party_agent`)?.labels).toEqual(['agent_id', 'agent_name']);
    const phases = DEFINITIONS.filter((definition) => definition.name.endsWith('_by_ai_adoption_phase'));
    expect(phases.length).toBeGreaterThan(5);
    for (const definition of phases) expect(definition.labels, definition.name).toEqual(['phase', 'version']);
    expect(phases.some((definition) => definition.name.includes('phase_number'))).toBe(false);
  });

  it('holds the per-user version info series, 1 for each IDE and each Copilot CLI a user ran, the versions as labels', () => {
    expect([USER_INFO.ide.name, ...USER_INFO.ide.labels]).toEqual(['github_copilot_user_ide_info', 'user', 'ide', 'ide_version', 'plugin', 'plugin_version']);
    expect([USER_INFO.cli.name, ...USER_INFO.cli.labels]).toEqual(['github_copilot_user_cli_info', 'user', 'cli_version']);
  });

  it.each([
    ['github_copilot_copilot_app_session', '{session}'],
    ['github_copilot_copilot_app_request', '{request}'],
    ['github_copilot_copilot_app_token_usage_avg_tokens_per_request', '{token}'],
    ['github_copilot_session_by_3rd_party_agent', '{session}'],
    ['github_copilot_user_initiated_interaction_by_3rd_party_agent', '{task}'],
    ['github_copilot_vscode_agent_total_user_messages', '{message}'],
    ['github_copilot_interaction_by_mcp', '{interaction}'],
    ['github_copilot_distinct_skill_use', '{item}'],
    ['github_copilot_total_engaged_users_by_ai_adoption_phase', '{user}'],
    ['github_copilot_avg_loc_added_by_ai_adoption_phase', '{line}'],
    ['github_copilot_avg_pull_requests_created_by_ai_adoption_phase', '{pull_request}'],
    ['github_copilot_pull_requests_avg_pull_requests_review_cycles', '{cycle}'],
    ['github_copilot_pull_requests_avg_pull_requests_minutes_to_review', 'min'],
    ['github_copilot_cli_prompt', '{prompt}'],
    ['github_copilot_user_initiated_interaction', '{prompt}'],
  ])('gives %s the OTLP unit %s', (name, unit) => {
    const definition = findDefinition(name);
    expect(definition, name).toBeDefined();
    expect(unitOf(definition!)).toBe(unit);
  });

  it('holds exactly the legacy families of docs/contract.md §4b', () => {
    const legacy = DEFINITIONS.filter((definition) => definition.api === 'legacy-metrics' && definition !== MODEL_INFO);
    expect(legacy.map((definition) => ({ path: definition.source, metric: definition.name, labels: [...definition.labels] }))).toEqual(LEGACY_CONTRACT);
    expect(MODEL_INFO.name).toBe('github_copilot_model_info');
    expect(MODEL_INFO.labels).toEqual(MODEL_INFO_LABELS);
  });

  it('holds the self-metrics of docs/contract.md §4c, the revision counter of §4g, the counters of the cardinality guard and the per-user cap, and those of the remote write push', () => {
    expect(Object.values(SELF_METRICS).map((definition) => [definition.name, definition.type, definition.labels.join(',')])).toEqual([
      ['github_copilot_exporter_build_info', 'gauge', 'version'],
      ['github_copilot_exporter_target_up', 'gauge', 'enterprise,org,team'],
      ['github_copilot_exporter_last_success_timestamp_seconds', 'gauge', 'enterprise,org,team'],
      ['github_copilot_exporter_poll_duration_seconds', 'gauge', 'enterprise,org,team'],
      ['github_copilot_exporter_collector_success', 'gauge', 'enterprise,org,team,collector'],
      ['github_copilot_exporter_collector_last_success_timestamp_seconds', 'gauge', 'enterprise,org,team,collector'],
      ['github_copilot_exporter_poll_errors_total', 'counter', 'enterprise,org,team,collector,reason'],
      ['github_copilot_exporter_report_revisions_total', 'counter', 'enterprise,org,team,collector'],
      ['github_copilot_exporter_github_requests_total', 'counter', 'endpoint,code'],
      ['github_copilot_exporter_rate_limit_remaining', 'gauge', 'resource'],
      ['github_copilot_exporter_rate_limit_reset_timestamp_seconds', 'gauge', 'resource'],
      ['github_copilot_exporter_dropped_series_total', 'counter', 'enterprise,org,team'],
      ['github_copilot_exporter_dropped_users_total', 'counter', 'enterprise,org,team'],
      ['github_copilot_exporter_remote_write_samples_total', 'counter', ''],
      ['github_copilot_exporter_remote_write_failures_total', 'counter', 'reason'],
    ]);
  });

  it('catalogues every family a collector declares and every self-metric, once each: the usage, legacy, repository, seats, AI credit and exporter families', () => {
    const names = (definitions: readonly { name: string }[]) => [...new Set(definitions.map((definition) => definition.name))].sort();
    expect(names(DEFINITIONS)).toEqual(names([...USAGE_DEFINITIONS, ...Object.values(USER_INFO), TEAM_MEMBERS, ...Object.values(CLIENT_VERSIONS), ...LEGACY_DEFINITIONS, ...REPOSITORY_DEFINITIONS, ...REPOSITORY_ARRAY_DEFINITIONS, ...Object.values(SEAT_METRICS), ...Object.values(AI_CREDIT_METRICS), ...Object.values(SELF_METRICS), DATA_CHANGE_TIMESTAMP]));
    for (const collector of COLLECTORS) for (const definition of collector.definitions) expect(DEFINITIONS, `${collector.name}: ${definition.name}`).toContain(definition);
    // The people collector exports usage families (with a team or user label), nothing of its own.
    const people = COLLECTORS.find((collector) => collector.name === 'people');
    expect(people?.definitions.length).toBeGreaterThan(10);
    for (const definition of people?.definitions ?? []) expect(findDefinition(definition.name, 'usage-metrics'), definition.name).toBe(definition);
    expect(COLLECTORS.find((collector) => collector.name === 'seats')?.definitions).toEqual(Object.values(SEAT_METRICS));
    expect(COLLECTORS.find((collector) => collector.name === 'repositories')?.definitions).toEqual([...REPOSITORY_DEFINITIONS, ...REPOSITORY_ARRAY_DEFINITIONS]);
    expect(COLLECTORS.find((collector) => collector.name === 'ai_credits')?.definitions).toEqual(Object.values(AI_CREDIT_METRICS));
  });

  it('has unique, valid names and HELP texts that need no escaping in either format', () => {
    const names = DEFINITIONS.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    for (const definition of DEFINITIONS) {
      expect(definition.name).toMatch(/^github_copilot_[a-z0-9_]+$/);
      expect(definition.help, definition.name).toMatch(/^[^"\\\n]{10,}$/);
      for (const label of definition.labels) expect(label).toMatch(/^[a-z_]+$/);
    }
  });
});
