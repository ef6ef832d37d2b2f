/**
 * Rows of one day's `repos-1-day` report → samples, by the rule of docs/contract.md §4e: every numeric field of
 * a row, nested objects joined with `_` and each field name shortened by the suffix and `total_` rules of
 * §4a, becomes `github_copilot_repository_<name>`, labelled `repository="owner/name"` and `visibility`
 * when the row has it. Pure: no I/O, no clock, no logging, no exceptions.
 *
 * GitHub publishes no row schema for this report (docs/github-usage-fields.md, 2026-07-17): the fields seen
 * are `repo_id`, `repo_owner_name`, `repo_name`, `repo_visibility` and pull-request counters, and GitHub's
 * changelog of 2026-09-25 speaks of the rows' `pull_requests` fields. The curated families below are the
 * counters of the entity report's `pull_requests` that are about Copilot; every other numeric field is
 * exported by the same rule with a generic HELP. A curated field holding something other than what it
 * must be (report-values.ts), a negative number in any field, a row without a repository name and a
 * repository with two rows are problems: the caller rejects the report rather than export a wrong number.
 *
 * Arrays of objects, at the top of a row or inside `pull_requests`, follow the generic rule of docs/contract.md
 * §4i: each numeric field of an entry becomes `github_copilot_repository_<pull_requests_><array>_<field>`
 * (a bare `count` or `total` the array's name alone), labelled by the entry's text fields under their
 * own names; entries with the same labels are summed, and an empty array (a quiet day) gives no series.
 * GitHub's review stages (`pull_request_review_times[]`, 2026-09-25) and Copilot's suggestions by
 * comment type have curated HELP texts.
 *
 * Rows are mapped as they are offered, never kept: memory grows with the series, not with the report.
 */
import { type MetricDefinition, genericDefinition, stripCountSum } from '../definitions.js';
import { type Labels, type Sample, SampleSet } from '../sample.js';
import { type Row, expectedOfUsageField, isExpected, isObject, valueProblem } from './report-values.js';
import { isBookkeeping, sanitize } from './usage-day.js';

const PREFIX = 'github_copilot_repository_';
const LABELS = ['repository', 'visibility'] as const;

/** docs/contract.md §4e: `pull_requests.total_created_by_copilot` → `github_copilot_repository_pull_requests_created_by_copilot`. */
export function repositoryMetricName(path: readonly string[]): string {
  const field = stripCountSum(path[path.length - 1] ?? '').replace(/^total_/, '');
  return PREFIX + sanitize([...path.slice(0, -1), field].join('_'));
}

function repository(source: string, help: string): MetricDefinition {
  return { name: repositoryMetricName(source.split('.')), help, type: 'gauge', labels: LABELS, source, api: 'repositories' };
}

const DAY = 'in the repository on the reported day';

/** The Copilot counters of the entity report's `pull_requests`, per repository. */
export const REPOSITORY_DEFINITIONS: readonly MetricDefinition[] = [
  repository('pull_requests.total_created_by_copilot', `Pull requests created by Copilot (the cloud agent) ${DAY}.`),
  repository('pull_requests.total_merged_created_by_copilot', `Pull requests created by Copilot (the cloud agent) and merged ${DAY}.`),
  repository('pull_requests.median_minutes_to_merge_copilot_authored', `Median minutes from creation to merge of the Copilot-authored pull requests merged ${DAY}.`),
  repository('pull_requests.total_reviewed_by_copilot', `Pull requests reviewed by Copilot code review ${DAY}.`),
  repository('pull_requests.total_copilot_suggestions', `Review suggestions made by Copilot code review ${DAY}.`),
  repository('pull_requests.total_copilot_applied_suggestions', `Review suggestions by Copilot code review that were applied ${DAY}.`),
];

