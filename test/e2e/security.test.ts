/**
 * Secrets stay secret and the endpoints can be protected: the token and the App key never appear in
 * logs (at debug level), errors, /metrics or requests to other hosts; WEB_CONFIG_FILE gives TLS and
 * basic auth (checked with a real TLS client); requests are limited.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { generate } from 'selfsigned';
import { describe, expect, it } from 'vitest';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { runCli, waitFor, waitForLog } from '../helpers/exporter-process.js';
import { ORGS, errors, startScenario } from '../helpers/scenario.js';
import { sampleKey } from '../helpers/exposition.js';

describe('secrets', () => {
  it('never shows the token in logs, errors, /metrics or requests to the download host, whatever happens', async () => {
    const s = await startScenario({}, { LOG_LEVEL: 'debug' });
    const token = s.fake.token;
    s.fake.addFault({ on: 'api', pathIncludes: '/orgs/flaky/', status: 500, times: 5 });
    s.fake.addFault({ on: 'api', pathIncludes: '/orgs/steady/', status: 403, body: JSON.stringify({ message: 'Resource not accessible by personal access token' }), times: 1 });
    await s.until('errors seen', (values) => errors(values, 'flaky', 'server_error') >= 1 && errors(values, 'steady', 'forbidden') >= 1, 30_000);
    s.fake.clearFaults();
    s.fake.addFault({ on: 'download', pathIncludes: '/org/flaky/', status: 403, times: 1 });
    s.fake.advanceDay();
    // Every target's new day, flaky's too (its download refused once): what is checked below covers both.
    const newDay = Date.parse(`${s.fake.endDay}T00:00:00Z`) / 1000;
    await s.until('the new day', (values) => ORGS.every((org) => values.get(sampleKey('github_copilot_metrics_day_timestamp_seconds', { org: org.slug })) === newDay));

    const plain = (await s.metrics()).text;
    const openMetrics = await (await fetch(`${s.exporter.url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
    const logs = s.exporter.stdout.join('\n') + s.exporter.stderr.join('');
    expect(logs).toContain('"level":"debug"');
    for (const text of [plain, openMetrics, logs]) expect(text).not.toContain(token);
    const downloads = s.fake.requests.filter((request) => request.on === 'download');
    expect(downloads.length).toBeGreaterThan(0);
    for (const request of downloads) {
      expect(request.authorization).toBeUndefined();
      expect(JSON.stringify(request)).not.toContain(token);
    }
  }, 60_000);

  it('never shows the GitHub App key or its installation tokens in logs or /metrics', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
    const fake = await fakeGitHubForTest({ app: { id: '9', publicKey: keys.publicKey, installations: [{ id: 3, kind: 'org', slug: 'acme-web' }] } });
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_APP_ID: '9', GITHUB_APP_PRIVATE_KEY: keys.privateKey, COPILOT_ORGS: 'acme-web,acme-data', REFRESH_INTERVAL: '3600', LOG_LEVEL: 'debug' });
    await waitFor('readiness', async () => ((await fetch(`${exporter.url}/readyz`)).status === 200 ? true : undefined));
    // Logged as the first poll ends: the line may reach the test after readiness does.
    await waitForLog(exporter, 'is not installed on organization acme-data');
    const everything = (await (await fetch(`${exporter.url}/metrics`)).text()) + exporter.stdout.join('\n') + exporter.stderr.join('');
    expect(everything).not.toContain('PRIVATE KEY');
    expect(everything).not.toContain(keys.privateKey.split('\n')[1]);
    const downloadRequests = fake.requests.filter((request) => request.on === 'download');
    expect(downloadRequests.length).toBeGreaterThan(0);
    const downloads = JSON.stringify(downloadRequests);
    expect(fake.issuedTokens.length).toBeGreaterThan(0);
    for (const { token } of fake.issuedTokens) {
      expect(everything).not.toContain(token);
      expect(downloads).not.toContain(token);
    }
  });
});

describe('protected endpoints (WEB_CONFIG_FILE)', () => {
  it('serves TLS with basic auth: a real TLS client is refused without or with a wrong password, served with the right one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copilot-web-'));
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }] });
    writeFileSync(join(dir, 'tls.crt'), pems.cert);
    writeFileSync(join(dir, 'tls.key'), pems.private);
    writeFileSync(join(dir, 'web.yml'), `tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\nbasic_auth_users:\n  prometheus: ${bcrypt.hashSync('s3cret-scrape', 10)}\n`);
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'acme-web', WEB_CONFIG_FILE: join(dir, 'web.yml'), COPILOT_SEAT_METRICS: 'false' });
    expect(exporter.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const get = (path: string, auth?: string) =>
      new Promise<{ status: number; body: string; authenticate?: string }>((resolve, reject) => {
        const req = httpsRequest(`${exporter.url}${path}`, { ca: pems.cert, headers: auth ? { authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {} }, (res) => {
          let body = '';
          res.on('data', (chunk) => (body += String(chunk)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers['www-authenticate'] ? { authenticate: String(res.headers['www-authenticate']) } : {}) }));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('/metrics')).toMatchObject({ status: 401, authenticate: 'Basic realm="github-copilot-exporter"' });
    expect((await get('/metrics', 'prometheus:wrong')).status).toBe(401);
    expect((await get('/metrics', 'nobody:s3cret-scrape')).status).toBe(401);
    const served = await get('/metrics', 'prometheus:s3cret-scrape');
    expect(served.status).toBe(200);
    expect(served.body).toContain('github_copilot_exporter_build_info');
    expect((await get('/metrics', 'prometheus:s3cret-scrape')).status).toBe(200);
    // Kubernetes probes carry no credentials: the probe paths stay open.
    expect((await get('/healthz')).status).toBe(200);
    await waitFor('ready without credentials', async () => ((await get('/readyz')).status === 200 ? true : undefined));
    // Plain HTTP to the TLS port gets no metrics.
    await expect(fetch(exporter.url.replace('https', 'http') + '/metrics')).rejects.toThrow();
    // The container HEALTHCHECK speaks TLS too.
    expect((await runCli(['healthcheck'], { PORT: new URL(exporter.url).port, HOST: '127.0.0.1', WEB_CONFIG_FILE: join(dir, 'web.yml') })).code).toBe(0);
  });

  it('refuses a web config with an unsupported key or a password that is not a bcrypt hash, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copilot-web-'));
    writeFileSync(join(dir, 'plain.yml'), 'basic_auth_users:\n  prometheus: hunter2\n');
    writeFileSync(join(dir, 'other.yml'), 'http_server_config:\n  http2: true\n');
    const base = { GITHUB_TOKEN: 'ghp_webConfigTestToken000000000000000', COPILOT_ORGS: 'o' };
    const plain = await runCli(['serve'], { ...base, WEB_CONFIG_FILE: join(dir, 'plain.yml') });
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim()).toBe(
      `Configuration error: WEB_CONFIG_FILE ${join(dir, 'plain.yml')} has basic_auth_users.prometheus, which is not a bcrypt hash (make one with: htpasswd -nBC 10 "" | tr -d ':\\n').`,
    );
    const other = await runCli(['serve'], { ...base, WEB_CONFIG_FILE: join(dir, 'other.yml') });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('has "http_server_config", which this exporter does not support');
  });
});

describe('request limits', () => {
  it('answers 431 to oversized headers and 413 to a body', async () => {
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'acme-web' });
    const url = new URL(exporter.url);
    const raw = (request: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(url.port), url.hostname, () => socket.end(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += String(chunk)));
        socket.on('close', () => resolve(answer));
      });
    expect(await raw(`GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(16 * 1024)}\r\n\r\n`)).toMatch(/^HTTP\/1.1 431/);
    expect(await raw('GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody')).toMatch(/^HTTP\/1.1 413/);
  });
});
