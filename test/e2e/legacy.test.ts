/**
 * End to end with COPILOT_API=legacy-metrics: all four scopes against the fake GitHub API over loopback,
 * paginated (10 days a page) and randomized with null sections, missing fields and hostile names; every
 * scraped series must be what docs/contract.md §4b says, while a 422 target and a 404 target report their reasons.
 */
import { describe, expect, it } from 'vitest';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { copilotValues, sampleKey } from '../helpers/exposition.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';
import { expectedLegacySamples } from '../helpers/legacy-contract.js';
import { scrape } from '../helpers/scrape.js';
import { reportSeedOnFailure, testSeed } from '../helpers/seed.js';

describe('legacy-metrics end to end', () => {
  it('exports every leaf of all four scopes exactly, and the reasons of failing targets', async () => {
    const seed = testSeed(515151);
    reportSeedOnFailure(seed);
    const entities: EntityProfile[] = [
      { kind: 'enterprise', slug: `ent-${seed}`, id: 1, seats: 300, teams: ['ai-team'] },
      { kind: 'org', slug: 'web', id: 2, seats: 90, teams: ['platform', 'tiny'] },
      { kind: 'org', slug: 'locked', id: 3, seats: 10, legacyPolicyDisabled: true },
    ];
    const fake = await fakeGitHubForTest({ entities, legacyPageSize: 10, legacyRough: true });
    const exporter = await exporterForTest({
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_API: 'legacy-metrics',
      COPILOT_ENTERPRISES: `ent-${seed}`,
      COPILOT_ORGS: 'web,locked,gone',
      COPILOT_TEAMS: 'web/platform,web/tiny',
      COPILOT_ENTERPRISE_TEAMS: `ent-${seed}/ai-team`,
      REFRESH_INTERVAL: '3600',
      COPILOT_SEAT_METRICS: 'false',
    });
    const url = exporter.url;
    await waitFor('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));
    const { values } = await scrape(url);

    const scopes: Array<[Record<string, string>, EntityProfile['kind'], string, string | undefined]> = [
      [{ enterprise: `ent-${seed}` }, 'enterprise', `ent-${seed}`, undefined],
      [{ enterprise: `ent-${seed}`, team: 'ai-team' }, 'enterprise', `ent-${seed}`, 'ai-team'],
      [{ org: 'web' }, 'org', 'web', undefined],
      [{ org: 'web', team: 'platform' }, 'org', 'web', 'platform'],
      [{ org: 'web', team: 'tiny' }, 'org', 'web', 'tiny'],
    ];
    const expected = new Map<string, number>();
    for (const [scope, kind, slug, team] of scopes) {
      const days = fake.legacyDays(kind, slug, team);
      expect(days.length, `${slug}/${team}`).toBeGreaterThan(10); // more than one page
      const latest = days.reduce((a, b) => (String(b.date) >= String(a.date) ? b : a));
      for (const [key, value] of expectedLegacySamples(latest, scope)) expected.set(key, value);
      expect(values.get(sampleKey('github_copilot_exporter_target_up', scope))).toBe(1);
    }
    expect(copilotValues(values)).toEqual(expected);

    expect(values.get(sampleKey('github_copilot_exporter_target_up', { org: 'locked' }))).toBe(0);
    expect(values.get(sampleKey('github_copilot_exporter_poll_errors_total', { org: 'locked', collector: 'legacy', reason: 'policy_disabled' }))).toBe(1);
    expect(values.get(sampleKey('github_copilot_exporter_target_up', { org: 'gone' }))).toBe(0);
    expect(values.get(sampleKey('github_copilot_exporter_poll_errors_total', { org: 'gone', collector: 'legacy', reason: 'not_found' }))).toBe(1);
    // Each failure is logged just after it is counted, as the first poll ends: the lines may reach the test after readiness does.
    await waitForLog(exporter, 'GitHub closed the /copilot/metrics endpoints on 2026-04-02 and answers 404 since: for live data set COPILOT_API=usage-metrics.');
    await waitForLog(exporter, 'Enable the \\"Copilot Metrics API access\\" policy');
    // Pagination: every page of every target was asked for.
    const pages = fake.requests.filter((request) => request.on === 'api' && request.path.includes('page='));
    expect(pages.length).toBeGreaterThanOrEqual(scopes.length * 2);
  });
});
