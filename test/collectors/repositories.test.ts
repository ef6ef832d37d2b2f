/**
 * The `repositories` collector: series per repository from the day's `repos-1-day` report, the day
 * being the entity report's `report_end_day` (change token `{day}`).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../src/collectors/collector.js';
import { type RepositoriesToken, repositoriesCollector } from '../../src/collectors/repositories.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import type { Target } from '../../src/config/exporter-config.js';
import { collectorDeps, configFrom } from '../helpers/collectors.js';
import { valuesOf } from '../helpers/exposition.js';
import { FakeClock, readOn } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const FILES = 'https://copilot-reports.github.test';
const TOKEN = 'ghp_reposTestToken0123456789abcdef00';
const ORG: Target = { kind: 'org', slug: 'octo' };
const ENTERPRISE: Target = { kind: 'enterprise', slug: 'acme' };
const LATEST = '/orgs/octo/copilot/metrics/reports/organization-28-day/latest';
const REPOS = '/orgs/octo/copilot/metrics/reports/repos-1-day';
const DAY = '2026-11-20';

type Row = Record<string, unknown>;

const row = (name: string, visibility: string, created: number): Row => ({
  day: DAY,
  organization_id: '5',
  repo_id: name.length,
  repo_owner_name: 'octo',
  repo_name: name,
  repo_visibility: visibility,
  pull_requests: { total_created_by_copilot: created, total_reviewed_by_copilot: created + 1 },
});
const ROWS = [row('web', 'public', 2), row('api', 'private', 5)];
const ndjson = (rows: Row[]) => rows.map((entry) => `${JSON.stringify(entry)}\n`).join('');

function setup(env: Record<string, string> = {}) {
  return collectorDeps({ apiUrl: API, token: TOKEN, clock: new FakeClock(), config: configFrom({ COPILOT_ORGS: 'octo', ...env }) });
}

function collect(previous?: RepositoriesToken, deps = setup(), target = ORG): Promise<Attempt<RepositoriesToken>> {
  return repositoriesCollector.collect(deps, target, previous, targetPollContext(deps, target));
}

function latest(endDay = DAY, path = LATEST) {
  nock(API).get(path).reply(200, { download_links: [`${FILES}/entity.ndjson?sig=e`], report_start_day: '2026-10-24', report_end_day: endDay });
}

/** The repos-1-day answer of the day, split over two files, downloaded without the GitHub token. */
function repos(rows: Row[] = ROWS, day = DAY, path = REPOS) {
  nock(API).get(path).query({ day }).reply(200, { download_links: [`${FILES}/repos/1.ndjson?sig=a`, `${FILES}/repos/2.ndjson?sig=b`], report_day: day });
  nock(FILES, { badheaders: ['authorization'] }).get('/repos/1.ndjson').query(true).reply(200, ndjson(rows.slice(0, 1)));
  nock(FILES, { badheaders: ['authorization'] }).get('/repos/2.ndjson').query(true).reply(200, ndjson(rows.slice(1)));
}

useNock();

