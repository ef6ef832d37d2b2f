/**
 * GHE.com (data residency): the API lives at https://api.SUBDOMAIN.ghe.com and report links point at
 * https://copilot-reports.SUBDOMAIN.ghe.com. Everything goes to those hosts, the token to the API only.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { ReportDownloader } from '../../src/github/download.js';
import { SeatsSource } from '../../src/sources/seats.js';
import { UsageMetricsSource } from '../../src/sources/usage-metrics.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { FakeClock, silentLogger, staticCredentials } from '../helpers/fakes.js';
import { useNock } from '../helpers/nock.js';

const API = 'https://api.octocorp.ghe.com';
const REPORTS = 'https://copilot-reports.octocorp.ghe.com';
const TOKEN = 'ghu_gheComTestToken0123456789abcdef';

useNock();

describe('GHE.com', () => {
  it('reads usage reports and seats from api.SUBDOMAIN.ghe.com and copilot-reports.SUBDOMAIN.ghe.com', async () => {
    const [row] = readGitHubExample<Array<Record<string, unknown>>>('docs-example-usage-metrics-enterprise-level.json');
    nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get('/orgs/octo/copilot/metrics/reports/organization-28-day/latest')
      .reply(200, { download_links: [`${REPORTS}/v1/reports/abc.ndjson?sig=xyz`], report_start_day: '2025-09-04', report_end_day: '2025-10-01' })
      .get('/orgs/octo/copilot/billing')
      .reply(200, readGitHubExample('example-copilot-organization-details.json'));
    nock(REPORTS, { badheaders: ['authorization'] })
      .get('/v1/reports/abc.ndjson')
      .query({ sig: 'xyz' })
      .reply(200, `${JSON.stringify(row)}\n`);

    const http = { timeoutMs: 2000, logger: silentLogger, clock: new FakeClock() };
    const client = new GitHubClient({ ...http, apiUrl: API, credentials: staticCredentials(TOKEN) });
    const usage = await new UsageMetricsSource(client, new ReportDownloader({ ...http, maxBytes: 1_000_000 }), silentLogger).poll({ kind: 'org', slug: 'octo' }, undefined);
    expect(usage).not.toBe('unchanged');
    if (usage === 'unchanged') return;
    expect(usage.samples.find((sample) => sample.family.name === 'github_copilot_daily_active_users')?.value).toBe(2);

    const seats = await new SeatsSource(client, { refreshIntervalMs: 60_000 }).poll({ kind: 'org', slug: 'octo' }, undefined);
    if (seats === 'unchanged') throw new Error('expected seats');
    expect(seats.samples.find((sample) => sample.labels.state === 'total')?.value).toBe(12);
  });
});
