/**
 * The repos-1-day mapper (docs/contract.md §4e): every numeric field of a row, nested objects joined with `_`,
 * the suffix and `total_` rules of §4a, labelled `repository` and `visibility`; identifiers are never
 * metrics, absent and null fields give no series, and a wrong value rejects the report.
 */
import { describe, expect, it } from 'vitest';
import { unitOf } from '../../src/metrics/definitions.js';
import type { Row } from '../../src/metrics/map/report-values.js';
import { REPOSITORY_ARRAY_DEFINITIONS, REPOSITORY_DEFINITIONS, RepositoryRows } from '../../src/metrics/map/repositories.js';
import { valuesOf } from '../helpers/exposition.js';

const day = '2026-11-20';
const scope = { org: 'octo' };

function map(rows: readonly Row[]) {
  const mapper = new RepositoryRows(day, scope);
  for (const row of rows) mapper.offer(row);
  const { samples, problems } = mapper.finish();
  return { values: valuesOf(samples), problems, samples };
}

const repo = (extra: Row = {}): Row => ({ day, repo_id: 7, repo_owner_name: 'octo', repo_name: 'web', repo_visibility: 'private', ...extra });
const WEB = { org: 'octo', repository: 'octo/web', visibility: 'private' };
const key = (name: string, labels: Record<string, string> = WEB) => `github_copilot_repository_${name}${JSON.stringify(labels)}`;

/** docs/contract.md §4e, written out again from the text: a row path → the metric name. */
function nameByContract(source: string): string {
  const parts = source.split('.');
  const leaf = (parts.pop() as string).replace(/_(count|sum)$/, '').replace(/^total_/, '');
  return `github_copilot_repository_${[...parts, leaf].join('_')}`;
}

describe('the repository families', () => {
  it('are named by the rule of docs/contract.md §4e from their fields, labelled repository and visibility', () => {
    expect(REPOSITORY_DEFINITIONS.map((definition) => definition.name)).toEqual([
      'github_copilot_repository_pull_requests_created_by_copilot',
      'github_copilot_repository_pull_requests_merged_created_by_copilot',
      'github_copilot_repository_pull_requests_median_minutes_to_merge_copilot_authored',
      'github_copilot_repository_pull_requests_reviewed_by_copilot',
      'github_copilot_repository_pull_requests_copilot_suggestions',
      'github_copilot_repository_pull_requests_copilot_applied_suggestions',
    ]);
    for (const definition of REPOSITORY_DEFINITIONS) {
      expect(definition.name, definition.source).toBe(nameByContract(definition.source));
      expect(definition).toMatchObject({ type: 'gauge', labels: ['repository', 'visibility'], api: 'repositories' });
    }
  });

  it('have the units of the entity families of the same fields', () => {
    const unit = (suffix: string) => unitOf(REPOSITORY_DEFINITIONS.find((definition) => definition.name.endsWith(suffix))!);
    expect(unit('_created_by_copilot')).toBe('{pull_request}');
    expect(unit('_median_minutes_to_merge_copilot_authored')).toBe('min');
    expect(unit('_copilot_suggestions')).toBe('{suggestion}');
  });
});

