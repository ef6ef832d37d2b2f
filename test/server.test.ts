import { once } from 'node:events';
import { type IncomingMessage, type Server, get, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDefinition, type MetricDefinition } from '../src/metrics/definitions.js';
import { renderSamples } from '../src/metrics/exposition.js';
import { SelfMetrics } from '../src/metrics/self-metrics.js';
import { SnapshotStore, buildSnapshot } from '../src/metrics/snapshot.js';
import { createApp } from '../src/server.js';
import { silentLogger } from './helpers/fakes.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
let server: Server;
let base: string;
let ready = false;
const store = new SnapshotStore();
const selfMetrics = new SelfMetrics({ version: '1.2.3', processMetrics: false });

beforeAll(async () => {
  store.swap(await buildSnapshot([renderSamples([{ family: users, labels: { org: 'web' }, value: 3 }])]));
  selfMetrics.registerTarget({ org: 'web' }, ['usage'], ['usage']);
  selfMetrics.onRequest('/orgs/{org}/x', '200');
  server = createApp({ store, selfMetrics, isReady: () => ready, logger: silentLogger }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('HTTP endpoints', () => {
  it('/metrics serves the Copilot snapshot and the self-metrics in the 0.0.4 text format', async () => {
    const response = await fetch(`${base}/metrics`, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith(`# HELP github_copilot_daily_active_users ${users.help}\n`)).toBe(true);
    expect(text).toContain('github_copilot_daily_active_users{org="web"} 3\n');
    expect(text).toContain('# TYPE github_copilot_exporter_github_requests_total counter\n');
    expect(text).toContain('github_copilot_exporter_github_requests_total{endpoint="/orgs/{org}/x",code="200"} 1\n');
    expect(text).toContain('github_copilot_exporter_build_info{version="1.2.3"} 1\n');
    expect(text).not.toContain('# EOF');
  });

  it('/metrics speaks OpenMetrics when Prometheus asks for it', async () => {
    const accept = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    const response = await fetch(`${base}/metrics`, { headers: { accept } });
    expect(response.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE github_copilot_exporter_github_requests counter\n');
    expect(text).toContain('github_copilot_exporter_github_requests_total{endpoint="/orgs/{org}/x",code="200"} 1\n');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text.match(/# EOF/g)).toHaveLength(1);
  });

  it('/metrics is gzipped when the scraper accepts it', async () => {
    // node:http, because fetch would unzip the body itself.
    const response = await new Promise<IncomingMessage>((resolve) => get(`${base}/metrics`, { headers: { 'accept-encoding': 'gzip' } }, resolve));
    expect(response.headers['content-encoding']).toBe('gzip');
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const plain = gunzipSync(Buffer.concat(chunks)).toString();
    expect(plain).toContain('github_copilot_daily_active_users{org="web"} 3\n');
  });

  it('/healthz answers while the process lives', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
  });

  it('/readyz is 503 until the first poll of every target has finished', async () => {
    ready = false;
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('/ links to /metrics; anything else is 404', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('<a href="/metrics">');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('accepts no request body and no other method than GET and HEAD', async () => {
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${base}/metrics`, { method: 'HEAD' })).status).toBe(200);
    const withBody = await new Promise<number>((resolve) => {
      const req = request(`${base}/metrics`, { method: 'GET', headers: { 'content-length': '5' } }, (res) => resolve(res.statusCode ?? 0));
      req.end('hello');
    });
    expect(withBody).toBe(413);
  });

  it('does not advertise the framework', async () => {
    expect((await fetch(`${base}/healthz`)).headers.get('x-powered-by')).toBeNull();
  });
});
