/**
 * /metrics follows GitHub's revisions of a provisional day (docs/contract.md §4g), end to end: the real
 * exporter reads its provisional day again every PROVISIONAL_REFRESH_INTERVAL; a re-read with the same
 * figures counts nothing, and once the fake GitHub revises the day (new figures under new links), the
 * organization's and its teams' series show the new figures within a refresh and the revision is counted.
 */
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/days.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import type { FakeGitHub } from '../fake-github/server.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { sampleKey } from '../helpers/exposition.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';
import { scrapeValues } from '../helpers/scrape.js';
import { expectedUsageSamples, latestDay } from '../helpers/usage-oracle.js';

const END = addDays(today(), -2);
const web: EntityProfile = { kind: 'org', slug: 'web', id: 31, seats: 60, teams: ['core', 'docs'] };

/** What /metrics should show for the organization and its teams, from what the fake serves now. */
function expected(fake: FakeGitHub): Map<string, number> {
  const values = expectedUsageSamples(latestDay(fake.reportRows('org', 'web')), { org: 'web' });
  const users = new Map(fake.userRows('org', 'web', END).map((row) => [row.user_id, row]));
  for (const team of ['core', 'docs']) {
    const members = fake.userTeamRows('org', 'web', END).filter((member) => member.slug === team && users.has(member.user_id));
    values.set(sampleKey('github_copilot_daily_active_users', { org: 'web', team }), members.length);
    values.set(sampleKey('github_copilot_loc_added', { org: 'web', team }), members.reduce((sum, member) => sum + (users.get(member.user_id)?.loc_added_sum as number), 0));
  }
  return values;
}

const revisions = (collector: string) => sampleKey('github_copilot_exporter_report_revisions_total', { org: 'web', collector });
const served = (values: Map<string, number>, wanted: Map<string, number>) => [...wanted].every(([key, value]) => values.get(key) === value);

describe('a provisional day revised by GitHub', () => {
  it('reaches /metrics within a refresh and is counted; re-reads with the same figures count nothing', async () => {
    const fake = await fakeGitHubForTest({ entities: [web], endDay: END });
    const exporter = await exporterForTest({
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_ORGS: 'web',
      REFRESH_INTERVAL: '1',
      PROVISIONAL_REFRESH_INTERVAL: '1',
      COPILOT_SEAT_METRICS: 'false',
      LOG_LEVEL: 'debug',
    });
    const original = expected(fake);
    await waitFor('the first figures', async () => (served(await scrapeValues(exporter.url), original) ? true : undefined), 30_000);

    // Read again, three times over, with nothing revised: the same figures, nothing counted.
    const downloads = (report: string) => fake.requests.filter((request) => request.on === 'download' && request.path.includes(report) && request.status === 200).length;
    await waitFor('three re-reads of each report', async () => (downloads('/part-1.ndjson') >= 4 && downloads(`/users/${END}`) >= 4 ? true : undefined), 30_000);
    const steady = await scrapeValues(exporter.url);
    expect(served(steady, original)).toBe(true);
    for (const collector of ['usage', 'people', 'repositories']) expect(steady.get(revisions(collector)), collector).toBe(0);

    fake.revise(END);
    const revised = expected(fake);
    expect(revised.get(sampleKey('github_copilot_loc_added', { org: 'web' }))).not.toBe(original.get(sampleKey('github_copilot_loc_added', { org: 'web' })));
    const after = await waitFor('the revised figures', async () => {
      const values = await scrapeValues(exporter.url);
      return served(values, revised) && values.get(revisions('people')) === 1 ? values : undefined;
    }, 30_000);
    expect(after.get(revisions('usage'))).toBe(1);
    expect(after.get(revisions('repositories'))).toBe(1);
    await waitForLog(exporter, `GitHub revised ${END} (provisional until it settles): the usage series of organization web now show its new figures`);
  }, 90_000);
});
