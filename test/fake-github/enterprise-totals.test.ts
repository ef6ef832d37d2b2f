/**
 * The fake GitHub's enterprises count their organizations, as GitHub's do: over a few seeds of
 * enterprises with one to three organizations and a week of days each, no series the exporter makes of
 * the enterprise's day is below the sum of its organizations' (every field and breakdown entry; medians
 * and averages do not add up and are left out). Seeds are fixed, so that a failure repeats;
 * TEST_SEED=<n> replaces the last with another (the seed is in the test name).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/days.js';
import { DAY_TIMESTAMP } from '../../src/metrics/definitions.js';
import { mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { testSeed } from '../helpers/seed.js';
import { NOT_ADDITIVE } from './enterprise-totals.js';
import type { EntityProfile } from './entity-profile.js';
import { randomInt, seededRandom } from './random.js';
import { DEFAULT_ENTITIES } from './server.js';
import { generateDayTotals } from './usage-report.js';

const SEEDS = [3, 17, 256, testSeed(4_242)];

function enterprise(seed: number): EntityProfile {
  const random = seededRandom('enterprise-totals', seed);
  const organizations = Array.from({ length: randomInt(random, 1, 3) }, (_, index): EntityProfile => ({ kind: 'org', slug: `org-${seed}-${index}`, id: seed * 10 + index, seats: randomInt(random, 5, 300) }));
  return { kind: 'enterprise', slug: `ent-${seed}`, id: seed, seats: randomInt(random, 1, 200), organizations };
}

/** The series the exporter makes of a day row, by family and labels without the scope; the sums of parts only. */
function additiveSeries(row: Record<string, unknown>, scope: Record<string, string>): Map<string, number> {
  const { samples, problems } = mapUsageDay(row, scope);
  expect(problems).toEqual([]);
  const additive = samples.filter(({ family }) => family !== DAY_TIMESTAMP && !NOT_ADDITIVE.test(family.source.split('.').pop() ?? ''));
  return new Map(additive.map(({ family, labels, value }) => [`${family.name}${JSON.stringify(withoutScope(labels, scope))}`, value]));
}

function withoutScope(labels: Record<string, string>, scope: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([key]) => !(key in scope)));
}

function expectAtLeastItsOrganizations(entity: EntityProfile, day: string): void {
  const own = additiveSeries(generateDayTotals(entity, day), { enterprise: entity.slug });
  const sums = new Map<string, number>();
  for (const organization of entity.organizations ?? []) {
    for (const [key, value] of additiveSeries(generateDayTotals(organization, day), { org: organization.slug })) sums.set(key, (sums.get(key) ?? 0) + value);
  }
  expect(sums.size, `${entity.slug} ${day}: its organizations have series`).toBeGreaterThan(0);
  for (const [key, sum] of sums) expect(own.get(key) ?? 0, `${entity.slug} ${day} ${key}`).toBeGreaterThanOrEqual(sum);
}

describe('the fake GitHub’s enterprises', () => {
  it.each(SEEDS)('are at least the sum of their organizations on every series (seed %i)', (seed) => {
    const first = addDays('2026-10-01', seed % 60);
    for (let offset = 0; offset < 7; offset += 1) expectAtLeastItsOrganizations(enterprise(seed), addDays(first, offset));
  });

  it('include the demo’s organizations in the demo’s enterprise', () => {
    const acme = DEFAULT_ENTITIES.find((entity) => entity.kind === 'enterprise') as EntityProfile;
    expect(acme.organizations?.map((organization) => organization.slug)).toEqual(DEFAULT_ENTITIES.filter((entity) => entity.kind === 'org').map((entity) => entity.slug));
    expectAtLeastItsOrganizations(acme, '2026-11-20');
  });
});
