/**
 * The repos-1-day mapper (docs/contract.md §4e): every numeric field of a row, nested objects joined with `_`,
 * the suffix and `total_` rules of §4a, labelled `repository` and `visibility`; identifiers are never
 * metrics, absent and null fields give no series, and a wrong value rejects the report.
 */
import { describe, expect, it } from 'vitest';
import { unitOf } from '../../src/metrics/definitions.js';
import type { Row } from '../../src/metrics/map/report-values.js';
import { REPOSITORY_DEFINITIONS, RepositoryRows } from '../../src/metrics/map/repositories.js';
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
      'identifiers, bookkeeping, text, booleans and arrays: no series',
      [repo({ organization_id: '5', etl_id: 'x', day_partition: 3, is_fork: true, language: 'go', pull_requests: { review_id: 9, copilot_suggestions_by_comment_type: [{ comment_type: 'bug', total_copilot_suggestions: 2 }] } })],
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
