/**
 * The continuous push of `serve` (REMOTE_WRITE_URL) into a real Prometheus (Debian's, remote write
 * receiver on, an out-of-order window for days weeks old) writes history settled (docs/contract.md §4g):
 * after the first poll, every settled day of the main report's 28-day window is in the database at its
 * 00:00 UTC with GitHub's values and REMOTE_WRITE_LABELS, and nothing at 00:00 of a provisional day,
 * before or after GitHub revises it; a restart writes nothing different; once the provisional days settle
 * (the exporter's clock moved on), they are written with what GitHub serves then: organization, teams and
 * repositories. Seats are not pushed. A receiver that is down never touches /metrics or the polls.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, onTestFinished } from 'vitest';
import { addDays, today } from '../../src/days.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { sampleKey } from '../helpers/exposition.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';
import { startPrometheus } from '../helpers/receivers.js';
import { freePort, itWithTool } from '../helpers/tools.js';
import { expectedUsageSamples, scopeOf } from '../helpers/usage-oracle.js';

type Row = Record<string, unknown>;

const it = itWithTool('prometheus');
/** The latest day GitHub publishes (today − 2, UTC): provisional, as is the day before; the 26 before are settled. */
const END = addDays(today(), -2);
const PROVISIONAL = [addDays(END, -1), END];
const LABELS = { job: 'github-copilot', instance: 'copilot-exporter:9847' };
const COPILOT = '{__name__=~"github_copilot_.+"}';
const entities: EntityProfile[] = [
  { kind: 'org', slug: 'web', id: 8, seats: 40, teams: ['core', 'docs'] },
  { kind: 'enterprise', slug: 'ent', id: 7, seats: 120, teams: ['core'] },
];
const at = (day: string) => Date.parse(`${day}T00:00:00Z`);

const SAMPLES_PUSHED = sampleKey('github_copilot_exporter_remote_write_samples_total', {});

/** A series as the database holds it: with the REMOTE_WRITE_LABELS. */
function labelled(key: string): string {
  const brace = key.indexOf('{');
  return sampleKey(key.slice(0, brace), { ...(JSON.parse(key.slice(brace)) as Record<string, string>), ...LABELS });
}

/** Every entity's day rows of the 28-day report, by day, as GitHub serves them now. */
function windowRows(fake: Awaited<ReturnType<typeof fakeGitHubForTest>>, entity: EntityProfile): Map<string, Row> {
  const rows = fake.reportRows(entity.kind, entity.slug).flatMap((row) => row.day_totals as Row[]);
  return new Map(rows.map((row) => [String(row.day), row]));
}

/** Every entity's series of `day` as the database should hold them, from GitHub's rows (test/helpers/usage-oracle.ts). */
function expectedDay(fake: Awaited<ReturnType<typeof fakeGitHubForTest>>, day: string): Map<string, number> {
  const expected = new Map<string, number>();
  for (const entity of entities) {
    const row = windowRows(fake, entity).get(day);
    if (!row) throw new Error(`no row for ${day}`);
    for (const [key, value] of expectedUsageSamples(row, scopeOf(entity))) expected.set(labelled(key), value);
  }
  return expected;
}

/** The database's samples at 00:00 UTC of `day`, of the series `expected` names. */
function storedAt(stored: Map<string, Array<[number, number]>>, day: string, keys: Iterable<string>): Map<string, number | undefined> {
  return new Map([...keys].map((key) => [key, stored.get(key)?.find(([time]) => time === at(day))?.[1]]));
}

/** Every timestamp the database holds. */
const timestamps = (stored: Map<string, Array<[number, number]>>) => new Set([...stored.values()].flatMap((samples) => samples.map(([time]) => time)));

