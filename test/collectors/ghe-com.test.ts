/**
 * GHE.com (data residency): the API lives at https://api.SUBDOMAIN.ghe.com and report links point at
 * https://copilot-reports.SUBDOMAIN.ghe.com. Everything goes to those hosts, the token to the API only.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import { seatsCollector } from '../../src/collectors/seats.js';
import { usageCollector } from '../../src/collectors/usage.js';
import type { Target } from '../../src/config/exporter-config.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { FakeClock } from '../helpers/fakes.js';
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

    const deps = collectorDeps({ apiUrl: API, token: TOKEN, clock: new FakeClock(), config: configFrom({ GITHUB_API_URL: API, COPILOT_ORGS: 'octo' }) });
    const target: Target = { kind: 'org', slug: 'octo' };
    const context = targetPollContext(deps, target);
    const usage = await usageCollector.collect(deps, target, undefined, context);
    expect(usage).not.toBe('unchanged');
    if (usage === 'unchanged') return;
    expect(usage.samples.find((sample) => sample.family.name === 'github_copilot_daily_active_users')?.value).toBe(2);

    const seats = await seatsCollector.collect(deps, target, undefined, context);
    if (seats === 'unchanged') throw new Error('expected seats');
    expect(seats.samples.find((sample) => sample.labels.state === 'total')?.value).toBe(12);
  });
});
