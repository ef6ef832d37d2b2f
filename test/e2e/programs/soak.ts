/**
 * The memory soak: 1,000 polls of three targets against the fake GitHub API (a new day every 25 polls,
 * so that reports are downloaded, mapped and rendered again), in this one process, with the heap measured
 * after a full garbage collection every 100 polls. Run with `node --expose-gc --import tsx`; prints JSON.
 */
import { createLogger } from '../../../src/log.js';
import { startFakeGitHub } from '../../fake-github/server.js';
import { collectorDeps, configFrom, pollerFor } from '../../helpers/collectors.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const fake = await startFakeGitHub({ record: false, historyDays: 3 });
const logger = createLogger({ level: 'silent' });
const config = configFrom({ COPILOT_ENTERPRISES: 'acme', COPILOT_ORGS: 'acme-web,acme-data', COPILOT_TEAM_METRICS: 'false', COPILOT_SEAT_METRICS: 'false', POLL_CONCURRENCY: '3' });
const { poller, store } = pollerFor(collectorDeps({ apiUrl: fake.apiUrl, token: fake.token, config, logger }));

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