describe('continuous push (REMOTE_WRITE_URL) writes history settled', () => {
  it(
    'writes the settled days of the window at once and the provisional days only once they have settled, with what GitHub serves then',
    async () => {
      const fake = await fakeGitHubForTest({ entities, endDay: END });
      const prometheus = await startPrometheus({ outOfOrderWindow: '40d' });
      onTestFinished(() => prometheus.stop());
      const clockFile = join(mkdtempSync(join(tmpdir(), 'copilot-clock-')), 'shift');
      const env = {
        GITHUB_API_URL: fake.apiUrl,
        GITHUB_TOKEN: fake.token,
        COPILOT_ORGS: 'web',
        COPILOT_ENTERPRISES: 'ent',
        REFRESH_INTERVAL: '1',
        PROVISIONAL_REFRESH_INTERVAL: '1',
        REMOTE_WRITE_URL: prometheus.writeUrl,
        REMOTE_WRITE_LABELS: `job=${LABELS.job},instance=${LABELS.instance}`,
        FAKE_CLOCK_SHIFT_FILE: clockFile,
      };
      const start = () => exporterForTest(env, ['test/e2e/programs/shifted-clock.ts']);
      const pushed = async (url: string, count: number) =>
        waitFor(`${count} samples to be pushed`, async () => ((await scrapeValues(url)).get(SAMPLES_PUSHED) === count ? true : undefined), 30_000);
      const settledDays = [...windowRows(fake, entities[0] as EntityProfile).keys()].filter((day) => !PROVISIONAL.includes(day)).sort();
      expect(settledDays).toHaveLength(26);
      const settled = new Map(settledDays.flatMap((day) => [...expectedDay(fake, day)].map(([key, value]) => [`${day} ${key}`, value])));

      /**
       * The database's samples once they hold `days` as GitHub serves them: Prometheus compacts its head while
       * samples weeks old arrive, and a query in between may miss one, so the test waits for what it asserts
       * (then asserts it, to show the difference when it never comes).
       */
      const holding = async (days: readonly string[]) => {
        const matches = (stored: Map<string, Array<[number, number]>>) => days.every((day) => [...expectedDay(fake, day)].every(([key, value]) => storedAt(stored, day, [key]).get(key) === value));
        const stored = await waitFor(`the database to hold ${days.length} days`, async () => {
          const now = await prometheus.raw(COPILOT, '40d');
          return matches(now) ? now : undefined;
        }, 30_000).catch(() => prometheus.raw(COPILOT, '40d'));
        for (const day of days) {
          const expected = expectedDay(fake, day);
          expect(storedAt(stored, day, expected.keys()), day).toEqual(expected);
        }
        return stored;
      };

      const first = await start();
      await pushed(first.url, settled.size);
      const stored = await holding(settledDays);
      expect([...timestamps(stored)].sort()).toEqual(settledDays.map(at));

      // GitHub revises its provisional day: /metrics follows it, the database still holds no provisional day.
      const before = windowRows(fake, entities[0] as EntityProfile).get(END);
      fake.revise(END);
      expect(windowRows(fake, entities[0] as EntityProfile).get(END)).not.toEqual(before);
      const revised = sampleKey('github_copilot_exporter_report_revisions_total', { org: 'web', collector: 'usage' });
      await waitFor('the revision to be served', async () => ((await scrapeValues(first.url)).get(revised) === 1 ? true : undefined), 30_000);
      expect(timestamps(await prometheus.raw(COPILOT, '40d'))).toEqual(timestamps(stored));

      // A restart writes the settled days again: the same samples.
      await first.stop('SIGTERM');
      const second = await start();
      await pushed(second.url, settled.size);
      expect(await holding(settledDays)).toEqual(stored);

      // Two days on, both provisional days have settled: the next poll writes them as GitHub serves them now.
      writeFileSync(clockFile, String(2 * 86_400_000));
      const written = await waitFor(
        'the settled days of every collector in the database',
        async () => {
          const now = await prometheus.raw(COPILOT, '40d');
          const atEnd = [...now].filter(([, samples]) => samples.some(([time]) => time === at(END)));
          const collectors = ['"team":', '"repository":'].every((label) => atEnd.some(([key]) => key.includes(label)));
          return collectors && PROVISIONAL.every((day) => [...expectedDay(fake, day).keys()].every((key) => now.get(key)?.some(([time]) => time === at(day)))) ? now : undefined;
        },
        40_000,
      );
      await holding(PROVISIONAL);
      // Teams of the revised day: each team's active users are its members with a row in the revised users report.
      const members = fake.userTeamRows('org', 'web', END);
      const active = new Set(fake.userRows('org', 'web', END).map((row) => row.user_id));
      for (const team of ['core', 'docs']) {
        const expected = members.filter((member) => member.slug === team && active.has(member.user_id)).length;
        const key = labelled(sampleKey('github_copilot_daily_active_users', { org: 'web', team }));
        expect(written.get(key)?.find(([time]) => time === at(END))?.[1], team).toBe(expected);
      }
      // The day-keyed families of docs/contract.md §4i are pushed like the others.
      for (const family of ['team_members', 'users_by_ide_version', 'users_by_cli_version', 'repository_pull_request_review_times_p90_minutes_ready_to_first_review']) {
        expect([...written].some(([key, samples]) => key.startsWith(`github_copilot_${family}{`) && samples.some(([time]) => time === at(END))), family).toBe(true);
      }
      // Seats are values as read, with no day: the scrape has them, the push does not.
      expect((await scrapeValues(second.url)).has(sampleKey('github_copilot_seats', { org: 'web', state: 'total' }))).toBe(true);
      expect([...written.keys()].some((key) => key.startsWith('github_copilot_seat'))).toBe(false);
    },
    150_000,
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
