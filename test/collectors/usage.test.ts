/**
 * The `usage` collector: the entity report of the usage metrics reports API, its change token
 * (`report_end_day`), the duplicate-day rule, and the 1-day history read by the backfill.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Attempt, DayResult } from '../../src/collectors/collector.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import { DayPicker, type UsageToken, usageCollector, usageHistory } from '../../src/collectors/usage.js';
import type { Target } from '../../src/config/exporter-config.js';
import { mapUsageDay } from '../../src/metrics/map/usage-day.js';
import { collectorDeps } from '../helpers/collectors.js';
import { FakeClock, readOn } from '../helpers/fakes.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { valuesOf } from '../helpers/exposition.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const FILES = 'https://copilot-reports.github.test';
const TOKEN = 'ghp_sourceTestToken0123456789abcdef';
const LATEST = '/enterprises/acme/copilot/metrics/reports/enterprise-28-day/latest';
const ONE_DAY = '/enterprises/acme/copilot/metrics/reports/enterprise-1-day';
const target: Target = { kind: 'enterprise', slug: 'acme' };

type Row = Record<string, unknown>;

const deps = () => collectorDeps({ apiUrl: API, token: TOKEN, clock: new FakeClock() });

/** One attempt, as the poller makes it: a fresh poll context for the target. */
function collect(previous?: UsageToken, shared = deps()): Promise<Attempt<UsageToken>> {
  return usageCollector.collect(shared, target, previous, targetPollContext(shared, target));
}

function links(endDay: string, count = 2) {
  return {
    download_links: Array.from({ length: count }, (_, i) => `${FILES}/r/${endDay}/part-${i + 1}.ndjson?sig=s${i}`),
    report_start_day: '2026-10-24',
    report_end_day: endDay,
  };
}

const file = (days: Row[]) => `${JSON.stringify({ report_end_day: '2026-11-20', enterprise_id: '7', day_totals: days })}\n`;

function valueOf(data: Attempt<UsageToken>, name: string): number | undefined {
  if (data === 'unchanged') throw new Error('unexpected unchanged');
  return data.samples.find((sample) => sample.family.name === name)?.value;
}

useNock();

describe('the usage collector', () => {
  it('is the main report of enterprises and organizations, read on every poll', () => {
    expect(usageCollector).toMatchObject({ name: 'usage', main: true });
    expect(usageCollector.appliesTo(target)).toBe(true);
    expect(usageCollector.appliesTo({ kind: 'org', slug: 'octo', team: 'web' })).toBe(false);
    expect(usageCollector.refreshIntervalMs(deps().config)).toBeUndefined();
    expect(usageCollector.endpoints(target, deps().config).map((use) => use.endpoint.template)).toEqual(['/enterprises/{enterprise}/copilot/metrics/reports/enterprise-28-day/latest']);
  });

  it('reads a report split over two links, without the token, and exports its latest day', async () => {
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } }).get(LATEST).reply(200, links('2026-11-20'));
    nock(FILES, { badheaders: ['authorization'] })
      .get('/r/2026-11-20/part-1.ndjson')
      .query({ sig: 's0' })
      .reply(200, file([{ day: '2026-11-18', daily_active_users: 1 }, { day: '2026-11-20', daily_active_users: 9 }]));
    nock(FILES, { badheaders: ['authorization'] })
      .get('/r/2026-11-20/part-2.ndjson')
      .query({ sig: 's1' })
      .reply(200, file([{ day: '2026-11-19', daily_active_users: 5 }]));
    const data = await collect();
    expect(data).toMatchObject({ token: { day: '2026-11-20' }, day: '2026-11-20' });
    expect(valueOf(data, 'github_copilot_daily_active_users')).toBe(9);
    expect(valueOf(data, 'github_copilot_metrics_day_timestamp_seconds')).toBe(Date.parse('2026-11-20T00:00:00Z') / 1000);
  });

  it('rejects an answer without download links', async () => {
    nock(API).get(LATEST).reply(200, { message: 'ok' });
    const error = await rejection(collect());
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe("GitHub's answer for enterprise acme has no download_links and report_end_day.");
  });

  it('rejects the whole report when one of its files is truncated', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20'));
    nock(FILES).get('/r/2026-11-20/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-20', daily_active_users: 9 }]));
    nock(FILES).get('/r/2026-11-20/part-2.ndjson').query(true).reply(200, file([{ day: '2026-11-19' }]).slice(0, 30));
    expect((await rejection(collect())).reason).toBe('invalid_response');
  });

  it('rejects a report whose known fields have the wrong type, naming them', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20', 1));
    nock(FILES)
      .get('/r/2026-11-20/part-1.ndjson')
      .query(true)
      .reply(200, file([{ day: '2026-11-20', daily_active_users: 'many', loc_added_sum: -1 }]));
    const error = await rejection(collect());
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(
      'The usage report of enterprise acme is malformed: daily_active_users is "many", expected a non-negative integer; loc_added_sum is -1, expected a non-negative integer.',
    );
  });

  it('gives no series, and the report’s token, for a report without days', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-20', 1));
    nock(FILES).get('/r/2026-11-20/part-1.ndjson').query(true).reply(200, file([]));
    await expect(collect()).resolves.toEqual({ token: readOn('2026-11-20'), samples: [] });
  });

  it('asks GitHub for fresh links, without the ETag, when the download host refuses an expired one', async () => {
    const shared = deps();
    nock(API).get(LATEST).reply(200, links('2026-11-20', 1), { etag: '"v1"' });
    nock(FILES).get('/r/2026-11-20/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-20', daily_active_users: 9 }]));
    const first = await collect(undefined, shared);
    if (first === 'unchanged') throw new Error('expected data');
    // The next day: the conditional request brings new links, which have expired by the time they are used.
    nock(API, { reqheaders: { 'if-none-match': '"v1"' } }).get(LATEST).reply(200, links('2026-11-21', 1), { etag: '"v2"' });
    nock(FILES).get('/r/2026-11-21/part-1.ndjson').query(true).reply(403, '<Error>AuthenticationFailed</Error>');
    nock(API, { badheaders: ['if-none-match'] })
      .get(LATEST)
      .reply(200, { ...links('2026-11-21', 1), download_links: [`${FILES}/r/2026-11-21/fresh.ndjson?sig=new`] });
    nock(FILES).get('/r/2026-11-21/fresh.ndjson').query({ sig: 'new' }).reply(200, file([{ day: '2026-11-21', daily_active_users: 4 }]));
    const second = await collect(first.token, shared);
    expect(second).toMatchObject({ token: { day: '2026-11-21' }, day: '2026-11-21' });
    expect(valueOf(second, 'github_copilot_daily_active_users')).toBe(4);
  });
});

