/**
 * Starting and stopping as an operator sees it: a stop within 10 seconds whatever is in flight (a poll
 * waiting on GitHub, an OTLP push to a collector that never answers), and one clear line with exit
 * code 2 for every start-up mistake, never a stack trace.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';

/** A TCP server that accepts connections and never answers: a hung OTLP collector. */
async function blackHole(): Promise<{ port: number; sockets: ReadonlySet<Socket> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { port: (server.address() as { port: number }).port, sockets };
}

const base = (apiUrl: string, token: string) => ({ GITHUB_API_URL: apiUrl, GITHUB_TOKEN: token, COPILOT_ORGS: 'acme-web', LOG_LEVEL: 'debug' });

describe('stopping', () => {
  it('exits 0 within 10 s on SIGTERM while a poll waits on GitHub', async () => {
    const fake = await fakeGitHubForTest();
    const held = '/orgs/acme-web/';
    fake.addFault({ on: 'api', pathIncludes: held, delayMs: 60_000 });
    const exporter = await exporterForTest(base(fake.apiUrl, fake.token));
    await waitFor('the poll to be waiting on GitHub', async () => (fake.requests.some((request) => request.path.includes(held)) ? true : undefined), 20_000);
    const { code, ms } = await exporter.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('exits 0 within 10 s on SIGTERM while an OTLP push to a collector that never answers is retrying', async () => {
    const fake = await fakeGitHubForTest();
    const collector = await blackHole();
    const exporter = await exporterForTest({ ...base(fake.apiUrl, fake.token), OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`, OTEL_EXPORTER_OTLP_TIMEOUT: '5000' });
    // The push starts after the first poll; it is in flight once it has connected to the collector.
    await waitFor('a push in flight', async () => (collector.sockets.size > 0 ? true : undefined), 30_000);
    const { code, ms } = await exporter.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('logs the address it listens on: every address (0.0.0.0) when HOST says so', async () => {
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest({ ...base(fake.apiUrl, fake.token), HOST: '0.0.0.0' });
    const listening = exporter.stdout.map((line) => JSON.parse(line) as { msg: string; url?: string }).find(({ msg }) => msg === 'github-copilot-exporter listening');
    expect(listening?.url).toBe(`http://0.0.0.0:${new URL(exporter.url).port}`);
  });
});

describe('start-up mistakes: one line naming the variable, exit code 2', () => {
  const env = { GITHUB_TOKEN: 'ghp_startupTest000000000000000000000000', COPILOT_ORGS: 'acme-web', GITHUB_API_URL: 'http://127.0.0.1:9' };

  async function fails(extra: Record<string, string>): Promise<string> {
    const { code, stdout, stderr } = await runCli(['serve'], { ...env, ...extra });
    expect(code, stdout + stderr).toBe(2);
    const output = (stderr + stdout).trim();
    expect(output.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
    expect(output).not.toMatch(/\n\s+at /);
    return output;
  }

  it('says a port in use is in use', async () => {
    const { port } = await blackHole();
    expect(await fails({ HOST: '127.0.0.1', PORT: String(port) })).toBe(`Configuration error: PORT ${port} is already in use on HOST 127.0.0.1 (EADDRINUSE): stop the other process, or set PORT to a free port.`);
  });

  it.each([
    ['an address this machine does not have', '203.0.113.7', 'EADDRNOTAVAIL'],
    ['a name that does not resolve', 'exporter.invalid', 'ENOTFOUND'],
  ])('says a HOST that is %s is not an address of this machine', async (_what, host, code) => {
    // Without a resolver a name fails as EAI_AGAIN instead of ENOTFOUND: the message is the same.
    const said = await fails({ HOST: host, PORT: '0' });
    expect(said.replace('(EAI_AGAIN)', `(${code})`)).toBe(`Configuration error: HOST ${host} is not an address of this machine (${code}): set HOST to one of its addresses, or 0.0.0.0 for all of them.`);
  });

  it('says a web config file cannot be read', async () => {
    expect(await fails({ WEB_CONFIG_FILE: '/nonexistent/web.yml', PORT: '0' })).toMatch(/^Configuration error: WEB_CONFIG_FILE \/nonexistent\/web\.yml cannot be read/);
  });

  it('says a TLS key that does not fit is unusable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'copilot-web-'));
    writeFileSync(join(dir, 'tls.crt'), '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'tls.key'), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'web.yml'), 'tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n');
    expect(await fails({ WEB_CONFIG_FILE: join(dir, 'web.yml'), PORT: '0' })).toMatch(/^Configuration error: WEB_CONFIG_FILE names a TLS certificate or key that cannot be used/);
  });
});

describe('mistyped variables', () => {
  it('are logged at start-up, each once, with the name that was meant', async () => {
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest({ ...base(fake.apiUrl, fake.token), COPILOT_ORG: 'acme-data', REFRESH_INTERVALL: '60' });
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"') && line.includes('Unknown variable'));
    expect(warnings.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'Unknown variable COPILOT_ORG is ignored; did you mean COPILOT_ORGS?',
      'Unknown variable REFRESH_INTERVALL is ignored; did you mean REFRESH_INTERVAL?',
    ]);
  });
});
