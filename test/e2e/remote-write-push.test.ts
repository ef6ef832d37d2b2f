/**
 * The continuous push of `serve` (REMOTE_WRITE_URL) into a real Prometheus (Debian's, remote write
 * receiver on, an out-of-order window for days two or three days old): after the first poll, every
 * series of the latest day (organization, teams, repositories) is in the database once, at 00:00 UTC of
 * that day, with REMOTE_WRITE_LABELS; seats are not pushed; a restart writes nothing new; a new day is
 * pushed as it arrives. A receiver that is down never touches /metrics or the polls.
 */
import { describe, expect, onTestFinished } from 'vitest';
import { addDays, today } from '../../src/backfill/days.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { isCopilotSeries, sampleKey } from '../helpers/exposition.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';
import { startPrometheus } from '../helpers/receivers.js';
import { freePort, itWithTool } from '../helpers/tools.js';

const it = itWithTool('prometheus');
const END = addDays(today(), -3);
const LABELS = { job: 'github-copilot', instance: 'copilot-exporter:9847' };
const COPILOT = '{__name__=~"github_copilot_.+"}';
const entities: EntityProfile[] = [
  { kind: 'org', slug: 'web', id: 8, seats: 40, teams: ['core', 'docs'] },
  { kind: 'enterprise', slug: 'ent', id: 7, seats: 120, teams: ['core'] },
];

const SAMPLES_PUSHED = sampleKey('github_copilot_exporter_remote_write_samples_total', {});

/** The Copilot series /metrics serves that describe a day: all but the exporter's own and the seats. */
function daySeries(values: Map<string, number>): Map<string, number> {
  return new Map([...values].filter(([key]) => isCopilotSeries(key) && !key.startsWith('github_copilot_seat')));
}

/** A series of /metrics as the database holds it: with the REMOTE_WRITE_LABELS. */
function labelled(key: string): string {
  const brace = key.indexOf('{');
  return sampleKey(key.slice(0, brace), { ...(JSON.parse(key.slice(brace)) as Record<string, string>), ...LABELS });
}

describe('continuous push (REMOTE_WRITE_URL)', () => {
  it(
    'writes each new day of every collector once, at 00:00 UTC of the day; a restart writes nothing new',
    async () => {
      const fake = await fakeGitHubForTest({ entities, endDay: END });
      const prometheus = await startPrometheus({ outOfOrderWindow: '30d' });
      onTestFinished(() => prometheus.stop());
      const env = {
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_TOKEN: fake.token,
        COPILOT_ORGS: 'web',
        COPILOT_ENTERPRISES: 'ent',
        REFRESH_INTERVAL: '2',
        REMOTE_WRITE_URL: prometheus.writeUrl,
        REMOTE_WRITE_LABELS: `job=${LABELS.job},instance=${LABELS.instance}`,
      };
      const pushedAll = async (url: string, count: number) =>
        waitFor('every series of the day to be pushed', async () => ((await scrapeValues(url)).get(SAMPLES_PUSHED) === count ? true : undefined), 30_000);

      const first = await exporterForTest(env);
      await waitFor('readiness', async () => ((await fetch(`${first.url}/readyz`)).ok ? true : undefined), 30_000);
      const served = daySeries(await scrapeValues(first.url));
      expect([...served.keys()].some((key) => key.includes('"team":'))).toBe(true);
      expect([...served.keys()].some((key) => key.includes('"repository":'))).toBe(true);
      // The day-keyed families of docs/contract.md §4i are pushed like the others.
      for (const family of ['team_members', 'users_by_ide_version', 'users_by_cli_version', 'repository_pull_request_review_times_p90_minutes_ready_to_first_review']) {
        expect([...served.keys()].some((key) => key.startsWith(`github_copilot_${family}{`)), family).toBe(true);
      }
      // /metrics is unchanged: its series carry no remote write labels.
      expect([...served.keys()].some((key) => key.includes('"job":'))).toBe(false);
      await pushedAll(first.url, served.size);

      const atDay = Date.parse(`${END}T00:00:00Z`);
      const stored = await prometheus.raw(COPILOT, '30d');
      expect(stored).toEqual(new Map([...served].map(([key, value]) => [labelled(key), [[atDay, value]]])));
      // Seats are values as read, with no day: the scrape has them, the push does not.
      expect((await scrapeValues(first.url)).has(sampleKey('github_copilot_seats', { org: 'web', state: 'total' }))).toBe(true);

      await first.stop('SIGTERM');
      const second = await exporterForTest(env);
      await waitFor('readiness', async () => ((await fetch(`${second.url}/readyz`)).ok ? true : undefined), 30_000);
      await pushedAll(second.url, served.size);
      expect(await prometheus.raw(COPILOT, '30d')).toEqual(stored);

      // A new day is pushed at its own 00:00 as soon as a poll finds it.
      fake.advanceDay();
      const next = Date.parse(`${addDays(END, 1)}T00:00:00Z`);
      const key = labelled(sampleKey('github_copilot_daily_active_users', { org: 'web' }));
      const series = await waitFor('the next day in the database', async () => {
        const samples = (await prometheus.raw(COPILOT, '30d')).get(key);
        return samples?.length === 2 ? samples : undefined;
      }, 30_000);
      const now = daySeries(await scrapeValues(second.url));
      expect(series).toEqual([stored.get(key)?.[0], [next, now.get(sampleKey('github_copilot_daily_active_users', { org: 'web' }))]]);
    },
    120_000,
  );

  it('keeps serving and polling while the receiver is down, counting the failures', async () => {
    const fake = await fakeGitHubForTest({ entities, endDay: END });
    const exporter = await exporterForTest({
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_ORGS: 'web',
      REFRESH_INTERVAL: '3600',
      REMOTE_WRITE_URL: `http://127.0.0.1:${await freePort()}/api/v1/write`,
    });
    // Collectors run side by side: the people collector may push (and fail) before the main report is
    // served, or the other way round: wait for the failure and both collectors' first outcome.
    const values = await waitFor(
      'a failed push to be counted, and the first poll to be served',
      async () => {
        const scraped = await scrapeValues(exporter.url);
        const failed = (scraped.get(sampleKey('github_copilot_exporter_remote_write_failures_total', { reason: 'network' })) ?? 0) > 0;
        const served = scraped.get(sampleKey('github_copilot_exporter_target_up', { org: 'web' })) === 1 && scraped.get(sampleKey('github_copilot_exporter_collector_success', { org: 'web', collector: 'people' })) === 1;
        return failed && served ? scraped : undefined;
      },
      30_000,
    );
    expect(values.get(sampleKey('github_copilot_exporter_target_up', { org: 'web' }))).toBe(1);
    expect(values.get(sampleKey('github_copilot_exporter_collector_success', { org: 'web', collector: 'people' }))).toBe(1);
    expect(values.get(sampleKey('github_copilot_daily_active_users', { org: 'web' }))).toBeGreaterThan(0);
    expect(values.get(SAMPLES_PUSHED)).toBe(0);
    // Logged just after the failure is counted.
    await waitForLog(exporter, 'remote write failed; retrying until it succeeds (/metrics is unaffected)');
  }, 60_000);
});
