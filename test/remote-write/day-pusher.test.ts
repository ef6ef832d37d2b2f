/**
 * The continuous push's queue, against a stub receiver: requests wait behind one that is being retried,
 * in the order the days arrived; a receiver too far behind loses the oldest waiting day (logged with what
 * to do), never the one in flight. Which days are pushed, and when, is settled-history.test.ts; that real
 * receivers keep what is pushed is proven in test/e2e/remote-write-push.test.ts.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DIRECT } from '../../src/github/http-agents.js';
import { type MetricDefinition, findDefinition } from '../../src/metrics/definitions.js';
import { SelfMetrics } from '../../src/metrics/self-metrics.js';
import { DayPusher } from '../../src/remote-write/day-pusher.js';
import { REMOTE_WRITE_ENV, remoteWriteSettings } from '../../src/remote-write/settings.js';
import { capturingLogger } from '../helpers/fakes.js';
import { waitFor } from '../helpers/exporter-process.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const samples = (count: number) => Array.from({ length: count }, (_, index) => ({ family: users, labels: { org: 'web', team: `t${index}` }, value: index }));

/** A receiver that answers 503 while `down`, and records the size of each request it takes. */
async function receiver() {
  const state = { down: true, taken: [] as number[], refused: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.down) {
        state.refused += 1;
        response.writeHead(503).end('down');
      } else {
        state.taken.push(Buffer.concat(chunks).length);
        response.writeHead(204).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`, state };
}

describe('DayPusher', () => {
  it('pushes in order, dropping the oldest waiting day when the receiver is too far behind', async () => {
    const stub = await receiver();
    const { logger, lines } = capturingLogger();
    const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
    const pusher = new DayPusher({
      settings: remoteWriteSettings({ url: stub.url, headers: [], labels: {} }, REMOTE_WRITE_ENV, () => ''),
      http: DIRECT,
      logger,
      selfMetrics,
      retry: { attempts: Infinity, baseMs: 5, capMs: 20 },
      maxWaitingSamples: 25,
    });
    onTestFinished(() => pusher.shutdown(100));

    pusher.push('org:web usage 2026-11-18', '2026-11-18', samples(10));
    await waitFor('the first day to be retried', async () => (stub.state.refused >= 2 ? true : undefined));
    pusher.push('org:web people 2026-11-19', '2026-11-19', samples(10));
    pusher.push('org:web usage 2026-11-20', '2026-11-20', samples(10));
    expect(lines.join('\n')).toContain('the remote write receiver is too far behind: org:web people 2026-11-19 was dropped; once it takes samples again, run backfill --remote-write for that day');

    stub.state.down = false;
    // The pusher counts a push once the receiver's answer is back, after the receiver has recorded it: wait for the count itself.
    const pushed = async () => {
      const text = await selfMetrics.render('text');
      return text.includes('github_copilot_exporter_remote_write_samples_total 20\n') ? text : undefined;
    };
    const metrics = await waitFor('both days kept to be pushed and counted', pushed);
    expect(stub.state.taken).toHaveLength(2);
    expect(metrics).toMatch(/github_copilot_exporter_remote_write_failures_total\{reason="server_error"\} [2-9]\d*\n/);
    expect(metrics).toContain('github_copilot_exporter_remote_write_failures_total{reason="rejected"} 0\n');
    // The first failure of an outage is a warning, the retries after it are not.
    expect(lines.filter((line) => line.includes('"level":"warn"') && line.includes('remote write failed'))).toHaveLength(1);
  });
});
