/**
 * WEB_CONFIG_FILE in-process: loadWebConfig over real files in a temporary directory, and basicAuth in
 * front of the real endpoints on a loopback port.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { SnapshotStore } from '../src/metrics/snapshot.js';
import { createApp } from '../src/server.js';
import { loadWebConfig } from '../src/web-config.js';
import { silentLogger } from './helpers/fakes.js';

const readFile = (path: string) => readFileSync(path, 'utf8');
/** bcrypt's cheapest cost: the format is what matters here, not the strength. */
const HASH = bcrypt.hashSync('s3cret-scrape', 4);

/** A directory holding `files`; returns the path of `web.yml` in it. */
function webConfig(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-web-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  writeFileSync(join(dir, 'web.yml'), yaml);
  return join(dir, 'web.yml');
}

const loadError = (path: string) => {
  try {
    loadWebConfig(path, readFile);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${path} was accepted`);
};

describe('loadWebConfig', () => {
  it('reads the certificate and key named relative to the file, and the users with their bcrypt hashes', () => {
    const path = webConfig(`tls_server_config:\n  cert_file: tls.crt\n  key_file: keys/../tls.key\nbasic_auth_users:\n  prometheus: ${HASH}\n  grafana: '${HASH}'\n`, {
      'tls.crt': 'CERTIFICATE',
      'tls.key': 'KEY',
    });
    expect(loadWebConfig(path, readFile)).toEqual({ tls: { cert: 'CERTIFICATE', key: 'KEY' }, users: new Map([['prometheus', HASH], ['grafana', HASH]]) });
  });

  it('takes either section alone', () => {
    expect(loadWebConfig(webConfig(`basic_auth_users:\n  prometheus: ${HASH}\n`), readFile)).toEqual({ users: new Map([['prometheus', HASH]]) });
    expect(loadWebConfig(webConfig('tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n', { 'c.pem': 'C', 'k.pem': 'K' }), readFile)).toEqual({ tls: { cert: 'C', key: 'K' } });
  });

  it('refuses what it cannot honour, naming the file and what is wrong', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'copilot-web-config-')), 'absent.yml');
    expect(loadError(missing)).toMatch(new RegExp(`^Configuration error: WEB_CONFIG_FILE ${missing} cannot be read as YAML \\(ENOENT`));
    const cases: Array<[string, string]> = [
      ['tls_server_config: [unclosed\n', 'cannot be read as YAML'],
      ['', 'must hold a mapping with tls_server_config and/or basic_auth_users.'],
      ['- a list\n', 'must hold a mapping with tls_server_config and/or basic_auth_users.'],
      ['http_server_config:\n  http2: true\n', 'has "http_server_config", which this exporter does not support (it supports tls_server_config and basic_auth_users).'],
      ['tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: RequireAndVerifyClientCert\n', 'has tls_server_config.client_auth_type, which this exporter does not support (only cert_file and key_file).'],
      ['tls_server_config:\n  key_file: k\n', 'needs tls_server_config.cert_file.'],
      ['tls_server_config:\n', 'needs tls_server_config.cert_file.'],
      ['basic_auth_users: prometheus\n', 'needs basic_auth_users as a mapping of user names to bcrypt hashes.'],
      ['basic_auth_users:\n  prometheus: hunter2\n', `has basic_auth_users.prometheus, which is not a bcrypt hash (make one with: htpasswd -nBC 10 "" | tr -d ':\\n').`],
    ];
    for (const [yaml, problem] of cases) {
      const path = webConfig(yaml);
      expect(loadError(path), yaml).toContain(`Configuration error: WEB_CONFIG_FILE ${path} ${problem}`);
    }
    const path = webConfig('tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n', { 'tls.crt': 'C' });
    expect(loadError(path)).toBe(`Configuration error: WEB_CONFIG_FILE ${path} names tls_server_config.key_file ${join(path, '..', 'tls.key')}, which cannot be read (ENOENT).`);
  });
});

/** The real endpoints behind basicAuth for these users, on a loopback port. */
async function startApp(users: Map<string, string>): Promise<{ server: Server; get: (path: string, credentials?: string) => Promise<Response> }> {
  const app = createApp({ store: new SnapshotStore(), selfMetrics: new SelfMetrics({ version: '1.2.3', processMetrics: false }), isReady: () => true, logger: silentLogger, users });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string, credentials?: string) => fetch(`${base}${path}`, { headers: credentials === undefined ? {} : { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } });
  return { server, get };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('basicAuth in front of the endpoints', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp(loadWebConfig(webConfig(`basic_auth_users:\n  prometheus: ${HASH}\n`), readFile).users!);
  });
  afterAll(() => close(app.server));

  it('asks for credentials, and refuses wrong ones, an unknown user and a header without a password', async () => {
    for (const credentials of [undefined, 'prometheus:wrong', 'nobody:s3cret-scrape', 'prometheus', '']) {
      const response = await app.get('/metrics', credentials);
      expect(response.status, String(credentials)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="github-copilot-exporter"');
      expect(await response.text()).toBe('unauthorized\n');
    }
  });

  it('serves the right user and password, a password with a colon in it too, on every protected path', async () => {
    const metrics = await app.get('/metrics', 'prometheus:s3cret-scrape');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('github_copilot_exporter_build_info');
    expect((await app.get('/', 'prometheus:s3cret-scrape')).status).toBe(200);
    expect((await app.get('/nothing-here', 'prometheus:s3cret-scrape')).status).toBe(404);
    expect((await app.get('/nothing-here')).status).toBe(401);
    const colon = await startApp(new Map([['grafana', bcrypt.hashSync('a:b', 4)]]));
    onTestFinished(() => close(colon.server));
    expect((await colon.get('/metrics', 'grafana:a:b')).status).toBe(200);
    expect((await colon.get('/metrics', 'grafana:a')).status).toBe(401);
  });

  it('leaves the probe paths open, for probes that carry no credentials', async () => {
    expect((await app.get('/healthz')).status).toBe(200);
    expect((await app.get('/readyz')).status).toBe(200);
  });

  it('verifies a user and password pair with bcrypt once, then remembers it (a wrong one is checked each time)', async () => {
    const fresh = await startApp(new Map([['prometheus', HASH]]));
    onTestFinished(() => close(fresh.server));
    const verify = vi.spyOn(bcrypt, 'compare');
    expect((await fresh.get('/metrics', 'prometheus:s3cret-scrape')).status).toBe(200);
    expect((await fresh.get('/metrics', 'prometheus:s3cret-scrape')).status).toBe(200);
    expect(verify).toHaveBeenCalledTimes(1);
    expect((await fresh.get('/metrics', 'prometheus:wrong')).status).toBe(401);
    expect((await fresh.get('/metrics', 'prometheus:wrong')).status).toBe(401);
    expect(verify).toHaveBeenCalledTimes(3);
  });
});
