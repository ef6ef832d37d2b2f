/**
 * History and live series are one series: 30 days backfilled with `--label job=…,instance=…` (the labels
 * Prometheus gives the scraped series), turned into blocks by promtool, under a real Prometheus that also
 * scrapes the live exporter. Over the whole window there is exactly one series per organization (and
 * team, repository, breakdown) and family, each day's value sits at its day, and a dashboard query draws
 * one line. The rules across that seam are unit-tested in prometheus/tests/github-copilot.rules.test.yml.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { addDays, today } from '../../src/days.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { copilotValues, historyByDay } from '../helpers/exposition.js';
import { type ExporterProcess, runCli, startExporterProcess, waitFor } from '../helpers/exporter-process.js';
import { type Database, startPrometheus } from '../helpers/receivers.js';
import { scrape } from '../helpers/scrape.js';
import { itWithTool } from '../helpers/tools.js';

const it = itWithTool('prometheus');
const END = addDays(today(), -3);
const SINCE = addDays(END, -29);
const JOB = 'github-copilot';
/** The Copilot series: neither the exporter's own nor GitHub's data changes (constants of the build, with no history). */
const COPILOT = '__name__=~"github_copilot_.+", __name__!~"github_copilot_(exporter|data_change)_.+"';
const entities: EntityProfile[] = [
  { kind: 'enterprise', slug: 'ent', id: 7, seats: 120, teams: ['core'] },
  { kind: 'org', slug: 'web', id: 8, seats: 40, teams: ['core', 'docs'] },
  { kind: 'org', slug: 'data', id: 9, seats: 25 },
];

const dir = mkdtempSync(join(tmpdir(), 'copilot-seam-'));
const output = join(dir, 'history.om');
let fake: FakeGitHub | undefined;
let exporter: ExporterProcess | undefined;
let prometheus: Database | undefined;
let instance = '';

/** The file's samples of one day (backfill stamps each at 00:00 UTC of its day), by sampleKey. */
function fileDay(day: string): Map<string, number> {
  return historyByDay(readFileSync(output, 'utf8')).get(day) ?? new Map();
}

beforeAll(async () => {
  if (spawnSync('prometheus', ['--version']).status !== 0 && process.env.CI !== 'true') return;
  fake = await startFakeGitHub({ entities, endDay: END });
  const env = { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: 'ent', COPILOT_ORGS: 'web,data' };
  exporter = await startExporterProcess({ ...env, REFRESH_INTERVAL: '3600' });
  instance = new URL(exporter.url).host;
  // The instance label of a static target is its address, and the job its scrape job's name.
  const run = await runCli(['backfill', '--since', SINCE, '--until', END, '--output', output, '--label', `job=${JOB},instance=${instance}`], env);
  if (run.code !== 0) throw new Error(`backfill failed: ${run.stderr}`);
  const data = join(dir, 'data');
  const blocks = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', output, data], { encoding: 'utf8' });
  if (blocks.status !== 0) throw new Error(`promtool tsdb create-blocks-from failed: ${blocks.stderr}`);
  prometheus = await startPrometheus({ dataDir: data, scrape: { [JOB]: [instance] } });
  const [live, polled] = [prometheus, exporter];
  // Targets and collectors are polled side by side, and a scrape may come before some of them are served:
  // wait for the end of the first poll, then for a scrape that has every Copilot series the exporter serves.
  await waitFor('the exporter’s first poll', async () => ((await fetch(`${polled.url}/readyz`)).ok ? true : undefined), 60_000);
  const served = copilotValues((await scrape(polled.url)).values).size;
  await waitFor('Prometheus to scrape every series of the exporter', async () => ((await live.query(`count({${COPILOT}, job="${JOB}"})`)).get('{}') === served ? true : undefined), 60_000);
}, 180_000);

afterAll(async () => {
  prometheus?.stop();
  await exporter?.stop('SIGKILL');
  await fake?.close();
});

describe('backfilled history and the scrape, in one Prometheus', () => {
  it('have exactly one series per organization and family over the window: the backfilled series are the scraped ones', async () => {
    const params = new URLSearchParams({ 'match[]': `{${COPILOT}}`, start: String(Date.parse(`${SINCE}T00:00:00Z`) / 1000), end: String(Date.now() / 1000) });
    const body = (await (await fetch(`${prometheus!.api}/api/v1/series?${params}`)).json()) as { data: Array<Record<string, string>> };
    const withoutTarget = body.data.map(({ job, instance: where, ...labels }) => {
      expect({ job, instance: where }).toEqual({ job: JOB, instance });
      return JSON.stringify(labels);
    });
    expect(new Set(withoutTarget).size).toBe(withoutTarget.length);
    // Every family the scrape has now and the backfill wrote is one series per scope, not two.
    const scraped = await prometheus!.query(`{${COPILOT}, job="${JOB}"}`);
    const backfilled = fileDay(END);
    const both = [...backfilled.keys()].filter((key) => scraped.has(key));
    expect(both.length).toBeGreaterThan(backfilled.size / 2);
    for (const family of ['github_copilot_daily_active_users', 'github_copilot_weekly_active_users', 'github_copilot_loc_added']) {
      for (const org of ['web', 'data']) expect(withoutTarget.filter((labels) => labels === JSON.stringify({ __name__: family, org })), `${family} ${org}`).toHaveLength(1);
    }
  });

  it('hold each backfilled day’s values at that day', async () => {
    for (const day of [SINCE, addDays(SINCE, 13), END]) {
      const returned = await prometheus!.query('{__name__=~"github_copilot_.+"}', Date.parse(`${day}T00:00:00Z`) / 1000);
      expect(returned, day).toEqual(fileDay(day));
    }
  });

  it('draw one line per organization in a dashboard query over the window', async () => {
    const params = new URLSearchParams({
      query: 'last_over_time(github_copilot_weekly_active_users{job="github-copilot", team=""}[1d])',
      start: String(Date.parse(`${SINCE}T00:00:00Z`) / 1000),
      end: String(Math.floor(Date.now() / 1000)),
      step: '86400',
    });
    const body = (await (await fetch(`${prometheus!.api}/api/v1/query_range?${params}`)).json()) as { data: { result: Array<{ metric: Record<string, string>; values: unknown[] }> } };
    const lines = body.data.result.map(({ metric }) => metric.org ?? `enterprise ${metric.enterprise}`).sort();
    expect(lines).toEqual(['data', 'enterprise ent', 'web']);
    for (const { values } of body.data.result) expect(values.length).toBeGreaterThanOrEqual(30);
  });
});