describe('the usage change token (report_end_day)', () => {
  it('downloads nothing when report_end_day is the one already exported', async () => {
    // No download is set up: the network is off, so a download would fail the attempt.
    nock(API).get(LATEST).reply(200, links('2026-11-20'));
    await expect(collect(readOn('2026-11-20'))).resolves.toBe('unchanged');
  });

  it('downloads again when a new day is reported, and the new day is the new token', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-21', 1));
    nock(FILES).get('/r/2026-11-21/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-21', daily_active_users: 4 }]));
    const data = await collect(readOn('2026-11-20'));
    expect(data).toMatchObject({ token: { day: '2026-11-21' }, day: '2026-11-21' });
    expect(valueOf(data, 'github_copilot_daily_active_users')).toBe(4);
  });

  it('a report whose latest row is older than report_end_day still takes report_end_day as its token', async () => {
    nock(API).get(LATEST).reply(200, links('2026-11-21', 1));
    nock(FILES).get('/r/2026-11-21/part-1.ndjson').query(true).reply(200, file([{ day: '2026-11-19', daily_active_users: 3 }]));
    await expect(collect()).resolves.toMatchObject({ token: { day: '2026-11-21' }, day: '2026-11-19' });
  });
});

describe('a provisional day read again (PROVISIONAL_REFRESH_INTERVAL, docs/contract.md §4g)', () => {
  // FakeClock starts at 2026-11-24T12:00Z: 2026-11-22 is provisional until 2026-11-26.
  const DAY = '2026-11-22';
  const report = (dau: number) => file([{ day: DAY, daily_active_users: dau }]).replace('2026-11-20', DAY);

  it('downloads the same day again once the interval has passed, with the new read time as its token', async () => {
    const clock = new FakeClock();
    const shared = collectorDeps({ apiUrl: API, token: TOKEN, clock });
    nock(API).get(LATEST).times(3).reply(200, links(DAY, 1));
    nock(FILES).get(`/r/${DAY}/part-1.ndjson`).query(true).reply(200, report(4));
    const first = await collect(undefined, shared);
    if (first === 'unchanged') throw new Error('expected data');
    clock.time += 5 * 3_600_000;
    await expect(collect(first.token, shared)).resolves.toBe('unchanged');
    clock.time += 3_600_000;
    nock(FILES).get(`/r/${DAY}/part-1.ndjson`).query(true).reply(200, report(6));
    const again = await collect(first.token, shared);
    expect(again).toMatchObject({ token: { day: DAY, readAt: clock.time }, day: DAY });
    expect(valueOf(again, 'github_copilot_daily_active_users')).toBe(6);
  });

  it('hands the window’s other days on, mapped when asked', async () => {
    nock(API).get(LATEST).reply(200, links(DAY, 1));
    const days = [{ day: '2026-11-20', daily_active_users: 2 }, { day: DAY, daily_active_users: 4 }, { day: '2026-11-21', daily_active_users: 3 }];
    nock(FILES).get(`/r/${DAY}/part-1.ndjson`).query(true).reply(200, file(days));
    const data = await collect();
    if (data === 'unchanged') throw new Error('expected data');
    expect(data.pastDays?.map(({ day, samples }) => [day, samples().find((sample) => sample.family.name === 'github_copilot_daily_active_users')?.value])).toEqual([
      ['2026-11-20', 2],
      ['2026-11-21', 3],
    ]);
  });
});

