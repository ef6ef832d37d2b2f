/**
 * The memory soak: 1,000 polls of three targets against the fake GitHub API (a new day every 25 polls,
 * so that reports are downloaded, mapped and rendered again), in this one process, with the heap measured
 * after a full garbage collection every 100 polls. Run with `node --expose-gc --import tsx`; prints JSON.
 */
import { GitHubClient } from '../../../src/github/client.js';
import { ReportDownloader } from '../../../src/github/download.js';
import { createLogger } from '../../../src/log.js';
import { SelfMetrics } from '../../../src/metrics/self-metrics.js';
import { SnapshotStore } from '../../../src/metrics/snapshot.js';
import { Poller } from '../../../src/poller.js';
import { UsageMetricsSource } from '../../../src/sources/usage-metrics.js';
import { startFakeGitHub } from '../../fake-github/server.js';
import { staticCredentials } from '../../helpers/fakes.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const fake = await startFakeGitHub({ record: false, historyDays: 3 });
const logger = createLogger({ level: 'silent' });
const http = { timeoutMs: 5000, logger };
const client = new GitHubClient({ ...http, apiUrl: fake.apiUrl, credentials: staticCredentials(fake.token) });
const source = new UsageMetricsSource(client, new ReportDownloader({ ...http, maxBytes: 10_000_000 }), logger);
const store = new SnapshotStore();
const poller = new Poller({
  targets: [
    { kind: 'enterprise', slug: 'acme' },
    { kind: 'org', slug: 'acme-web' },
    { kind: 'org', slug: 'acme-data' },
  ],
  sources: [source],
  store,
  selfMetrics: new SelfMetrics({ version: 'soak', processMetrics: false }),
  logger,
  intervalMs: 3_600_000,
  concurrency: 3,
});

const heapMb: number[] = [];
for (let poll = 1; poll <= 1000; poll += 1) {
  if (poll % 25 === 0) fake.advanceDay();
  await poller.pollOnce();
  if (poll % 100 === 0) {
    gc();
    heapMb.push(process.memoryUsage().heapUsed / 1_048_576);
  }
}
await fake.close();
console.log(JSON.stringify({ heapMb, series: store.current().series }));
