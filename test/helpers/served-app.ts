/** The /metrics app (src/server.ts) on a loopback port, and reads of its body in every form it serves. */
import { once } from 'node:events';
import { type IncomingHttpHeaders, type Server, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { SelfMetrics } from '../../src/metrics/self-metrics.js';
import type { SnapshotStore } from '../../src/metrics/snapshot.js';
import { createApp } from '../../src/server.js';
import { silentLogger } from './fakes.js';

export interface ServedApp {
  base: string;
  close(): Promise<void>;
}

export async function serveApp(store: SnapshotStore, selfMetrics: SelfMetrics): Promise<ServedApp> {
  const server: Server = createApp({ store, selfMetrics, isReady: () => true, logger: silentLogger }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** GET /metrics with these request headers: the status, headers and body bytes as sent (node:http, which decodes nothing). */
export function getMetrics(app: ServedApp, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${app.base}/metrics`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

export const OPENMETRICS_ACCEPT = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** The body as the 0.0.4 text, as OpenMetrics, and the gzipped 0.0.4 text decoded by zlib's gunzip. */
export async function scrapeEveryWay(app: ServedApp): Promise<{ text: string; openMetrics: string; gunzipped: string }> {
  const text = await getMetrics(app, { 'accept-encoding': 'identity' });
  const openMetrics = await getMetrics(app, { accept: OPENMETRICS_ACCEPT, 'accept-encoding': 'identity' });
  const gzipped = await getMetrics(app, { 'accept-encoding': 'gzip' });
  if (gzipped.headers['content-encoding'] !== 'gzip') throw new Error(`the gzip scrape came back ${String(gzipped.headers['content-encoding'] ?? 'uncompressed')}`);
  return { text: text.body.toString('utf8'), openMetrics: openMetrics.body.toString('utf8'), gunzipped: gunzipSync(gzipped.body).toString('utf8') };
}