/** docs/contract.md §4i: an array entry's field → its metric name (`P_` is `pull_requests_` for an array inside it). */
export function repositoryArrayMetricName(path: readonly string[], field: string): string {
  const leaf = field === 'count' || field === 'total' ? [] : [stripCountSum(field).replace(/^total_/, '')];
  return PREFIX + sanitize([...path, ...leaf].join('_'));
}

function arrayFamily(array: string, field: string, labels: readonly string[], help: string): MetricDefinition {
  const path = array.split('.');
  return { name: repositoryArrayMetricName(path, field), help, type: 'gauge', labels: [...LABELS, ...labels], source: `${array}[].${field}`, api: 'repositories' };
}

const REVIEW_TIMES = 'pull_request_review_times';
const REVIEWERS = ['authored_by', 'reviewed_by'];
/** What GitHub's changelog of 2026-09-25 says of every review-stage figure. */
const REVIEW_NOTE =
  'of the pull requests merged in the repository on the reported day, by who authored and who reviewed them (both human for now). Times count on the day a pull request merged; there is no history before 2026-09-21 (pull requests marked ready earlier are left out), and a quiet day has no series (GitHub sends []).';
const STAGES: ReadonlyArray<readonly [string, string]> = [
  ['ready_to_first_review', 'from ready for review to the first review (waiting for a reviewer)'],
  ['first_to_final_review', 'from the first review to the final review (the back and forth between author and reviewers)'],
  ['final_review_to_merge', 'from the final review to the merge (approved but not merged)'],
];

/** The review stages per repository, and Copilot code review's suggestions by comment type. */
export const REPOSITORY_ARRAY_DEFINITIONS: readonly MetricDefinition[] = [
  arrayFamily(REVIEW_TIMES, 'total_merged', REVIEWERS, `Pull requests the review-stage times describe: those ${REVIEW_NOTE}`),
  ...STAGES.flatMap(([stage, what]) => [
    arrayFamily(REVIEW_TIMES, `median_minutes_${stage}`, REVIEWERS, `Median minutes ${what}, ${REVIEW_NOTE}`),
    arrayFamily(REVIEW_TIMES, `p90_minutes_${stage}`, REVIEWERS, `90th percentile of the minutes ${what}, ${REVIEW_NOTE}`),
  ]),
  arrayFamily(
    'pull_requests.copilot_suggestions_by_comment_type',
    'count',
    ['comment_type'],
    `Review suggestions made by Copilot code review ${DAY}, by comment type (GitHub has not published the entries' fields: each text field labels the series under its own name).`,
  ),
];

const CURATED = new Map([...REPOSITORY_DEFINITIONS, ...REPOSITORY_ARRAY_DEFINITIONS].map((definition) => [definition.name, definition]));

/** The fields a row names its repository with; they become labels, never metrics. */
const OWNER = 'repo_owner_name';
const NAME = 'repo_name';
const VISIBILITY = 'repo_visibility';
/** A row may carry the whole `owner/name` instead (GitHub's REST API calls it `full_name`). */
const FULL_NAME_FIELDS = ['repo_full_name', 'full_name'];
const LABEL_FIELDS = new Set([OWNER, NAME, VISIBILITY, ...FULL_NAME_FIELDS]);

export interface RepositoriesResult {
  samples: Sample[];
  problems: string[];
}

export class RepositoryRows {
  private readonly samples = new SampleSet();
  private readonly problems: string[] = [];
  private readonly seen = new Set<string>();
  private readonly generic = new Map<string, MetricDefinition>();

  constructor(
    private readonly day: string,
    private readonly scope: Labels,
  ) {}

  /** One row; a row of another day is not this report's (as in the users report) and is left out. */
  offer(row: Row): void {
    if (typeof row.day === 'string' && row.day !== this.day) return;
    const labels = this.labelsOf(row);
    if (!labels) return;
    if (this.seen.has(labels.repository)) {
      this.problems.push(`repository ${labels.repository} has more than one row`);
      return;
    }
    this.seen.add(labels.repository);
    this.walk(row, [], { ...this.scope, ...labels });
  }

