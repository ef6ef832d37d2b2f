/**
 * The naive baseline of the benchmark: the same poll (the project's own collectors, those the configuration
 * turns on, against the same fake GitHub API), but the samples are set on prom-client gauges and every
 * scrape renders them with `registry.metrics()` (and gzips them when asked), as a typical prom-client
 * exporter does.
 *
 * Run by bench/run.ts as a child process, with the same environment as the exporter.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import pLimit from 'p-limit';
import { Gauge, Registry } from 'prom-client';
import { loadConfig } from '../src/config/load-config.js';
import { targetPollContext } from '../src/collectors/reports-api.js';
import { collectorsOf } from '../src/collectors/index.js';
import { systemClock } from '../src/clock.js';
import { GitHubClient } from '../src/github/client.js';
import { createCredentials } from '../src/github/create-credentials.js';
import { ReportDownloader } from '../src/github/download.js';
import { createLogger } from '../src/log.js';
import type { Sample } from '../src/metrics/sample.js';
import { buildTargets } from '../src/targets.js';

const config = loadConfig();
const logger = createLogger({ level: 'warn' });
const http = { timeoutMs: config.github.requestTimeoutMs, logger };
const client = new GitHubClient({ ...http, apiUrl: config.github.apiUrl, credentials: await createCredentials(config.github) });
const downloader = new ReportDownloader({ ...http, maxBytes: config.reportMaxBytes, maxLineBytes: config.reportMaxLineBytes });
const deps = { client, downloader, config, logger, clock: systemClock };
const registry = new Registry();

const started = Date.now();
const limit = pLimit(config.pollConcurrency);
let samples: Sample[] = (
  await Promise.all(
    buildTargets(config).map((target) =>
      limit(async () => {
        const context = targetPollContext(deps, target);
        // A collector GitHub refuses serves nothing, as in the exporter.
        const results = await Promise.all(collectorsOf(config, target).map((collector) => collector.collect(deps, target, undefined, context).catch(() => 'unchanged' as const)));
        return results.flatMap((result) => (result === 'unchanged' ? [] : result.samples));
      }),
    ),
  )
).flat();

// prom-client needs every label name of a family up front.
const labelNames = new Map<string, Set<string>>();
for (const sample of samples) {
  const names = labelNames.get(sample.family.name) ?? new Set<string>();
  for (const name of Object.keys(sample.labels)) names.add(name);
  labelNames.set(sample.family.name, names);
}
const gauges = new Map<string, Gauge<string>>();
for (const sample of samples) {
  let gauge = gauges.get(sample.family.name);
  if (!gauge) {
    gauge = new Gauge({ name: sample.family.name, help: sample.family.help, labelNames: [...(labelNames.get(sample.family.name) ?? [])], registers: [registry] });
    gauges.set(sample.family.name, gauge);
  }
  gauge.set(sample.labels, sample.value);
}
const series = samples.length;
samples = [];

const server = createServer(async (req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  const text = await registry.metrics();
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.writeHead(200, { 'content-type': registry.contentType, 'content-encoding': 'gzip' }).end(gzipSync(text));
  } else {
    res.writeHead(200, { 'content-type': registry.contentType }).end(text);
  }
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'baseline ready', url: `http://127.0.0.1:${port}`, pollMs: Date.now() - started, series }));
});
