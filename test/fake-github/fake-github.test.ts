import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFINITIONS } from '../../src/collectors/index.js';
import { mapLegacyDay } from '../../src/metrics/map/legacy-day.js';
import { mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { generateLegacyDay } from './legacy-report.js';
import { fakeGitHubForTest } from '../helpers/e2e.js';
import { DEFAULT_ENTITIES, type FakeGitHub } from './server.js';
import { generateDayTotals, generateEntityReport } from './usage-report.js';

describe('the fake GitHub reports', () => {
  it('cover every curated usage-metrics family of an entity report, so the demo shows them all', () => {
    const families = new Set<string>();
    for (const entity of DEFAULT_ENTITIES) {
      const { samples, problems } = mapUsageDay(generateDayTotals(entity, '2026-11-20'), { org: entity.slug });
      expect(problems).toEqual([]);
      for (const sample of samples) families.add(sample.family.name);
    }
    // Every family of a day row, that is all but those of user rows only (AI credits, version info).
    const curated = DEFINITIONS.filter((definition) => definition.api === 'both' || (definition.api === 'usage-metrics' && definition.source.startsWith('day_totals[].')));
    expect([...families].sort()).toEqual(curated.map((definition) => definition.name).sort());
  });

  it('cover every legacy family on an ordinary day', () => {
    const { samples, problems } = mapLegacyDay(generateLegacyDay('org:acme-web', '2026-11-20', 120), { org: 'acme-web' });
    expect(problems).toEqual([]);
    const families = new Set(samples.map((sample) => sample.family.name));
    const legacy = DEFINITIONS.filter((definition) => definition.api === 'legacy-metrics' || definition.api === 'both');
    expect([...families].sort()).toEqual(legacy.map((definition) => definition.name).sort());
  });

  it('are consistent: each breakdown adds up to the day totals', () => {
    const day = generateDayTotals(DEFAULT_ENTITIES[0]!, '2026-11-20');
    for (const breakdown of ['totals_by_ide', 'totals_by_feature', 'totals_by_language_feature', 'totals_by_language_model', 'totals_by_model_feature']) {
      const entries = day[breakdown] as Array<Record<string, number>>;
      expect(entries.reduce((sum, entry) => sum + entry.loc_added_sum!, 0), breakdown).toBe(day.loc_added_sum);
    }
  });

  it('are deterministic, and split a 28-day report over the requested number of files', () => {
    const a = generateEntityReport(DEFAULT_ENTITIES[1]!, '2026-11-20', { parts: 2 });
    expect(generateEntityReport(DEFAULT_ENTITIES[1]!, '2026-11-20', { parts: 2 })).toEqual(a);
    expect(a).toHaveLength(2);
    const days = a.flatMap((row) => (row.day_totals as Array<{ day: string }>).map((entry) => entry.day));
    expect(days).toHaveLength(28);
    expect(days[0]).toBe('2026-10-24');
    expect(days.at(-1)).toBe('2026-11-20');
  });
});

/** GET on the fake API with its token. */
function api(fake: FakeGitHub, path: string): Promise<Response> {
  return fetch(`${fake.apiUrl}${path}`, { headers: { authorization: `Bearer ${fake.token}` } });
}

describe('the fake GitHub people reports', () => {
  it('serve a heavy users report from one file on disk, consistent with userRows, userTeamRows and the team values', async () => {
    const heavyDir = mkdtempSync(join(tmpdir(), 'fake-heavy-'));
    onTestFinished(() => rmSync(heavyDir, { recursive: true, force: true }));
    const entity = { kind: 'org' as const, slug: 'huge', id: 77, seats: 50, heavyUsers: { count: 40, teams: 8 } };
    const fake = await fakeGitHubForTest({ entities: [entity], heavyDir });
    const day = fake.endDay;

    const links = (await (await api(fake, `/orgs/huge/copilot/metrics/reports/users-1-day?day=${day}`)).json()) as { download_links: string[] };
    expect(links.download_links).toHaveLength(1);
    const download = await fetch(links.download_links[0] as string);
    const text = await download.text();
    const heavy = await fake.heavyReport('org', 'huge', day);
    expect(Number(download.headers.get('content-length'))).toBe(heavy.users.bytes);
    const rows = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual(fake.userRows('org', 'huge', day));
    expect(rows).toHaveLength(40);
    // Heavy rows: many language × model entries, about 8 KB each.
    expect(heavy.users.bytes / rows.length).toBeGreaterThan(6000);
    expect(heavy.users.bytes / rows.length).toBeLessThan(11000);

    // Every seat holder, active or not, is in two teams; each team's values are its active members' sums.
    const memberships = fake.userTeamRows('org', 'huge', day);
    expect(memberships).toHaveLength(2 * entity.seats);
    const users = new Map(rows.map((row) => [row.user_id, row]));
    const expected: Record<string, Record<string, number>> = {};
    for (const membership of memberships) {
      const team = (expected[String(membership.slug)] ??= { daily_active_users: 0, loc_added_sum: 0 });
      const row = users.get(membership.user_id);
      if (!row) continue;
      team.daily_active_users = (team.daily_active_users as number) + 1;
      team.loc_added_sum = (team.loc_added_sum as number) + (row.loc_added_sum as number);
    }
    expect(Object.keys(heavy.teams)).toHaveLength(8);
    for (const [slug, values] of Object.entries(heavy.teams)) expect(values, slug).toMatchObject(expected[slug] as Record<string, number>);
    const teamsLink = (await (await api(fake, `/orgs/huge/copilot/metrics/reports/user-teams-1-day?day=${day}`)).json()) as { download_links: string[] };
    expect(await (await fetch(teamsLink.download_links[0] as string)).text()).toBe(memberships.map((row) => `${JSON.stringify(row)}\n`).join(''));

    // A second fake finds the files already written.
    const again = await fakeGitHubForTest({ entities: [entity], heavyDir });
    expect(await again.heavyReport('org', 'huge', day)).toEqual(heavy);
  });

  it('answer 404 for the users, user-teams, repos and seats reports an entity lists as missing, and nothing else', async () => {
    const fake = await fakeGitHubForTest({
      entities: [
        { kind: 'org', slug: 'bare', id: 5, seats: 20, teams: ['core'], missingReports: ['users', 'user-teams', 'repos', 'seats'] },
        { kind: 'org', slug: 'full', id: 6, seats: 20, teams: ['core'] },
      ],
    });
    const day = fake.endDay;
    const optional = [`users-1-day?day=${day}`, `user-teams-1-day?day=${day}`, `repos-1-day?day=${day}`].map((report) => `/copilot/metrics/reports/${report}`).concat(['/copilot/billing', '/copilot/billing/seats']);
    for (const path of optional) {
      const missing = await api(fake, `/orgs/bare${path}`);
      expect(missing.status, path).toBe(404);
      expect(await missing.json()).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      expect((await api(fake, `/orgs/full${path}`)).status, path).toBe(200);
    }
    expect((await api(fake, '/orgs/bare/copilot/metrics/reports/organization-28-day/latest')).status).toBe(200);
  });
});

describe('the fake GitHub repos-1-day reports', () => {
  it('serve, for every entity, the day’s active repositories among its 5 to 30, public and private, each with Copilot pull-request activity', async () => {
    const fake = await fakeGitHubForTest();
    const visibilities = new Set<unknown>();
    for (const entity of DEFAULT_ENTITIES) {
      const plural = entity.kind === 'enterprise' ? 'enterprises' : 'orgs';
      const links = (await (await api(fake, `/${plural}/${entity.slug}/copilot/metrics/reports/repos-1-day?day=${fake.endDay}`)).json()) as { download_links: string[]; report_day: string };
      expect(links.report_day).toBe(fake.endDay);
      const text = await (await fetch(links.download_links[0] as string)).text();
      const rows = fake.repoRows(entity.kind, entity.slug, fake.endDay);
      expect(text).toBe(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      expect(rows.length, entity.slug).toBeGreaterThanOrEqual(1);
      expect(rows.length, entity.slug).toBeLessThanOrEqual(30);
      expect(new Set(rows.map((row) => `${row.repo_owner_name}/${row.repo_name}`)).size, entity.slug).toBe(rows.length);
      for (const row of rows) {
        expect(row).toMatchObject({ day: fake.endDay, repo_id: expect.any(Number), repo_owner_name: expect.any(String), repo_name: expect.any(String) });
        const counts = row.pull_requests as { total_created_by_copilot: number; total_reviewed_by_copilot: number; total_merged_created_by_copilot: number };
        expect(counts.total_created_by_copilot + counts.total_reviewed_by_copilot, `${row.repo_name}: listed means active`).toBeGreaterThan(0);
        expect(counts.total_merged_created_by_copilot).toBeLessThanOrEqual(counts.total_created_by_copilot);
        visibilities.add(row.repo_visibility);
        // Copilot's suggestions split by comment type add up; the review stages are GitHub's shape, [] on a quiet day.
        const comments = (row.pull_requests as { copilot_suggestions_by_comment_type: Array<{ count: number }>; total_copilot_suggestions: number });
        expect(comments.copilot_suggestions_by_comment_type.reduce((sum, entry) => sum + entry.count, 0)).toBe(comments.total_copilot_suggestions);
        for (const entry of row.pull_request_review_times as Array<Record<string, unknown>>) {
          expect(entry).toMatchObject({ authored_by: 'human', reviewed_by: 'human', total_merged: expect.any(Number) });
          expect(entry.p90_minutes_ready_to_first_review as number).toBeGreaterThanOrEqual(entry.median_minutes_ready_to_first_review as number);
        }
      }
    }
    expect(visibilities).toEqual(expect.objectContaining(new Set(['PUBLIC', 'PRIVATE'])));
    // The same entity and day give the same rows; another day, others.
    expect(fake.repoRows('org', 'acme-web', fake.endDay)).toEqual(fake.repoRows('org', 'acme-web', fake.endDay));
    expect(fake.repoRows('org', 'acme-web', '2026-11-19')).not.toEqual(fake.repoRows('org', 'acme-web', fake.endDay));
  });
});

describe('the fake GitHub AI credit usage', () => {
  const usage = (fake: FakeGitHub, owner: string, query: string) => api(fake, `/${owner}/settings/billing/ai_credit/usage?${query}`);
  type Answer = { timePeriod: Record<string, number>; usageItems: Array<Record<string, string | number>> };
  const gross = (answer: Answer) => answer.usageItems.reduce((sum, item) => sum + Number(item.grossQuantity), 0);

  it('bills a month as the sum of its days up to today, lists its first line twice, and refuses what GitHub refuses', async () => {
    const billed = { kind: 'org' as const, slug: 'billed', id: 9, seats: 5, billedThroughEnterprise: true };
    const fake = await fakeGitHubForTest({ entities: [...DEFAULT_ENTITIES, billed], billedUntil: '2026-11-03' });
    const days = await Promise.all(['1', '2', '3', '4'].map(async (day) => (await (await usage(fake, 'organizations/acme-web', `year=2026&month=11&day=${day}`)).json()) as Answer));
    const month = (await (await usage(fake, 'organizations/acme-web', 'year=2026&month=11')).json()) as Answer;
    expect(month.timePeriod).toEqual({ year: 2026, month: 11 });
    expect(days[3]?.usageItems).toEqual([]);
    expect(gross(month)).toBe(days.reduce((sum, day) => sum + gross(day), 0));
    const [first, second] = month.usageItems;
    expect([second?.product, second?.sku, second?.model]).toEqual([first?.product, first?.sku, first?.model]);
    expect((await usage(fake, 'enterprises/acme', 'year=2026&month=11')).status).toBe(200);
    expect((await usage(fake, 'organizations/billed', 'year=2026&month=11')).status).toBe(404);
    expect((await usage(fake, 'organizations/acme-web', 'year=2026&month=13')).status).toBe(400);
  });
});
