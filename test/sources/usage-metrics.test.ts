import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { ReportDownloader } from '../../src/github/download.js';
import type { Sample } from '../../src/metrics/sample.js';
import { UsageMetricsSource } from '../../src/sources/usage-metrics.js';
import type { TargetData } from '../../src/sources/source.js';
import { rejection, useNock } from '../helpers/nock.js';
import { FakeClock, silentLogger, staticCredentials } from '../helpers/fakes.js';

const API = 'https://api.github.test';
const FILES = 'https://copilot-reports.github.test';
const TOKEN = 'ghp_sourceTestToken0123456789abcdef';
const LATEST = '/enterprises/acme/copilot/metrics/reports/enterprise-28-day/latest';
const target = { kind: 'enterprise', slug: 'acme' } as const;

function makeSource() {
  const http = { timeoutMs: 2000, logger: silentLogger, clock: new FakeClock(), random: () => 0.5 };
  const client = new GitHubClient({ ...http, apiUrl: API, credentials: staticCredentials(TOKEN) });
  return new UsageMetricsSource(client, new ReportDownloader({ ...http, maxBytes: 1_000_000 }), silentLogger);
}

function links(endDay: string, count = 2) {
  return {
    download_links: Array.from({ length: count }, (_, i) => `${FILES}/r/${endDay}/part-${i + 1}.ndjson?sig=s${i}`),
    report_start_day: '2026-10-24',
    report_end_day: endDay,
  };
}

const file = (days: Array<Record<string, unknown>>) => `${JSON.stringify({ report_end_day: '2026-11-20', enterprise_id: '7', day_totals: days })}\n`;

function valueOf(data: TargetData | 'unchanged', name: string): number | undefined {
  if (data === 'unchanged') throw new Error('unexpected unchanged');
  return data.samples.find((sample: Sample) => sample.family.name === name)?.value;
}


useNock();

describe('UsageMetricsSource', () => {
  it('reads a report split over two links, without the token, and exports its latest day', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20'));
    nock(FILES, { badheaders: ['authorization'] })
      .get('/r/2026-11-20/part-1.ndjson')
      .query({ sig: 's0' })
      .reply(200, file([{ day: '2026-11-18', daily_active_users: 1 }, { day: '2026-11-20', daily_active_users: 9 }]));
    nock(FILES, { badheaders: ['authorization'] })
      .get('/r/2026-11-20/part-2.ndjson')
      .query({ sig: 's1' })
      .reply(200, file([{ day: '2026-11-19', daily_active_users: 5 }]));
    const data = await makeSource().poll(target, undefined);
    expect(data).toMatchObject({ reportKey: '2026-11-20', day: '2026-11-20' });
    expect(valueOf(data, 'github_copilot_daily_active_users')).toBe(9);
    expect(valueOf(data, 'github_copilot_metrics_day_timestamp_seconds')).toBe(Date.parse('2026-11-20T00:00:00Z') / 1000);
  });

  it('downloads nothing when report_end_day is the one already exported', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20'));
    await expect(makeSource().poll(target, '2026-11-20')).resolves.toBe('unchanged');
  });

  it('downloads again when a new day is reported', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-21', 1));
    nock(FILES).get('/r/2026-11-21/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-21', daily_active_users: 4 }]));
    expect(valueOf(await makeSource().poll(target, '2026-11-20'), 'github_copilot_daily_active_users')).toBe(4);
  });

  it('204: no report yet means no series, and keeps the last good ones', async () => {
    nock(API).get(LATEST).twice().reply(204);
    const source = makeSource();
    await expect(source.poll(target, undefined)).resolves.toEqual({ samples: [], reportKey: '' });
    await expect(source.poll(target, '2026-11-19')).resolves.toBe('unchanged');
  });

  it('rejects an answer without download links', async () => {
    nock(API).get(LATEST).reply(200, { message: 'ok' });
    const error = await rejection(makeSource().poll(target, undefined));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe("GitHub's answer for enterprise acme has no download_links and report_end_day.");
  });

  it('rejects the whole report when one of its files is truncated', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20'));
    nock(FILES).get('/r/2026-11-20/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-20', daily_active_users: 9 }]));
    nock(FILES).get('/r/2026-11-20/part-2.ndjson').query(true).reply(200, file([{ day: '2026-11-19' }]).slice(0, 30));
    expect((await rejection(makeSource().poll(target, undefined))).reason).toBe('invalid_response');
  });

  it('rejects a report whose known fields have the wrong type, naming them', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20', 1));
    nock(FILES)
      .get('/r/2026-11-20/part-1.ndjson')
      .query(true)
      .reply(200, file([{ day: '2026-11-20', daily_active_users: 'many', loc_added_sum: -1 }]));
    const error = await rejection(makeSource().poll(target, undefined));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(
      'The usage report of enterprise acme is malformed: daily_active_users is "many" (text), expected a number; loc_added_sum is -1, expected a non-negative number.',
    );
  });

  it('gives no series for a report without days', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20', 1));
    nock(FILES).get('/r/2026-11-20/part-1.ndjson').query(true).reply(200, file([]));
    await expect(makeSource().poll(target, undefined)).resolves.toEqual({ samples: [], reportKey: '2026-11-20' });
  });
});