describe.each<[string, () => nock.Scope]>([
  ['204 No Content', () => nock(API).get(LATEST).reply(204)],
  ['200 without download_links', () => nock(API).get(LATEST).reply(200, { download_links: [], report_start_day: '2026-10-24', report_end_day: '2026-11-20' })],
])('the usage report is not there yet: %s', (_case, reply) => {
  it.each<[string, UsageToken | undefined]>([
    ['on the first poll', undefined],
    ['after a good poll', readOn('2026-11-19')],
  ])('is unchanged %s: no download, the last good series stay', async (_when, previous) => {
    reply();
    await expect(collect(previous)).resolves.toBe('unchanged');
  });
});

describe.each([
  [403, 'forbidden', 'GitHub refused access with 403 Forbidden'],
  [404, 'not_found', 'GitHub answered 404 Not Found'],
])('GitHub answers %i', (status, reason, message) => {
  it(`fails the attempt as ${reason}, naming the endpoint`, async () => {
    nock(API).get(LATEST).reply(status, { message: 'no' });
    const error = await rejection(collect(readOn('2026-11-19')));
    expect(error.reason).toBe(reason);
    expect(error.message).toContain(message);
    expect(error.details).toMatchObject({ status, endpoint: '/enterprises/{enterprise}/copilot/metrics/reports/enterprise-28-day/latest' });
  });
});

describe('one day, one row (DayPicker)', () => {
  const example = readGitHubExample<Row[]>('docs-example-usage-metrics-enterprise-level.json');
  const [first, second] = example as [Row, Row];
  const dayOf = (row: Row) => (row.day_totals as Row[])[0] as Row;

  it('GitHub’s enterprise example really has two different rows for the same day', () => {
    expect(example).toHaveLength(2);
    expect(dayOf(first).day).toBe('2025-10-01');
    expect(dayOf(second).day).toBe('2025-10-01');
    expect(dayOf(first)).not.toEqual(dayOf(second));
  });

  it('rejects a report holding both of the example’s rows, naming the day and both entities', async () => {
    nock(API).get(LATEST).reply(200, links('2025-10-01', 2));
    nock(FILES).get('/r/2025-10-01/part-1.ndjson').query(true).reply(200, `${JSON.stringify(first)}\n`);
    nock(FILES).get('/r/2025-10-01/part-2.ndjson').query(true).reply(200, `${JSON.stringify(second)}\n`);
    const error = await rejection(collect());
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe('The usage report of enterprise acme has different rows for 2025-10-01 (enterprise_id 1, enterprise_id 2).');
    expect(error.describe()).toContain('the last good values stay exposed');
  });

  it('rejects the two rows within one file too', () => {
    const picker = new DayPicker(target);
    for (const row of example) picker.offer(row);
    expect(() => picker.finish()).toThrow(/different rows for 2025-10-01 \(enterprise_id 1, enterprise_id 2\)/);
  });

  it('takes two identical rows of the latest day as one (the values of one row, not their sum), whatever their key order', async () => {
    const reordered = Object.fromEntries(Object.entries(dayOf(first)).reverse());
    expect(Object.keys(reordered)).not.toEqual(Object.keys(dayOf(first)));
    nock(API).get(LATEST).reply(200, links('2025-10-01', 2));
    nock(FILES).get('/r/2025-10-01/part-1.ndjson').query(true).reply(200, `${JSON.stringify(first)}\n`);
    nock(FILES).get('/r/2025-10-01/part-2.ndjson').query(true).reply(200, `${JSON.stringify({ ...first, day_totals: [reordered] })}\n`);
    const data = await collect();
    if (data === 'unchanged') throw new Error('expected data');
    const single = mapUsageDay(dayOf(first), { enterprise: 'acme' });
    expect(single.problems).toEqual([]);
    expect(valuesOf(data.samples)).toEqual(valuesOf(single.samples));
    expect(valueOf(data, 'github_copilot_daily_active_users')).toBe(dayOf(first).daily_active_users);
  });

  it('does not reject a report for older days: two different rows of a day before the latest leave that day out of its history', () => {
    const picker = new DayPicker(target);
    picker.offer({ enterprise_id: '1', day_totals: [{ day: '2026-11-18', daily_active_users: 5 }, { day: '2026-11-19', daily_active_users: 1 }, { day: '2026-11-20', daily_active_users: 3 }] });
    picker.offer({ enterprise_id: '2', day_totals: [{ day: '2026-11-19', daily_active_users: 2 }] });
    const rows = picker.finish();
    expect(rows.latest).toEqual({ day: '2026-11-20', daily_active_users: 3 });
    expect([...rows.byDay.keys()]).toEqual(['2026-11-18', '2026-11-20']);
  });

  it('a later, different day replaces a conflict found so far', () => {
    const picker = new DayPicker(target);
    for (const row of example) picker.offer(row);
    picker.offer({ enterprise_id: '1', day_totals: [{ day: '2025-10-02', daily_active_users: 7 }] });
    expect(picker.finish().latest).toEqual({ day: '2025-10-02', daily_active_users: 7 });
  });

  it('with a wanted day, picks that day and applies the rule to it alone', () => {
    const picker = new DayPicker(target, '2025-10-01');
    picker.offer({ enterprise_id: '1', day_totals: [{ day: '2025-10-02', daily_active_users: 7 }] });
    picker.offer(first);
    picker.offer(first);
    expect(picker.finish()).toEqual({ latest: dayOf(first), byDay: new Map([['2025-10-01', dayOf(first)]]) });
    const conflicting = new DayPicker(target, '2025-10-01');
    for (const row of example) conflicting.offer(row);
    expect(() => conflicting.finish()).toThrow('different rows for 2025-10-01');
  });

  it('rejects a report with a malformed day anywhere', () => {
    const picker = new DayPicker(target);
    picker.offer({ day_totals: [{ daily_active_users: 1 }] });
    picker.offer({ day_totals: { day: '2026-11-20' } });
    picker.offer({ day_totals: [{ day: '2026-11-20', daily_active_users: 3 }] });
    expect(() => picker.finish()).toThrow('The usage report of enterprise acme is malformed: a day_totals entry has no day; day_totals is not an array.');
  });
});