describe('the repositories collector', () => {
  it('is optional, on by default with the usage-metrics source, for organizations and enterprises', () => {
    expect(repositoriesCollector).toMatchObject({ name: 'repositories', main: false, switchedBy: 'COPILOT_REPOSITORY_METRICS' });
    expect(repositoriesCollector.needs).toContain('the same permission as the usage report');
    expect(repositoriesCollector.enabled(configFrom())).toBe(true);
    expect(repositoriesCollector.enabled(configFrom({ COPILOT_REPOSITORY_METRICS: 'false' }))).toBe(false);
    expect(repositoriesCollector.enabled(configFrom({ COPILOT_API: 'legacy-metrics' }))).toBe(false);
    expect(repositoriesCollector.appliesTo(ENTERPRISE)).toBe(true);
    expect(repositoriesCollector.appliesTo({ kind: 'org', slug: 'octo', team: 'web' })).toBe(false);
    expect(repositoriesCollector.refreshIntervalMs(configFrom())).toBeUndefined();
    expect([ORG, ENTERPRISE].map((target) => repositoriesCollector.endpoints(target, configFrom()).map((use) => [use.endpoint.template, use.perDay]))).toEqual([
      [['/orgs/{org}/copilot/metrics/reports/repos-1-day', true]],
      [['/enterprises/{enterprise}/copilot/metrics/reports/repos-1-day', true]],
    ]);
  });

  it('reads repos-1-day of the 28-day report’s report_end_day, every file, and exports every active repository', async () => {
    latest();
    repos();
    const attempt = await collect();
    if (attempt === 'unchanged') throw new Error('expected data');
    expect(attempt.token).toEqual(readOn(DAY));
    expect(attempt.day).toBe(DAY);
    expect(valuesOf(attempt.samples)).toEqual({
      'github_copilot_repository_pull_requests_created_by_copilot{"org":"octo","repository":"octo/web","visibility":"public"}': 2,
      'github_copilot_repository_pull_requests_reviewed_by_copilot{"org":"octo","repository":"octo/web","visibility":"public"}': 3,
      'github_copilot_repository_pull_requests_created_by_copilot{"org":"octo","repository":"octo/api","visibility":"private"}': 5,
      'github_copilot_repository_pull_requests_reviewed_by_copilot{"org":"octo","repository":"octo/api","visibility":"private"}': 6,
    });
  });

  it('reads the enterprise report under /enterprises/, labelled enterprise', async () => {
    latest(DAY, '/enterprises/acme/copilot/metrics/reports/enterprise-28-day/latest');
    repos([row('web', 'internal', 1), row('api', 'private', 0)], DAY, '/enterprises/acme/copilot/metrics/reports/repos-1-day');
    const attempt = await collect(undefined, setup({ COPILOT_ENTERPRISES: 'acme' }), ENTERPRISE);
    if (attempt === 'unchanged') throw new Error('expected data');
    expect(valuesOf(attempt.samples)['github_copilot_repository_pull_requests_created_by_copilot{"enterprise":"acme","repository":"octo/web","visibility":"internal"}']).toBe(1);
  });

  it('rejects the report when a row is malformed, naming the report, the day and the problem', async () => {
    latest();
    repos([row('web', 'public', 2), { ...row('api', 'private', 1), pull_requests: { total_created_by_copilot: 'many' } }]);
    const error = await rejection(collect());
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(
      'The repos-1-day report of organization octo for 2026-11-20 is malformed: pull_requests.total_created_by_copilot of repository octo/api is "many", expected a non-negative integer.',
    );
  });
});

describe('the repositories change token (the day)', () => {
  it('asks for no repos-1-day report while report_end_day is the day already exported', async () => {
    latest();
    await expect(collect(readOn(DAY))).resolves.toBe('unchanged');
  });

  it('reads the new day when GitHub publishes one', async () => {
    latest('2026-11-21');
    repos([{ ...row('web', 'public', 4), day: '2026-11-21' }], '2026-11-21');
    const attempt = await collect(readOn(DAY));
    if (attempt === 'unchanged') throw new Error('expected data');
    expect(attempt.token).toEqual(readOn('2026-11-21'));
  });
});

describe.each<[string, number, Row | undefined]>([
  ['204 No Content', 204, undefined],
  ['200 without download_links', 200, { download_links: [], report_day: DAY }],
])('a report that is not there yet (%s) is unchanged: the token stays, so the next poll asks again', (_case, status, body) => {
  it('the 28-day report: repos-1-day is not asked for', async () => {
    nock(API).get(LATEST).reply(status, status === 204 ? undefined : { download_links: [], report_start_day: '2026-10-24', report_end_day: DAY });
    await expect(collect()).resolves.toBe('unchanged');
  });

  it('the repos-1-day report', async () => {
    latest();
    nock(API).get(REPOS).query({ day: DAY }).reply(status, body);
    await expect(collect(readOn('2026-11-19'))).resolves.toBe('unchanged');
  });
});

describe.each([
  [403, 'forbidden'],
  [404, 'not_found'],
])('GitHub answers %i', (status, reason) => {
  it(`for the 28-day report: ${reason}`, async () => {
    nock(API).get(LATEST).reply(status, { message: 'no' });
    const error = await rejection(collect());
    expect(error.reason).toBe(reason);
    expect(error.details.endpoint).toBe('/orgs/{org}/copilot/metrics/reports/organization-28-day/latest');
  });

  it(`for the repos-1-day report: ${reason}`, async () => {
    latest();
    nock(API).get(REPOS).query({ day: DAY }).reply(status, { message: 'no' });
    const error = await rejection(collect());
    expect(error.reason).toBe(reason);
    expect(error.details).toMatchObject({ status, endpoint: '/orgs/{org}/copilot/metrics/reports/repos-1-day' });
  });
});
