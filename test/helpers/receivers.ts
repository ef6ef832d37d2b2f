/**
 * Real time-series databases on loopback for the history tests: Debian's Prometheus (a remote write
 * receiver with an out-of-order window, optionally scraping exporters, optionally on backfilled blocks)
 * and Debian's VictoriaMetrics, each in a fresh data directory, with the query API helpers the tests
 * read them back with.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { sampleKey } from './exposition.js';
import { waitFor } from './exporter-process.js';
import { freePort } from './tools.js';

/** Debian names the binary victoria-metrics; upstream's releases victoria-metrics-prod. */
export const VICTORIA_METRICS = ['victoria-metrics', 'victoria-metrics-prod'].find((command) => spawnSync(command, ['-version'], { stdio: 'ignore' }).status === 0) ?? 'victoria-metrics';

export interface Database {
  /** Base URL of the HTTP API. */
  api: string;
  /** Where remote write requests go. */
  writeUrl: string;
  /** An instant query: each series as a sampleKey (its name, when the result keeps it, and labels) → value. */
  query(expr: string, time?: number): Promise<Map<string, number>>;
  /** The raw samples of every series `selector` matches in the `window` (e.g. `40d`) before now: sampleKey → [ms, value] in time order. */
  raw(selector: string, window: string): Promise<Map<string, Array<[number, number]>>>;
  /** Makes what was just written visible to queries (VictoriaMetrics buffers it for a second or two). */
  flush(): Promise<void>;
  /** What the process wrote to stderr, for failure messages. */
  log(): string;
  stop(): void;
}

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

async function instantQuery(api: string, expr: string, time?: number): Promise<Map<string, number>> {
  const params = new URLSearchParams({ query: expr, ...(time === undefined ? {} : { time: String(time) }) });
  const body = (await (await fetch(`${api}/api/v1/query?${params}`)).json()) as { status: string; error?: string; data: { result: VectorResult[] } };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return new Map(
    body.data.result.map(({ metric, value }) => {
      const { __name__: name = '', ...labels } = metric;
      return [sampleKey(name, labels), Number(value[1])];
    }),
  );
}

/** A range selector at an instant answers the raw samples, names kept, in Prometheus and VictoriaMetrics alike. */
async function rawSamples(api: string, selector: string, window: string): Promise<Map<string, Array<[number, number]>>> {
  const params = new URLSearchParams({ query: `${selector}[${window}]` });
  const body = (await (await fetch(`${api}/api/v1/query?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
  };
  if (body.status !== 'success') throw new Error(`${selector}: ${body.error}`);
  return new Map(
    body.data.result.map(({ metric, values }) => {
      const { __name__: name = '', ...labels } = metric;
      return [sampleKey(name, labels), values.map(([seconds, value]): [number, number] => [Math.round(seconds * 1000), Number(value)])];
    }),
  );
}

function started(child: ChildProcess, api: string, writeUrl: string, flush: () => Promise<void>): Database {
  let log = '';
  child.stderr?.on('data', (chunk) => (log += String(chunk)));
  child.stdout?.on('data', (chunk) => (log += String(chunk)));
  return {
    api,
    writeUrl,
    query: (expr, time) => instantQuery(api, expr, time),
    raw: (selector, window) => rawSamples(api, selector, window),
    flush,
    log: () => log,
    stop: () => child.kill('SIGKILL'),
  };
}

export interface PrometheusOptions {
  /** Scrape jobs: name → targets (host:port). */
  scrape?: Record<string, string[]>;
  /** A data directory prepared beforehand (blocks from promtool); a fresh one otherwise. */
  dataDir?: string;
  /** storage.tsdb.out_of_order_time_window; the remote write tests write days weeks old. */
  outOfOrderWindow?: string;
}

/** Prometheus with its remote write receiver on, listening on a free loopback port, once it is ready. */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-prometheus-'));
  const config = {
    global: { scrape_interval: '1s' },
    ...(options.outOfOrderWindow ? { storage: { tsdb: { out_of_order_time_window: options.outOfOrderWindow } } } : {}),
    scrape_configs: Object.entries(options.scrape ?? {}).map(([job, targets]) => ({ job_name: job, static_configs: [{ targets }] })),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${options.dataDir ?? join(dir, 'data')}`,
      '--storage.tsdb.retention.time=400d',
      '--web.enable-remote-write-receiver',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const api = `http://127.0.0.1:${port}`;
  const database = started(child, api, `${api}/api/v1/write`, async () => {});
  await waitFor('Prometheus to be ready', async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined), 30_000).catch((error: Error) => {
    database.stop();
    throw new Error(`${error.message}\n${database.log()}`);
  });
  return database;
}

/**
 * VictoriaMetrics on a free loopback port. `-dedup.minScrapeInterval=1ms` keeps one sample per series and
 * timestamp, as the README asks for history written more than once; the retention covers the backfill.
 */
export async function startVictoriaMetrics(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-victoria-metrics-'));
  const port = await freePort();
  const child = spawn(
    VICTORIA_METRICS,
    [`-storageDataPath=${join(dir, 'data')}`, `-httpListenAddr=127.0.0.1:${port}`, '-retentionPeriod=2y', '-dedup.minScrapeInterval=1ms', '-loggerLevel=WARN'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const api = `http://127.0.0.1:${port}`;
  const database = started(child, api, `${api}/api/v1/write`, async () => {
    await fetch(`${api}/internal/force_flush`);
  });
  await waitFor('VictoriaMetrics to be ready', async () => ((await fetch(`${api}/health`)).ok ? true : undefined), 30_000).catch((error: Error) => {
    database.stop();
    throw new Error(`${error.message}\n${database.log()}`);
  });
  return database;
}