describe('a repos-1-day row', () => {
  it.each<[string, Row[], Record<string, number>]>([
    [
      'curated pull-request counters, nested in pull_requests',
      [repo({ pull_requests: { total_created_by_copilot: 3, total_merged_created_by_copilot: 2, median_minutes_to_merge_copilot_authored: 41.5, total_copilot_suggestions: 9 } })],
      {
        [key('pull_requests_created_by_copilot')]: 3,
        [key('pull_requests_merged_created_by_copilot')]: 2,
        [key('pull_requests_median_minutes_to_merge_copilot_authored')]: 41.5,
        [key('pull_requests_copilot_suggestions')]: 9,
      },
    ],
    [
      'fields GitHub adds later, top-level or nested at any depth, with the suffix and total_ rules',
      [repo({ total_commits: 4, code_review: { comments_count: 5, time: { median_minutes: 6, lines_sum: 7 } }, pull_requests: { total_created: 8 }, threads_open: 1.5 })],
      {
        // GitHub documents no type for them: a fraction is exported as it is.
        [key('threads_open')]: 1.5,
        [key('commits')]: 4,
        [key('code_review_comments')]: 5,
        [key('code_review_time_median_minutes')]: 6,
        [key('code_review_time_lines')]: 7,
        [key('pull_requests_created')]: 8,
      },
    ],
    [
      'identifiers, bookkeeping, text, booleans, arrays of text and arrays deeper down: no series',
      [repo({ organization_id: '5', etl_id: 'x', day_partition: 3, is_fork: true, language: 'go', topics: ['a', 'b'], code_review: { by_file: [{ file: 'x', count: 1 }] }, pull_requests: { review_id: 9 } })],
      {},
    ],
    [
      'absent and null fields: no series (not a zero)',
      [repo({ pull_requests: { total_created_by_copilot: 0, total_merged_created_by_copilot: null, median_minutes_to_merge_copilot_authored: null } }), repo({ repo_name: 'api', pull_requests: null })],
      { [key('pull_requests_created_by_copilot')]: 0 },
    ],
    [
      'no repo_visibility: no visibility label',
      [repo({ repo_visibility: undefined, pull_requests: { total_reviewed_by_copilot: 2 } }), repo({ repo_name: 'api', repo_visibility: null, pull_requests: { total_reviewed_by_copilot: 1 } })],
      { [key('pull_requests_reviewed_by_copilot', { org: 'octo', repository: 'octo/web' })]: 2, [key('pull_requests_reviewed_by_copilot', { org: 'octo', repository: 'octo/api' })]: 1 },
    ],
    [
      'the full name from repo_full_name, full_name, or a repo_name that holds owner/name',
      [
        { repo_full_name: 'acme/one', total_x: 1 },
        { full_name: 'acme/two', total_x: 2 },
        { repo_name: 'acme/three', total_x: 3 },
      ],
      { [key('x', { org: 'octo', repository: 'acme/one' })]: 1, [key('x', { org: 'octo', repository: 'acme/two' })]: 2, [key('x', { org: 'octo', repository: 'acme/three' })]: 3 },
    ],
    ['a row of another day: left out', [repo({ day: '2026-11-19', pull_requests: { total_created_by_copilot: 3 } })], {}],
  ])('%s', (_case, rows, expected) => {
    const { values, problems } = map(rows);
    expect(problems).toEqual([]);
    expect(values).toEqual(expected);
  });

  it.each<[string, Row[], string]>([
    ['text where a curated number belongs', [repo({ pull_requests: { total_created_by_copilot: 'three' } })], 'pull_requests.total_created_by_copilot of repository octo/web is "three", expected a non-negative integer'],
    ['a negative number', [repo({ pull_requests: { total_copilot_suggestions: -1 } })], 'pull_requests.total_copilot_suggestions of repository octo/web is -1, expected a non-negative integer'],
    ['a fraction of a curated count', [repo({ pull_requests: { total_merged_created_by_copilot: 1.5 } })], 'pull_requests.total_merged_created_by_copilot of repository octo/web is 1.5, expected a non-negative integer'],
    ['NaN in a curated count', [repo({ pull_requests: { total_reviewed_by_copilot: Number.NaN } })], 'pull_requests.total_reviewed_by_copilot of repository octo/web is NaN, expected a non-negative integer'],
    ['a negative median', [repo({ pull_requests: { median_minutes_to_merge_copilot_authored: -4 } })], 'pull_requests.median_minutes_to_merge_copilot_authored of repository octo/web is -4, expected a non-negative number'],
    ['a negative number in a field GitHub adds later', [repo({ total_new: -2 })], 'total_new of repository octo/web is -2, expected a non-negative number'],
    ['no repository name', [{ day, repo_id: 12, repo_owner_name: 'octo', total_x: 1 }], 'the row of repo_id 12 has no repository name (repo_owner_name and repo_name)'],
    ['no owner for a bare name', [{ day, repo_name: 'web', total_x: 1 }], `a row of ${day} has no repository name (repo_owner_name and repo_name)`],
    ['a name that is not text', [repo({ repo_name: 42 })], 'repo_name of the row of repo_id 7 is 42, expected a name'],
    ['a visibility that is not text', [repo({ repo_visibility: false })], 'repo_visibility of the row of repo_id 7 is false, expected a name'],
    ['a repository listed twice', [repo({ total_x: 1 }), repo({ total_x: 2 })], 'repository octo/web has more than one row'],
  ])('%s is a problem: the report is rejected', (_case, rows, problem) => {
    expect(map(rows).problems).toEqual([problem]);
  });

  it('labels scope first, then repository and visibility; curated families carry their HELP, new ones a generic HELP', () => {
    const { samples } = map([repo({ pull_requests: { total_created_by_copilot: 1 }, agent_sessions_count: 2 })]);
    expect(samples.map((sample) => Object.keys(sample.labels))).toEqual([
      ['org', 'repository', 'visibility'],
      ['org', 'repository', 'visibility'],
    ]);
    const help = Object.fromEntries(samples.map((sample) => [sample.family.name, sample.family.help]));
    expect(help).toEqual({
      github_copilot_repository_pull_requests_created_by_copilot: 'Pull requests created by Copilot (the cloud agent) in the repository on the reported day.',
      github_copilot_repository_agent_sessions: 'GitHub Copilot field repos-1-day agent_sessions_count (no description in this exporter version yet), for the latest reported day.',
    });
  });
});