describe('usage history (1-day reports, for the backfill)', () => {
  const dayLinks = (day: string) => ({ download_links: [`${FILES}/d/${day}.ndjson?sig=d`], report_day: day });

  it('reads each day’s 1-day report, reporting a day without a report and a failure per day', async () => {
    nock(API).get(ONE_DAY).query({ day: '2026-11-18' }).reply(200, dayLinks('2026-11-18'));
    // A 1-day report as entity rows with day_totals, or as the day row itself.
    nock(FILES).get('/d/2026-11-18.ndjson').query(true).reply(200, file([{ day: '2026-11-18', daily_active_users: 6 }]));
    nock(API).get(ONE_DAY).query({ day: '2026-11-19' }).reply(200, dayLinks('2026-11-19'));
    nock(FILES).get('/d/2026-11-19.ndjson').query(true).reply(200, `${JSON.stringify({ day: '2026-11-19', enterprise_id: '7', daily_active_users: 5 })}\n`);
    nock(API).get(ONE_DAY).query({ day: '2026-11-20' }).reply(204);
    nock(API).get(ONE_DAY).query({ day: '2026-11-21' }).reply(403, { message: 'no' });
    const results = new Map<string, DayResult>();
    await usageHistory(deps()).fetchHistory(target, ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'], 2, (day, result) => results.set(day, result));
    const active = (result: DayResult | undefined) => (Array.isArray(result) ? result.find((sample) => sample.family.name === 'github_copilot_daily_active_users')?.value : result);
    expect(active(results.get('2026-11-18'))).toBe(6);
    expect(active(results.get('2026-11-19'))).toBe(5);
    expect(results.get('2026-11-20')).toBe('no-report');
    expect(results.get('2026-11-21')).toMatchObject({ reason: 'forbidden' });
  });

  it('rejects a day with two different rows', async () => {
    nock(API).get(ONE_DAY).query({ day: '2025-10-01' }).reply(200, dayLinks('2025-10-01'));
    nock(FILES).get('/d/2025-10-01.ndjson').query(true).reply(200, readGitHubExample<Row[]>('docs-example-usage-metrics-enterprise-level.json').map((row) => `${JSON.stringify(row)}\n`).join(''));
    const results: DayResult[] = [];
    await usageHistory(deps()).fetchHistory(target, ['2025-10-01'], 1, (_day, result) => results.push(result));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ reason: 'invalid_response', message: expect.stringContaining('different rows for 2025-10-01 (enterprise_id 1, enterprise_id 2)') });
  });
});
