/**
 * `check` in-process (runCheck, formatCheck): every endpoint of every enabled collector of every target is
 * asked once, against nock with the real network off; each (target, collector) is one row saying what is
 * missing when GitHub refuses.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { type CheckRow, formatCheck, runCheck, summarizeCheck } from '../src/check.js';
import { loadConfig } from '../src/config/load-config.js';
import { configFrom } from './helpers/collectors.js';
import { silentLogger } from './helpers/fakes.js';
import { useNock } from './helpers/nock.js';

const API = 'https://api.github.test';
const TOKEN = 'ghp_checkTestToken0123456789abcdefghij';
const DAY = '2026-11-20';
const LATEST = '/orgs/octo/copilot/metrics/reports/organization-28-day/latest';
const USERS = '/orgs/octo/copilot/metrics/reports/users-1-day';
const USER_TEAMS = '/orgs/octo/copilot/metrics/reports/user-teams-1-day';
const REPOS = '/orgs/octo/copilot/metrics/reports/repos-1-day';
const BILLING = '/orgs/octo/copilot/billing';
const LATEST_REPORT = { report_start_day: '2026-10-24', report_end_day: DAY, download_links: ['https://copilot-reports.github.test/org/octo/28-day.json'] };

/** A classic token's refusal, with the scopes GitHub names. */
const FORBIDDEN_HEADERS = { 'x-accepted-oauth-scopes': 'read:org, manage_billing:copilot', 'x-oauth-scopes': 'read:user' };

const check = (env: Record<string, string> = {}) => runCheck(configFrom({ GITHUB_API_URL: API, GITHUB_TOKEN: TOKEN, ...env }), silentLogger);
const github = () => nock(API, { reqheaders: { authorization: `Bearer ${TOKEN}` } });
const row = (rows: CheckRow[], collector: string) => rows.find((candidate) => candidate.collector === collector);

useNock();