/** GitHub's changelog of 2026-09-25: one `pull_request_review_times[]` entry per (authored_by, reviewed_by). */
const stages = (merged: number, minutes: number, who: Row = { authored_by: 'human', reviewed_by: 'human' }): Row => ({
  ...who,
  total_merged: merged,
  median_minutes_ready_to_first_review: minutes,
  p90_minutes_ready_to_first_review: minutes * 4,
  median_minutes_first_to_final_review: minutes / 2,
  p90_minutes_first_to_final_review: minutes * 3,
  median_minutes_final_review_to_merge: 12.5,
  p90_minutes_final_review_to_merge: 90,
});
const HUMAN = { ...WEB, authored_by: 'human', reviewed_by: 'human' };

describe('arrays of a repos-1-day row (docs/contract.md §4i)', () => {
  it('one review-stage entry: each figure by who authored and who reviewed, total_merged as _merged', () => {
    const { values, problems } = map([repo({ pull_request_review_times: [stages(3, 40)] })]);
    expect(problems).toEqual([]);
    expect(values).toEqual({
      [key('pull_request_review_times_merged', HUMAN)]: 3,
      [key('pull_request_review_times_median_minutes_ready_to_first_review', HUMAN)]: 40,
      [key('pull_request_review_times_p90_minutes_ready_to_first_review', HUMAN)]: 160,
      [key('pull_request_review_times_median_minutes_first_to_final_review', HUMAN)]: 20,
      [key('pull_request_review_times_p90_minutes_first_to_final_review', HUMAN)]: 120,
      [key('pull_request_review_times_median_minutes_final_review_to_merge', HUMAN)]: 12.5,
      [key('pull_request_review_times_p90_minutes_final_review_to_merge', HUMAN)]: 90,
    });
  });

  it('two entries: one series each, by their labels', () => {
    const { values } = map([repo({ pull_request_review_times: [stages(3, 40), stages(1, 8, { authored_by: 'copilot', reviewed_by: 'human' })] })]);
    expect(values[key('pull_request_review_times_merged', HUMAN)]).toBe(3);
    expect(values[key('pull_request_review_times_merged', { ...WEB, authored_by: 'copilot', reviewed_by: 'human' })]).toBe(1);
    expect(values[key('pull_request_review_times_median_minutes_ready_to_first_review', { ...WEB, authored_by: 'copilot', reviewed_by: 'human' })]).toBe(8);
    expect(Object.keys(values)).toHaveLength(14);
  });

  it('zero entries, a quiet day: no series, not zeros', () => {
    const { values, problems } = map([repo({ pull_request_review_times: [], pull_requests: { copilot_suggestions_by_comment_type: [] } })]);
    expect(problems).toEqual([]);
    expect(values).toEqual({});
  });

  it('an array inside pull_requests: prefixed pull_requests_, a bare count the array’s name alone, entries with the same labels summed', () => {
    const { values } = map([
      repo({
        pull_requests: {
          total_copilot_suggestions: 6,
          copilot_suggestions_by_comment_type: [
            { comment_type: 'bug', count: 4 },
            { comment_type: 'nit', count: 1 },
            { comment_type: 'nit', count: 1 },
          ],
        },
      }),
    ]);
    expect(values[key('pull_requests_copilot_suggestions_by_comment_type', { ...WEB, comment_type: 'bug' })]).toBe(4);
    expect(values[key('pull_requests_copilot_suggestions_by_comment_type', { ...WEB, comment_type: 'nit' })]).toBe(2);
  });

  it('an array GitHub adds later, with fields nobody told the exporter about, by the same rule with a generic HELP', () => {
    const { values, samples, problems } = map([repo({ agent_sessions_by_model: [{ model: 'gpt-5', total: 7, tokens_sum: 1200, median_minutes_per_session: 3.5, session_id: 99, cached: true }] })]);
    expect(problems).toEqual([]);
    const labels = { ...WEB, model: 'gpt-5' };
    expect(values).toEqual({
      [key('agent_sessions_by_model', labels)]: 7,
      [key('agent_sessions_by_model_tokens', labels)]: 1200,
      [key('agent_sessions_by_model_median_minutes_per_session', labels)]: 3.5,
    });
    const family = samples.find((sample) => sample.family.name === 'github_copilot_repository_agent_sessions_by_model')?.family;
    expect(family?.help).toContain('repos-1-day agent_sessions_by_model.total');
    expect(family?.labels).toEqual(['repository', 'visibility', 'model']);
  });

  it.each<[string, Row, string]>([
    ['a count that is a fraction', { pull_request_review_times: [{ ...stages(3, 40), total_merged: 2.5 }] }, 'pull_request_review_times.total_merged of repository octo/web is 2.5, expected a non-negative integer'],
    ['negative minutes', { pull_request_review_times: [{ ...stages(3, 40), p90_minutes_final_review_to_merge: -1 }] }, 'pull_request_review_times.p90_minutes_final_review_to_merge of repository octo/web is -1, expected a non-negative number'],
    ['a negative number in a later array', { pull_requests: { reverts_by_reason: [{ reason: 'flaky', count: -2 }] } }, 'pull_requests.reverts_by_reason.count of repository octo/web is -2, expected a non-negative number'],
  ])('rejects %s in an array entry', (_case, extra, problem) => {
    expect(map([repo(extra)]).problems).toEqual([problem]);
  });

  it('curates HELP for the review stages: what each stage is, the merge day, no history before 2026-09-21, [] on a quiet day', () => {
    const names = REPOSITORY_ARRAY_DEFINITIONS.map((definition) => definition.name);
    expect(names).toContain('github_copilot_repository_pull_request_review_times_merged');
    expect(names).toContain('github_copilot_repository_pull_requests_copilot_suggestions_by_comment_type');
    for (const definition of REPOSITORY_ARRAY_DEFINITIONS.filter((one) => one.name.includes('review_times'))) {
      expect(definition.labels).toEqual(['repository', 'visibility', 'authored_by', 'reviewed_by']);
      expect(definition.help).toMatch(/merged.*2026-09-21.*\[\]/);
    }
    expect(REPOSITORY_ARRAY_DEFINITIONS.find((one) => one.name.endsWith('median_minutes_ready_to_first_review'))?.help).toContain('from ready for review to the first review');
    expect(unitOf(REPOSITORY_ARRAY_DEFINITIONS.find((one) => one.name.endsWith('_review_times_merged'))!)).toBe('{pull_request}');
    expect(unitOf(REPOSITORY_ARRAY_DEFINITIONS.find((one) => one.name.endsWith('_p90_minutes_final_review_to_merge'))!)).toBe('min');
  });
});
