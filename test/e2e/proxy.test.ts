/**
 * Corporate proxies, end to end: the real exporter process, the fake GitHub API (API and download host
 * on two origins) and a real proxy process (tinyproxy) on loopback. Only the standard variables are set.
 * One proxy serves the file's tests (the one with credentials has its own): each test's fake GitHub and
 * receiver listen on ports of their own, by which its requests are told apart in the proxy's log.
 */
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { FakeGitHub } from '../fake-github/server.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';
import { OtlpReceiver } from '../helpers/otlp-receiver.js';
import { hasTinyproxy, type RunningProxy, startProxy, startProxyForFile } from '../helpers/proxy.js';
import { up } from '../helpers/scenario.js';

const withProxy = hasTinyproxy() || Boolean(process.env.CI);
const itWithProxy = withProxy ? it : it.skip;
const PASSWORD = 'pr0xyS3cretPassw0rd';

function env(fake: FakeGitHub, extra: Record<string, string>): Record<string, string> {
  return { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'acme-web', REFRESH_INTERVAL: '3600', LOG_LEVEL: 'debug', ...extra };
}

let proxy: RunningProxy;
beforeAll(async () => {
  if (withProxy) proxy = await startProxyForFile();
});

/** The requests the shared proxy forwarded to this fake GitHub, API and download host. */
const forwardedTo = (fake: FakeGitHub) => proxy.requests().filter((line) => line.includes(fake.apiUrl) || line.includes(fake.downloadOrigin));

const ready = (url: string) => waitFor('the first poll', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 20_000);

describe('outbound proxy', () => {
  itWithProxy('sends API requests and report downloads through HTTP_PROXY, with credentials that never show', async () => {
    const proxy = await startProxy({ user: 'exporter', password: PASSWORD });
    const fake = await fakeGitHubForTest();
    const proxyUrl = `http://exporter:${PASSWORD}@127.0.0.1:${proxy.port}`;
    const exporter = await exporterForTest(env(fake, { HTTP_PROXY: proxyUrl }));
    await ready(exporter.url);
    const values = await scrapeValues(exporter.url);
    expect(up(values, 'acme-web')).toBe(1);
    const forwarded = proxy.requests();
    expect(forwarded.some((line) => line.startsWith(`GET ${fake.apiUrl}/orgs/acme-web/copilot/metrics/reports/organization-28-day/latest`))).toBe(true);
    expect(forwarded.some((line) => line.startsWith(`GET ${fake.downloadOrigin}/reports/org/acme-web/`))).toBe(true);
    // Every request the fake saw came through the proxy: none went around it.
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(forwarded.length).toBe(fake.requests.length);
    const output = exporter.stdout.join('\n') + exporter.stderr.join('');
    expect(output).not.toContain(PASSWORD);
    expect(await (await fetch(`${exporter.url}/metrics`)).text()).not.toContain(PASSWORD);
  }, 60_000);

  itWithProxy('reaches hosts listed in NO_PROXY directly, and honours the lower-case forms', async () => {
    const fake = await fakeGitHubForTest();
    // The download host is "localhost": NO_PROXY sends it around the proxy, the API still through it.
    const exporter = await exporterForTest(env(fake, { http_proxy: proxy.url, no_proxy: 'localhost' }));
    await ready(exporter.url);
    expect(up(await scrapeValues(exporter.url), 'acme-web')).toBe(1);
    const forwarded = forwardedTo(fake);
    expect(forwarded.some((line) => line.startsWith(`GET ${fake.apiUrl}/`))).toBe(true);
    expect(forwarded.filter((line) => line.includes(fake.downloadOrigin))).toEqual([]);
    expect(fake.requests.some((request) => request.on === 'download')).toBe(true);
  }, 60_000);

  itWithProxy('bypasses the proxy for every host with NO_PROXY=*', async () => {
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest(env(fake, { HTTP_PROXY: proxy.url, NO_PROXY: '*' }));
    await ready(exporter.url);
    expect(up(await scrapeValues(exporter.url), 'acme-web')).toBe(1);
    expect(forwardedTo(fake)).toEqual([]);
  }, 60_000);

  itWithProxy('pushes OTLP through the proxy too', async () => {
    const fake = await fakeGitHubForTest();
    const receiver = await new OtlpReceiver().start();
    onTestFinished(() => receiver.close());
    const exporter = await exporterForTest(env(fake, { HTTP_PROXY: proxy.url, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }));
    await waitFor('an OTLP export', async () => receiver.exports[0], 20_000);
    expect(proxy.requests().some((line) => line.startsWith(`POST ${receiver.url}/v1/metrics`))).toBe(true);
    await exporter.stop();
  }, 60_000);

  itWithProxy('runs check through the proxy', async () => {
    const fake = await fakeGitHubForTest();
    const { code, stdout } = await runCli(['check'], env(fake, { HTTP_PROXY: proxy.url }));
    expect(code, stdout).toBe(0);
    expect(proxy.requests().some((line) => line.startsWith(`GET ${fake.apiUrl}/orgs/acme-web/copilot/billing`))).toBe(true);
  }, 60_000);

  it('stops at startup with one clear message when a proxy variable is not a URL', async () => {
    const { code, stderr, stdout } = await runCli(['serve'], { GITHUB_TOKEN: 'ghp_x', COPILOT_ORGS: 'o', HTTPS_PROXY: 'socks5://proxy:1080' });
    expect(code).toBe(2);
    expect(stderr + stdout).toContain('HTTPS_PROXY must be an http:// or https:// proxy URL (got socks5://…).');
  });
});
