/**
 * The fake's latest day: fixed for tests, or (endDay 'latest', the demo and `npm run fake-github`)
 * following the clock as GitHub's does: today − 2 in UTC.
 */
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/days.js';
import { fakeGitHubForTest } from '../helpers/e2e.js';
import { latestPublishedDay } from './server.js';

describe('latestPublishedDay', () => {
  it.each([
    ['2026-11-24T00:00:00.000Z', '2026-11-22'],
    ['2026-11-24T23:59:59.999Z', '2026-11-22'],
    ['2027-01-01T05:00:00.000Z', '2026-12-30'],
    ['2028-03-01T12:00:00.000Z', '2028-02-28'],
  ])('is the day before yesterday in UTC at %s', (now, day) => {
    expect(latestPublishedDay(Date.parse(now))).toBe(day);
  });
});

describe('the fake GitHub’s end day', () => {
  it('follows the clock with endDay latest: reports end today − 2, and later days are not published yet', async () => {
    const before = addDays(today(), -2);
    const fake = await fakeGitHubForTest({ endDay: 'latest' });
    const get = (path: string) => fetch(`${fake.apiUrl}${path}`, { headers: { authorization: `Bearer ${fake.token}` } });
    const report = (await (await get('/orgs/acme-web/copilot/metrics/reports/organization-28-day/latest')).json()) as { report_start_day: string; report_end_day: string };
    const after = addDays(today(), -2);
    // A run across midnight (UTC) may see either day.
    expect([before, after]).toContain(report.report_end_day);
    expect(report.report_start_day).toBe(addDays(report.report_end_day, -27));
    expect((await get(`/orgs/acme-web/copilot/metrics/reports/users-1-day?day=${report.report_end_day}`)).status).toBe(200);
    expect((await get(`/orgs/acme-web/copilot/metrics/reports/users-1-day?day=${addDays(report.report_end_day, 1)}`)).status).toBe(204);
  });

  it('stays on 2026-11-20 by default, so that tests see the same reports every run, and moves on with advanceDay', async () => {
    const fake = await fakeGitHubForTest();
    expect(fake.endDay).toBe('2026-11-20');
    const first = fake.reportRows('org', 'acme-web');
    fake.advanceDay();
    expect(fake.endDay).toBe('2026-11-21');
    expect(fake.reportRows('org', 'acme-web')[0]?.report_end_day).toBe('2026-11-21');
    expect(first[0]?.report_end_day).toBe('2026-11-20');
  });
});