  finish(): RepositoriesResult {
    return { samples: this.samples.toArray(), problems: this.problems };
  }

  /** `repository` (and `visibility`), or undefined after noting the problem. */
  private labelsOf(row: Row): { repository: string; visibility?: string } | undefined {
    const which = typeof row.repo_id === 'string' || typeof row.repo_id === 'number' ? `the row of repo_id ${row.repo_id}` : `a row of ${this.day}`;
    const text: Record<string, string | undefined> = {};
    for (const field of LABEL_FIELDS) {
      const value = row[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' || value === '') {
        this.problems.push(valueProblem(`${field} of ${which}`, value, 'a name'));
        return undefined;
      }
      text[field] = value;
    }
    const full = FULL_NAME_FIELDS.map((field) => text[field]).find((value) => value !== undefined);
    const name = text[NAME];
    const owner = text[OWNER];
    // A repo_name that already holds `owner/name` is taken as it is.
    const repository = full ?? (name?.includes('/') ? name : owner && name && `${owner}/${name}`);
    if (repository === undefined) {
      this.problems.push(`${which} has no repository name (${OWNER} and ${NAME})`);
      return undefined;
    }
    const visibility = text[VISIBILITY];
    return visibility === undefined ? { repository } : { repository, visibility };
  }

  /**
   * Every numeric leaf, nested objects joined with `_`, and the arrays of objects at the top or inside
   * `pull_requests`; identifiers, text, booleans and other arrays are no values.
   */
  private walk(section: Row, path: readonly string[], labels: Labels): void {
    for (const [key, value] of Object.entries(section)) {
      if (value === null || value === undefined || isBookkeeping(key) || (path.length === 0 && LABEL_FIELDS.has(key))) continue;
      if (isObject(value)) this.walk(value, [...path, key], labels);
      else if (Array.isArray(value)) {
        if (path.length === 0 || (path.length === 1 && path[0] === 'pull_requests')) this.array([...path, key], value, labels);
      } else this.field(repositoryMetricName([...path, key]), [...path, key], value, labels);
    }
  }

  /** docs/contract.md §4i: an array's entries, each labelled by its text fields; entries that are no objects are no values. */
  private array(path: readonly string[], entries: readonly unknown[], labels: Labels): void {
    for (const entry of entries) {
      if (!isObject(entry)) continue;
      const entryLabels: Record<string, string> = {};
      for (const [key, value] of Object.entries(entry)) if (typeof value === 'string' && !(key in labels)) entryLabels[sanitize(key)] = value;
      for (const [key, value] of Object.entries(entry)) {
        if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object' || isBookkeeping(key)) continue;
        this.field(repositoryArrayMetricName(path, key), [...path, key], value, { ...labels, ...entryLabels });
      }
    }
  }

  private field(name: string, path: readonly string[], value: unknown, labels: Labels): void {
    const curated = CURATED.get(name);
    const expected = expectedOfUsageField(path[path.length - 1] ?? '', curated !== undefined);
    if (!isExpected(value, expected)) {
      if (curated || typeof value === 'number') this.problems.push(valueProblem(`${path.join('.')} of repository ${labels.repository}`, value, expected));
      return;
    }
    this.samples.add(curated ?? this.genericFamily(name, path, Object.keys(labels)), labels, value);
  }

  /** docs/contract.md §4e and §4i: a numeric field GitHub adds later is exported by the same rule, with a generic HELP. */
  private genericFamily(name: string, path: readonly string[], labelNames: readonly string[]): MetricDefinition {
    let family = this.generic.get(name);
    if (!family) {
      const scope = new Set(Object.keys(this.scope));
      family = genericDefinition(name, `repos-1-day ${path.join('.')}`, labelNames.filter((label) => !scope.has(label)), 'repositories');
      this.generic.set(name, family);
    }
    return family;
  }
}
