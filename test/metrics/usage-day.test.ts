import { describe, expect, it } from 'vitest';
import { mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { valuesOf as values } from '../helpers/exposition.js';
import { readGitHubExample } from '../helpers/github-api.js';

const enterpriseExample = readGitHubExample<Array<{ day_totals: Array<Record<string, unknown>> }>>('docs-example-usage-metrics-enterprise-level.json');
const userExample = readGitHubExample<Array<Record<string, unknown>>>('docs-example-usage-metrics-user-level.json');

const scope = { org: 'octo-org' };

function mapOk(row: Record<string, unknown>): Record<string, number> {
  const { samples, problems } = mapUsageDay(row, scope);
  expect(problems).toEqual([]);
  return values(samples);
}

const day = '2026-11-20';
const dayTimestamp = Date.parse(`${day}T00:00:00Z`) / 1000;

describe('mapUsageDay: the rules of docs/contract.md §4a', () => {
  it.each([
    ['rule 1: a plain numeric field', { daily_active_users: 7 }, 'github_copilot_daily_active_users{"org":"octo-org"}', 7],
    ['rule 1: _count is dropped', { code_generation_activity_count: 40 }, 'github_copilot_code_generation_activity{"org":"octo-org"}', 40],
    ['rule 1: _sum is dropped', { loc_suggested_to_add_sum: 35 }, 'github_copilot_loc_suggested_to_add{"org":"octo-org"}', 35],
    [
      'rule 2: a breakdown element is labelled by its keys',
      { totals_by_language_model: [{ language: 'go', model: 'gpt-4.1', loc_added_sum: 12 }] },
      'github_copilot_loc_added_by_language_model{"org":"octo-org","language":"go","model":"gpt-4.1"}',
      12,
    ],
    [
      'rule 3: pull_requests drops total_',
      { pull_requests: { total_created: 3 } },
      'github_copilot_pull_requests_created{"org":"octo-org"}',
      3,
    ],
    [
      'rule 3: other pull_requests fields keep their name',
      { pull_requests: { median_minutes_to_merge: 2.5 } },
      'github_copilot_pull_requests_median_minutes_to_merge{"org":"octo-org"}',
      2.5,
    ],
    [
      'rule 4: totals_by_cli nests with _',
      { totals_by_cli: { token_usage: { output_tokens_sum: 7000 } } },
      'github_copilot_cli_token_usage_output_tokens{"org":"octo-org"}',
      7000,
    ],
    ['rule 4: a cli counter', { totals_by_cli: { session_count: 3 } }, 'github_copilot_cli_session{"org":"octo-org"}', 3],
    ['rule 4b: another totals_by_ object has its own prefix', { totals_by_copilot_app: { session_count: 5 } }, 'github_copilot_copilot_app_session{"org":"octo-org"}', 5],
    [
      'rule 4b: nested objects of it are joined with _',
      { totals_by_copilot_app: { token_usage: { prompt_tokens_sum: 900 } } },
      'github_copilot_copilot_app_token_usage_prompt_tokens{"org":"octo-org"}',
      900,
    ],
    ['rule 4b: rule 4 drops no total_', { totals_by_vscode_agent: { total_user_messages: 12 } }, 'github_copilot_vscode_agent_total_user_messages{"org":"octo-org"}', 12],
    [
      'rule 4b: totals_by_3rd_party_agent[] is labelled agent_id and agent_name',
      { totals_by_3rd_party_agent: [{ agent_name: 'Codex', agent_id: 'openai-codex', session_count: 4 }] },
      'github_copilot_session_by_3rd_party_agent{"org":"octo-org","agent_id":"openai-codex","agent_name":"Codex"}',
      4,
    ],
    [
      'rule 4b: totals_by_ai_adoption_phase[] is labelled phase and version, and phase_number is no metric',
      { totals_by_ai_adoption_phase: [{ phase: 'Phase 2', phase_number: 2, version: 'v1', total_engaged_users: 6 }] },
      'github_copilot_total_engaged_users_by_ai_adoption_phase{"org":"octo-org","phase":"Phase 2","version":"v1"}',
      6,
    ],
    [
      'rule 4b: other arrays follow rule 2 (a CLI customization list)',
      { totals_by_skill: [{ skill: 'other', interaction_count: 19 }] },
      'github_copilot_interaction_by_skill{"org":"octo-org","skill":"other"}',
      19,
    ],
    ['rule 1: a distinct-use count', { distinct_mcp_use_count: 3 }, 'github_copilot_distinct_mcp_use{"org":"octo-org"}', 3],
    [
      'rule 3: an average of pull_requests keeps its name',
      { pull_requests: { avg_pull_requests_review_cycles: 1.5 } },
      'github_copilot_pull_requests_avg_pull_requests_review_cycles{"org":"octo-org"}',
      1.5,
    ],
  ])('%s', (_rule, fields, key, value) => {
    expect(mapOk({ day, ...fields })).toEqual({ [`github_copilot_metrics_day_timestamp_seconds{"org":"octo-org"}`]: dayTimestamp, [key]: value });
  });

  it('rule 2: entries with the same labels in one row are summed', () => {
    const result = mapOk({
      day,
      totals_by_ide: [
        { ide: 'vscode', loc_added_sum: 10, code_acceptance_activity_count: 1 },
        { ide: 'jetbrains', loc_added_sum: 5 },
        { ide: 'vscode', loc_added_sum: 4, code_acceptance_activity_count: 2 },
      ],
    });
    expect(result['github_copilot_loc_added_by_ide{"org":"octo-org","ide":"vscode"}']).toBe(14);
    expect(result['github_copilot_code_acceptance_activity_by_ide{"org":"octo-org","ide":"vscode"}']).toBe(3);
    expect(result['github_copilot_loc_added_by_ide{"org":"octo-org","ide":"jetbrains"}']).toBe(5);
  });

  it('rule 5: identifiers, bookkeeping, version objects, text and booleans are never metrics', () => {
    expect(
      mapOk({
        day,
        enterprise_id: '1',
        organization_id: 99,
        user_id: 1,
        user_login: 'login1',
        etl_id: 'green',
        day_partition: '2025-10-01',
        entity_id_partition: 1,
        used_chat: true,
        totals_by_cli: { last_known_cli_version: { cli_version: '1.0.8', sampled_at: 'x' } },
        totals_by_ide: [{ ide: 'vscode', last_known_ide_version: { ide_version: '1.85.0' }, last_known_plugin_version: { plugin: '' } }],
      }),
    ).toEqual({ 'github_copilot_metrics_day_timestamp_seconds{"org":"octo-org"}': dayTimestamp });
  });

  it('rule 5: a numeric field GitHub adds later is exported by the same rule with a generic HELP', () => {
    const { samples } = mapUsageDay(
      { day, future_widgets_count: 4, totals_by_ide: [{ ide: 'vscode', future_widgets_sum: 2 }], totals_by_cli: { fresh: { thing_sum: 1 } } },
      scope,
    );
    const byName = new Map(samples.map((sample) => [sample.family.name, sample]));
    expect(byName.get('github_copilot_future_widgets')?.value).toBe(4);
    expect(byName.get('github_copilot_future_widgets')?.family.help).toBe(
      'GitHub Copilot field day_totals[].future_widgets_count (no description in this exporter version yet), for the latest reported day.',
    );
    expect(byName.get('github_copilot_future_widgets_by_ide')?.labels).toEqual({ org: 'octo-org', ide: 'vscode' });
    expect(byName.get('github_copilot_cli_fresh_thing')?.value).toBe(1);
  });

  it('rule 5: a new breakdown array is labelled by its elements’ text keys', () => {
    const result = mapOk({ day, totals_by_agent: [{ agent: 'coding-agent', loc_added_sum: 9 }] });
    expect(result['github_copilot_loc_added_by_agent{"org":"octo-org","agent":"coding-agent"}']).toBe(9);
  });

  it('rule 4b: a fixed label GitHub leaves out is absent, and a numeric one is its text, rather than a rejected report', () => {
    const result = mapOk({
      day,
      totals_by_3rd_party_agent: [
        { agent_name: 'Claude', agent_id: 17, user_initiated_interaction_count: 2 },
        { agent_name: 'Nameless', user_initiated_interaction_count: 1 },
      ],
      totals_by_ai_adoption_phase: [{ phase: 'No Cohort', phase_number: 0, total_engaged_users: 9 }],
    });
    expect(result['github_copilot_user_initiated_interaction_by_3rd_party_agent{"org":"octo-org","agent_id":"17","agent_name":"Claude"}']).toBe(2);
    expect(result['github_copilot_user_initiated_interaction_by_3rd_party_agent{"org":"octo-org","agent_name":"Nameless"}']).toBe(1);
    expect(result['github_copilot_total_engaged_users_by_ai_adoption_phase{"org":"octo-org","phase":"No Cohort"}']).toBe(9);
    expect(Object.keys(result).some((key) => key.includes('phase_number'))).toBe(false);
  });

  it('rule 5: a field GitHub adds to a 2026 array or object is exported by the same rule with a generic HELP', () => {
    const { samples } = mapUsageDay(
      { day, totals_by_3rd_party_agent: [{ agent_id: 'a1', agent_name: 'A', tokens_sum: 8 }], totals_by_vscode_agent: { tool_calls_count: 2 }, totals_by_new_surface: { runs_count: 1 } },
      scope,
    );
    const byName = new Map(samples.map((sample) => [sample.family.name, sample]));
    expect(byName.get('github_copilot_tokens_by_3rd_party_agent')?.labels).toEqual({ org: 'octo-org', agent_id: 'a1', agent_name: 'A' });
    expect(byName.get('github_copilot_tokens_by_3rd_party_agent')?.family.help).toContain('no description in this exporter version yet');
    expect(byName.get('github_copilot_vscode_agent_tool_calls')?.value).toBe(2);
    expect(byName.get('github_copilot_new_surface_runs')?.value).toBe(1);
  });

  it('labels arrays inside pull_requests by their elements’ text keys', () => {
    const result = mapOk({ day, pull_requests: { copilot_suggestions_by_comment_type: [{ comment_type: 'bug', total_suggestions: 3 }] } });
    expect(result['github_copilot_pull_requests_suggestions_by_comment_type{"org":"octo-org","comment_type":"bug"}']).toBe(3);
  });

  it('rule 6: absent and null fields produce no series, and zero is a value', () => {
    const result = mapOk({ day, daily_active_users: null, weekly_active_users: 0, pull_requests: null, totals_by_ide: null, totals_by_cli: null });
    expect(result).toEqual({
      'github_copilot_metrics_day_timestamp_seconds{"org":"octo-org"}': dayTimestamp,
      'github_copilot_weekly_active_users{"org":"octo-org"}': 0,
    });
  });

  it('keeps scope labels first and in order', () => {
    const { samples } = mapUsageDay({ day, totals_by_ide: [{ ide: 'vscode', loc_added_sum: 1 }] }, { enterprise: 'e', team: 't' });
    expect(Object.keys(samples[1]?.labels ?? {})).toEqual(['enterprise', 'team', 'ide']);
  });
});

describe('mapUsageDay: problems with known fields', () => {
  it.each([
    ['a string where a number belongs', { daily_active_users: '7' }, 'daily_active_users is "7", expected a non-negative integer'],
    ['a negative count', { loc_added_sum: -3 }, 'loc_added_sum is -3, expected a non-negative integer'],
    ['an infinite count', { loc_added_sum: Infinity }, 'loc_added_sum is Infinity, expected a non-negative integer'],
    ['an object where a number belongs', { pull_requests: { total_created: { n: 1 } } }, 'pull_requests.total_created is {"n":1}, expected a non-negative integer'],
    ['a fraction of a count', { loc_added_sum: 2.5 }, 'loc_added_sum is 2.5, expected a non-negative integer'],
    ['NaN where a count belongs', { daily_active_users: Number.NaN }, 'daily_active_users is NaN, expected a non-negative integer'],
    ['"NaN" as text where a count belongs', { daily_active_users: 'NaN' }, 'daily_active_users is "NaN", expected a non-negative integer'],
    ['a fraction of a count in a breakdown', { totals_by_ide: [{ ide: 'vscode', loc_added_sum: 1.5 }] }, 'totals_by_ide[].loc_added_sum is 1.5, expected a non-negative integer'],
    ['a fraction of a count in a section', { totals_by_cli: { session_count: 0.5 } }, 'totals_by_cli.session_count is 0.5, expected a non-negative integer'],
    ['a negative median', { pull_requests: { median_minutes_to_merge: -1 } }, 'pull_requests.median_minutes_to_merge is -1, expected a non-negative number'],
    ['a negative average', { totals_by_cli: { token_usage: { avg_tokens_per_request: -0.5 } } }, 'totals_by_cli.token_usage.avg_tokens_per_request is -0.5, expected a non-negative number'],
    ['text where AI credits belong', { ai_credits_used: 'lots' }, 'ai_credits_used is "lots", expected a non-negative number'],
    ['a negative number in a field GitHub adds later', { new_counter_count: -2 }, 'new_counter_count is -2, expected a non-negative number'],
    ['a breakdown label that is not text', { totals_by_ide: [{ ide: 7, loc_added_sum: 1 }] }, 'totals_by_ide[0].ide is 7, expected a string'],
    ['a breakdown element without its label', { totals_by_ide: [{ loc_added_sum: 1 }] }, 'totals_by_ide[0].ide is missing, expected a string'],
    ['a breakdown element that is not an object', { totals_by_feature: [3] }, 'totals_by_feature[0] is not an object'],
    ['a day that is not a date', { day: '20/11/2026' }, 'day "20/11/2026" is not a YYYY-MM-DD date'],
  ])('%s', (_case, fields, problem) => {
    expect(mapUsageDay({ day, ...fields }, scope).problems).toEqual([problem]);
  });
});

describe('mapUsageDay: numbers that are not counts', () => {
  it('exports fractions where GitHub reports averages, medians and AI credits, and in fields it adds later', () => {
    const result = mapOk({
      day,
      ai_credits_used: 12.75,
      pull_requests: { median_minutes_to_merge: 42.5 },
      totals_by_cli: { token_usage: { avg_tokens_per_request: 310.4 } },
      new_ratio: 0.25,
    });
    expect(result['github_copilot_ai_credits_used{"org":"octo-org"}']).toBe(12.75);
    expect(result['github_copilot_pull_requests_median_minutes_to_merge{"org":"octo-org"}']).toBe(42.5);
    expect(result['github_copilot_cli_token_usage_avg_tokens_per_request{"org":"octo-org"}']).toBe(310.4);
    expect(result['github_copilot_new_ratio{"org":"octo-org"}']).toBe(0.25);
  });
});

describe("mapUsageDay on GitHub's documentation examples", () => {
  it('maps the enterprise-level example row', () => {
    const row = enterpriseExample[0]?.day_totals[0] as Record<string, unknown>;
    const result = mapOk(row);
    expect(result['github_copilot_daily_active_users{"org":"octo-org"}']).toBe(2);
    expect(result['github_copilot_daily_active_cli_users{"org":"octo-org"}']).toBe(2);
    expect(result['github_copilot_loc_added_by_language_feature{"org":"octo-org","language":"unknown","feature":"code_completion"}']).toBe(30);
    expect(result['github_copilot_pull_requests_merged_created_by_copilot{"org":"octo-org"}']).toBe(1);
    expect(result['github_copilot_cli_token_usage_avg_tokens_per_request{"org":"octo-org"}']).toBe(4100);
    expect(result['github_copilot_metrics_day_timestamp_seconds{"org":"octo-org"}']).toBe(Date.parse('2025-10-01T00:00:00Z') / 1000);
  });

  it('maps every documented field to a curated family (no generic HELP)', () => {
    for (const row of [...enterpriseExample.flatMap((report) => report.day_totals), ...userExample]) {
      const { samples, problems } = mapUsageDay(row, scope);
      expect(problems).toEqual([]);
      for (const sample of samples) expect(sample.family.help, sample.family.name).not.toContain('no description');
    }
  });

  it('maps the user-level example row (used by team and per-user metrics)', () => {
    const result = mapOk(userExample[0] as Record<string, unknown>);
    expect(result['github_copilot_cli_prompt{"org":"octo-org"}']).toBe(2);
    expect(result['github_copilot_loc_added_by_ide{"org":"octo-org","ide":"vscode"}']).toBe(8);
    expect(Object.keys(result).some((key) => key.includes('user_id') || key.includes('used_'))).toBe(false);
  });
});