describe('check (runCheck)', () => {
  it('asks every endpoint of every collector once, the per-day reports for the day the usage report ends on', async () => {
    github().get(LATEST).times(2).reply(200, LATEST_REPORT); // the usage row, and the day for the per-day rows
    github().get(USER_TEAMS).query({ day: DAY }).reply(200, { download_links: [] });
    github().get(USERS).query({ day: DAY }).reply(200, { download_links: [] });
    github().get(REPOS).query({ day: DAY }).reply(204);
    github().get(BILLING).reply(200, { seat_breakdown: { total: 3 } });

    const rows = await check();
    expect(rows).toEqual([
      { target: 'org:octo', collector: 'usage', endpoint: LATEST, status: 'ok', result: 'OK', advice: '' },
      { target: 'org:octo', collector: 'people', endpoint: `${USER_TEAMS}?day=${DAY} ${USERS}?day=${DAY}`, status: 'ok', result: 'OK', advice: '' },
      { target: 'org:octo', collector: 'repositories', endpoint: `${REPOS}?day=${DAY}`, status: 'ok', result: 'OK (204: no report yet)', advice: '' },
      { target: 'org:octo', collector: 'seats', endpoint: BILLING, status: 'ok', result: 'OK', advice: '' },
    ]);
    expect(summarizeCheck(rows)).toBe('Everything the exporter needs is in place.');
  });

  it('says which scopes a refused token lacks, leaves the per-day reports untried without the day, and tells how to do without an optional collector', async () => {
    github().get(LATEST).times(2).reply(403, { message: 'Resource not accessible by personal access token' }, FORBIDDEN_HEADERS);
    github().get(BILLING).reply(403, { message: 'Must have admin rights' }, FORBIDDEN_HEADERS);

    const rows = await check();
    expect(rows.map(({ collector, status, result }) => [collector, status, result])).toEqual([
      ['usage', 'failed', '403 forbidden'],
      ['people', 'not tried', 'not tried'],
      ['repositories', 'not tried', 'not tried'],
      ['seats', 'failed', '403 forbidden'],
    ]);
    expect(summarizeCheck(rows)).toBe('2 of 4 checks failed, 2 not tried because of them.');
    const usage = row(rows, 'usage');
    expect(usage?.advice).toContain('The token needs one of these scopes (X-Accepted-OAuth-Scopes): read:org, manage_billing:copilot; it has: read:user.');
    // The main report is what the exporter is for: no advice to turn it off.
    expect(usage?.advice).not.toContain('turn it off');
    expect(row(rows, 'people')?.advice).toBe('It needs the day of the usage report, which could not be read (see the usage row).');
    expect(row(rows, 'seats')?.advice).toContain('The seats collector needs organizations: classic tokens manage_billing:copilot or read:org');
    expect(row(rows, 'seats')?.advice).toMatch(/without it only its own series are missing \(turn it off with COPILOT_SEAT_METRICS=false\)\.$/);
  });

  it('tries nothing more of a target whose credential GitHub refuses (401) for its main report', async () => {
    // One interceptor: another request of this target would find none and fail with a different result.
    github().get(LATEST).reply(401, { message: 'Bad credentials' });

    const rows = await check();
    expect(rows.map(({ collector, status, result }) => [collector, status, result])).toEqual([
      ['usage', 'failed', '401 unauthorized'],
      ['people', 'not tried', 'not tried'],
      ['repositories', 'not tried', 'not tried'],
      ['seats', 'not tried', 'not tried'],
    ]);
    expect(row(rows, 'seats')).toMatchObject({ endpoint: BILLING, advice: 'GitHub refused the credential for the usage report (see its row).' });
    expect(summarizeCheck(rows)).toBe('1 of 4 checks failed, 3 not tried because of them.');
  });

  it('asks once, without retrying a server error or waiting out a rate limit', async () => {
    // One interceptor each: a retry would find none and fail differently; a wait would outlast the test.
    github().get(LATEST).reply(503, { message: 'Service Unavailable' });
    const inAnHour = String(Math.ceil(Date.now() / 1000) + 3600);
    github().get(BILLING).reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inAnHour });

    const started = Date.now();
    const rows = await check({ COPILOT_TEAM_METRICS: 'false', COPILOT_REPOSITORY_METRICS: 'false' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(rows.map(({ collector, result }) => [collector, result])).toEqual([
      ['usage', '503 server_error'],
      ['seats', 'rate_limited'],
    ]);
    expect(summarizeCheck(rows)).toBe('2 of 2 checks failed.');
    // A rate limit passes: the row says when, and does not suggest doing without the collector.
    expect(row(rows, 'seats')?.advice).toMatch(/^GitHub's rate limit is exhausted .*Requests pause until \d{4}-\d\d-\d\dT/);
    expect(row(rows, 'seats')?.advice).not.toContain('turn it off');
  });

  it('makes a row of each enterprise and organization, and a row of the GitHub App’s key before them', async () => {
    // A small key, quick to make: nothing here checks the JWT's signature.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const app = { GITHUB_APP_ID: '4242', GITHUB_APP_PRIVATE_KEY: privateKey, GITHUB_APP_INSTALLATION_ID: '77' };
    nock(API).post('/app/installations/77/access_tokens').reply(201, { token: 'ghs_installationToken0000000000000000', expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    const installation = nock(API, { reqheaders: { authorization: /ghs_installationToken0000000000000000/ } });
    installation.get('/enterprises/big/copilot/metrics/reports/enterprise-28-day/latest').reply(204);
    installation.get(LATEST).reply(200, LATEST_REPORT);

    const env = { GITHUB_API_URL: API, ...app, COPILOT_ENTERPRISES: 'big', COPILOT_ORGS: 'octo', COPILOT_TEAM_METRICS: 'false', COPILOT_REPOSITORY_METRICS: 'false', COPILOT_SEAT_METRICS: 'false' };
    const rows = await runCheck(loadConfig(env, () => ''), silentLogger);
    expect(rows.map(({ target, collector, endpoint, result }) => [target, collector, endpoint, result])).toEqual([
      ['GitHub App 4242', 'credential', 'JWT (RS256, private key)', 'OK'],
      ['enterprise:big', 'usage', '/enterprises/big/copilot/metrics/reports/enterprise-28-day/latest', 'OK (204: no report yet)'],
      ['org:octo', 'usage', LATEST, 'OK'],
    ]);
  });
});

describe('formatCheck', () => {
  it('aligns the columns under a header, with nothing trailing a line', () => {
    const rows: CheckRow[] = [
      { target: 'org:octo', collector: 'usage', endpoint: LATEST, status: 'ok', result: 'OK', advice: '' },
      { target: 'enterprise:big', collector: 'seats', endpoint: '/enterprises/big/copilot/billing/seats?per_page=1', status: 'failed', result: '403 forbidden', advice: 'Ask an owner.' },
    ];
    const lines = formatCheck(rows).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^TARGET {10}COLLECTOR {2}ENDPOINT {2,}RESULT {9}WHAT TO DO$/);
    const column = (name: string) => lines[0]!.indexOf(name);
    for (const [line, values] of [
      [lines[1]!, ['org:octo', 'usage', LATEST, 'OK']],
      [lines[2]!, ['enterprise:big', 'seats', '/enterprises/big/copilot/billing/seats?per_page=1', '403 forbidden', 'Ask an owner.']],
    ] as const) {
      ['TARGET', 'COLLECTOR', 'ENDPOINT', 'RESULT', 'WHAT TO DO'].slice(0, values.length).forEach((name, i) => expect(line.indexOf(values[i]!), name).toBe(column(name)));
      expect(line).toBe(line.trimEnd());
    }
  });
});
