/**
 * Synthetic rows of the `repos-1-day` report: one row per repository with Copilot activity that day.
 *
 * GitHub publishes no row schema for it (docs/github-usage-fields.md, 2026-07-17). The rows carry
 * the fields seen in third-party copies, `repo_id`, `repo_owner_name`, `repo_name` and `repo_visibility`,
 * and, as an assumption, a `pull_requests` object with the entity report's Copilot pull-request counters
 * (pull requests created and merged by the cloud agent, reviewed by code review, its suggestions).
 *
 * Each entity owns 5 to 30 repositories (seeded by the entity), the first public, the second private,
 * the others either (enterprises also have internal ones). On a day about two thirds of them are active
 * (fewer at weekends); the same entity and day always give the same rows.
 */
import { pick, randomInt, seededRandom } from './random.js';
import { type EntityProfile, type Exclusions, revisionSeed } from './entity-profile.js';
import { ownerId } from './usage-report.js';

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
  const visibilities = entity.kind === 'enterprise' ? ['private', 'public', 'internal'] : ['private', 'public'];
  return Array.from({ length: randomInt(random, 5, 30) }, (_, index) => {
    const round = Math.floor(index / NAMES.length);
    return {
      id: entity.id * 10_000 + index + 1,
      owner: pick(random, owners),
      name: `${NAMES[index % NAMES.length]}${round > 0 ? `-${round + 1}` : ''}`,
      visibility: index === 0 ? 'public' : index === 1 ? 'private' : pick(random, visibilities),
    };
  });
}

/** The `repos-1-day` rows of a day: the repositories active that day, each with some Copilot pull-request activity. */
export function repoRows(entity: EntityProfile, day: string, excluded: Exclusions = {}): Array<Record<string, unknown>> {
  const random = seededRandom('repos-1-day', entity.kind, entity.slug, entity.id, day, ...revisionSeed(excluded));
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const activeShare = weekday === 0 || weekday === 6 ? 0.3 : 0.7;
  const rows: Array<Record<string, unknown>> = [];
  for (const repository of repositories(entity)) {
    if (random() >= activeShare) continue;
    const created = randomInt(random, 0, 6);
    const merged = randomInt(random, 0, created);
    // Listed means active: a repository without a created pull request had at least one Copilot review.
    const reviewed = randomInt(random, created === 0 ? 1 : 0, 12);
    const suggestions = reviewed * randomInt(random, 0, 5);
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
        total_copilot_applied_suggestions: Math.round(suggestions * (0.2 + random() * 0.3)),
      },
    });
  }
  return rows;
}
