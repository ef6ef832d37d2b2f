/**
 * Synthetic rows of the `repos-1-day` report: one row per repository with Copilot activity that day.
 *
 * GitHub publishes no row schema for it in the English docs (docs/github-usage-fields.md, "Repository rows,
 * later additions"). The rows carry the fields seen in the wild, `repo_id`, `repo_owner_name`, `repo_name`
 * and `repo_visibility` (`PUBLIC`, `PRIVATE`, `INTERNAL`), a `pull_requests` object with the entity
 * report's Copilot pull-request counters (pull requests created and merged by the cloud agent, reviewed
 * by code review, its suggestions) and, as an assumption since GitHub has not published its fields,
 * `pull_requests.copilot_suggestions_by_comment_type[]{comment_type, count}` adding up to the suggestions;
 * and from 2026-09-21 on, GitHub's review stages (changelog of 2026-09-25): `pull_request_review_times[]`,
 * one human/human entry for a repository with merged pull requests, `[]` on a quiet day.
 *
 * Each entity owns 5 to 30 repositories (seeded by the entity), the first public, the second private,
 * the others either (enterprises also have internal ones). On a day about two thirds of them are active
 * (fewer at weekends); the same entity and day always give the same rows.
 */
import { pick, randomInt, seededRandom } from './random.js';
import { type EntityProfile, type Exclusions, revisionSeed } from './entity-profile.js';
import { ownerId } from './usage-report.js';

type Row = Record<string, unknown>;

export interface FakeRepository {
  id: number;
  owner: string;
  name: string;
  visibility: string;
}

const NAMES = ['api', 'web', 'mobile', 'infra', 'docs', 'billing', 'search', 'auth', 'data-pipeline', 'design-system', 'cli', 'sdk', 'gateway', 'notifications', 'analytics'];

/** The repositories an entity owns, the same on every day. */
export function repositories(entity: EntityProfile): FakeRepository[] {
  const random = seededRandom('repositories', entity.kind, entity.slug, entity.id);
  const owners = entity.kind === 'enterprise' ? [entity.slug, `${entity.slug}-labs`] : [entity.slug];
  const visibilities = entity.kind === 'enterprise' ? ['PRIVATE', 'PUBLIC', 'INTERNAL'] : ['PRIVATE', 'PUBLIC'];
  return Array.from({ length: randomInt(random, 5, 30) }, (_, index) => {
    const round = Math.floor(index / NAMES.length);
    return {
      id: entity.id * 10_000 + index + 1,
      owner: pick(random, owners),
      name: `${NAMES[index % NAMES.length]}${round > 0 ? `-${round + 1}` : ''}`,
      visibility: index === 0 ? 'PUBLIC' : index === 1 ? 'PRIVATE' : pick(random, visibilities),
    };
  });
}

/** The comment types of Copilot code review's suggestions: the fake's guess, GitHub names none. */
const COMMENT_TYPES = ['bug', 'performance', 'security', 'style'];
/** The first day whose pull requests GitHub times by review stage (pull requests marked ready earlier are left out). */
export const FIRST_REVIEW_STAGES_DAY = '2026-09-21';

/** A split of `total` over the comment types, the types without suggestions left out. */
function byCommentType(random: () => number, total: number): Array<{ comment_type: string; count: number }> {
  const counts = new Map<string, number>();
  for (let i = 0; i < total; i += 1) {
    const type = pick(random, COMMENT_TYPES);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([comment_type, count]) => ({ comment_type, count }));
}

/** `pull_request_review_times[]` of a repository with `merged` human pull requests merged that day: times in minutes, each p90 above its median. */
function reviewTimes(random: () => number, merged: number): Row[] {
  if (merged === 0) return [];
  const stage = (typical: number) => {
    const median = Math.round(random() * typical * 10) / 10;
    return [median, Math.round((median + random() * typical * 3) * 10) / 10];
  };
  const [readyMedian, readyP90] = stage(600);
  const [reviewMedian, reviewP90] = stage(900);
  const [mergeMedian, mergeP90] = stage(120);
  return [
    {
      authored_by: 'human',
      reviewed_by: 'human',
      total_merged: merged,
      median_minutes_ready_to_first_review: readyMedian,
      p90_minutes_ready_to_first_review: readyP90,
      median_minutes_first_to_final_review: reviewMedian,
      p90_minutes_first_to_final_review: reviewP90,
      median_minutes_final_review_to_merge: mergeMedian,
      p90_minutes_final_review_to_merge: mergeP90,
    },
  ];
}

/** The `repos-1-day` rows of a day: the repositories active that day, each with some Copilot pull-request activity. */
export function repoRows(entity: EntityProfile, day: string, excluded: Exclusions = {}): Row[] {
  const random = seededRandom('repos-1-day', entity.kind, entity.slug, entity.id, day, ...revisionSeed(excluded));
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const activeShare = weekday === 0 || weekday === 6 ? 0.3 : 0.7;
  const rows: Row[] = [];
  for (const repository of repositories(entity)) {
    if (random() >= activeShare) continue;
    const created = randomInt(random, 0, 6);
    const merged = randomInt(random, 0, created);
    // Listed means active: a repository without a created pull request had at least one Copilot review.
    const reviewed = randomInt(random, created === 0 ? 1 : 0, 12);
    const suggestions = reviewed * randomInt(random, 0, 5);
    const humanMerged = randomInt(random, 0, 8);
    const review = reviewTimes(random, humanMerged);
    const comments = byCommentType(random, suggestions);
    const applied = Math.round(suggestions * (0.2 + random() * 0.3));
    rows.push({
      day,
      ...ownerId(entity),
      repo_id: repository.id,
      repo_owner_name: repository.owner,
      repo_name: repository.name,
      repo_visibility: repository.visibility,
      pull_requests: {
        total_created_by_copilot: created,
        total_merged_created_by_copilot: merged,
        // No median of nothing: null (no series) when no Copilot pull request was merged.
        median_minutes_to_merge_copilot_authored: merged > 0 ? Math.round(random() * 30_000) / 10 : null,
        total_reviewed_by_copilot: reviewed,
        total_copilot_suggestions: suggestions,
        total_copilot_applied_suggestions: applied,
        copilot_suggestions_by_comment_type: comments,
      },
      ...(day >= FIRST_REVIEW_STAGES_DAY ? { pull_request_review_times: review } : {}),
    });
  }
  return rows;
}
