/**
 * OtlpPusher in process: the SDK's real exporters, configured from the OTEL_EXPORTER_OTLP_* variables
 * as in production, against an OTLP receiver on loopback. What the end-to-end tests of test/otlp/ check
 * through the exporter process is checked here piece by piece: the mapping of a snapshot, the queue
 * behind an export in flight, and shutdown within its grace period.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { DAY_TIMESTAMP, findDefinition, type MetricDefinition, SELF_METRICS } from '../src/metrics/definitions.js';
import type { Sample } from '../src/metrics/sample.js';
import { OtlpPusher } from '../src/otlp/otlp-push.js';
import { OTLP_VARIABLES, type OtlpProtocol, otlpSettingsFromEnv } from '../src/otlp/settings.js';
import { waitFor } from './helpers/exporter-process.js';
import { capturingLogger } from './helpers/fakes.js';
import { OtlpReceiver, type ReceivedExport } from './helpers/otlp-receiver.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const pollErrors = SELF_METRICS.pollErrors;

async function startReceiver(): Promise<OtlpReceiver> {
  const receiver = await new OtlpReceiver().start();
  onTestFinished(() => receiver.close());
  return receiver;
}

/** A pusher for the collector at `endpoint`, set up as main.ts does: from the environment, which the SDK reads too. */
function pusherFor(endpoint: string, env: Record<string, string> = {}, protocol: OtlpProtocol = 'http/json') {
  const variables = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, ...env };
  // Only these: an OTEL_* variable of the shell running the tests must not redirect or rename the push.
  for (const name of OTLP_VARIABLES) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  const settings = otlpSettingsFromEnv(variables);
  if (!settings) throw new Error('OTLP should be on');
  const { logger, lines } = capturingLogger();
  const pusher = new OtlpPusher({ settings, version: '1.2.3', logger });
  onTestFinished(() => pusher.shutdown(100));
  return { pusher, lines };
}

/** A snapshot of one series of daily active users with this value. */
const snapshot = (value: number): Sample[] => [{ family: users, labels: { enterprise: 'acme' }, value }];

const valuesOf = (received: ReceivedExport | undefined) => received?.points.map((point) => point.value);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('OtlpPusher', () => {
  it.each(['http/json', 'http/protobuf'] as const)('maps gauges and counters of a snapshot, with attributes, descriptions and units, over %s', async (protocol) => {
    const receiver = await startReceiver();
    const { pusher } = pusherFor(receiver.url, {}, protocol);
    await pusher.push([
      { family: users, labels: { enterprise: 'acme' }, value: 42 },
      { family: users, labels: { org: 'acme-web' }, value: 7 },
      { family: DAY_TIMESTAMP, labels: { org: 'acme-web' }, value: 1_795_046_400 },
      { family: pollErrors, labels: { org: 'acme-web', collector: 'usage', reason: 'rate_limited' }, value: 3 },
    ]);
    expect(receiver.exports).toHaveLength(1);
    const [received] = receiver.exports as [ReceivedExport];
    expect(received.contentType).toContain(protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');
    const byKey = (point: { name: string; attributes: Record<string, string> }) => `${point.name}${JSON.stringify(point.attributes)}`;
    expect([...received.points].sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1))).toEqual([
      { name: 'github_copilot_daily_active_users', description: users.help, unit: '{user}', kind: 'gauge', attributes: { enterprise: 'acme' }, value: 42 },
      { name: 'github_copilot_daily_active_users', description: users.help, unit: '{user}', kind: 'gauge', attributes: { org: 'acme-web' }, value: 7 },
      // The exporter's counters stay counters: cumulative monotonic sums.
      { name: 'github_copilot_exporter_poll_errors_total', description: pollErrors.help, unit: '1', kind: 'counter', attributes: { org: 'acme-web', collector: 'usage', reason: 'rate_limited' }, value: 3 },
      { name: 'github_copilot_metrics_day_timestamp_seconds', description: DAY_TIMESTAMP.help, unit: 's', kind: 'gauge', attributes: { org: 'acme-web' }, value: 1_795_046_400 },
    ]);
  });

  it('sends the latest snapshot as it is: a series gone from it is not sent again, an unchanged one is, a counter stays cumulative', async () => {
    const receiver = await startReceiver();
    const { pusher } = pusherFor(receiver.url);
    const errors = (value: number): Sample => ({ family: pollErrors, labels: { org: 'acme-web', collector: 'usage', reason: 'timeout' }, value });
    await pusher.push([...snapshot(1), { family: users, labels: { org: 'acme-web' }, value: 2 }, errors(3)]);
    await pusher.push([...snapshot(1), errors(5)]);
    expect(receiver.exports[1]?.points.map((point) => [point.name, point.attributes, point.value])).toEqual([
      ['github_copilot_daily_active_users', { enterprise: 'acme' }, 1],
      ['github_copilot_exporter_poll_errors_total', { org: 'acme-web', collector: 'usage', reason: 'timeout' }, 5],
    ]);
  });

  it('names the service github-copilot-exporter at its version by default', async () => {
    const receiver = await startReceiver();
    const { pusher } = pusherFor(receiver.url);
    await pusher.push(snapshot(1));
    expect(receiver.exports[0]?.resource).toMatchObject({ 'service.name': 'github-copilot-exporter', 'service.version': '1.2.3' });
  });

  it('takes the service name and resource attributes from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES', async () => {
    const receiver = await startReceiver();
    const { pusher } = pusherFor(receiver.url, { OTEL_SERVICE_NAME: 'copilot-prod', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.version=9.9.9' });
    await pusher.push(snapshot(1));
    expect(receiver.exports[0]?.resource).toMatchObject({ 'service.name': 'copilot-prod', 'deployment.environment': 'prod', 'service.version': '9.9.9' });
  });

  it('queues a push made while one is in flight after it, retries included; a newer waiting snapshot replaces an older one', async () => {
    const receiver = await startReceiver();
    receiver.script = [500];
    const { pusher, lines } = pusherFor(receiver.url);
    // 1 is in flight (it fails once and is retried after a backoff); 2 waits, then 3 replaces it.
    const pushes = [pusher.push(snapshot(1)), pusher.push(snapshot(2)), pusher.push(snapshot(3))];
    await Promise.all(pushes);
    expect(receiver.statuses).toEqual([500, 200, 200]);
    // Had 3 been sent beside 1, it would have arrived during 1's backoff, before 1's retry.
    expect(receiver.exports.map(valuesOf)).toEqual([[1], [3]]);
    expect(lines.filter((line) => line.includes('OTLP push failed; retrying'))).toHaveLength(1);
  });

  it('stops retrying at shutdown: a push waiting to retry makes its last attempt at once, and shutdown does not wait for the backoff', async () => {
    const receiver = await startReceiver();
    receiver.script = Array.from({ length: 10 }, () => 500);
    const { pusher, lines } = pusherFor(receiver.url);
    // The longest backoff before the second attempt: 1 s.
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const pushed = pusher.push(snapshot(1));
    await waitFor('the first attempt to fail', async () => (receiver.statuses.length === 1 ? true : undefined));
    const started = Date.now();
    await pusher.shutdown(5000);
    // Without the wake-up, shutdown would wait out the rest of the backoff first.
    expect(Date.now() - started).toBeLessThan(500);
    await pushed;
    expect(receiver.statuses).toEqual([500, 500]);
    expect(lines.filter((line) => line.includes('OTLP push failed while stopping; not retried'))).toHaveLength(1);
  });

  it('drops a push after shutdown (the end of a poll that was in flight) instead of failing', async () => {
    const receiver = await startReceiver();
    const { pusher } = pusherFor(receiver.url);
    await pusher.shutdown(1000);
    await expect(pusher.push(snapshot(1))).resolves.toBeUndefined();
    expect(receiver.statuses).toEqual([]);
  });

  it('shuts down within its grace period when the collector does not answer', async () => {
    // A collector that takes the request and never answers.
    const silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    onTestFinished(() => {
      silent.closeAllConnections();
      silent.close();
    });
    let requests = 0;
    silent.on('request', () => (requests += 1));
    // The SDK would give up on its own after OTEL_EXPORTER_OTLP_TIMEOUT, later than the grace period.
    const { pusher, lines } = pusherFor(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { OTEL_EXPORTER_OTLP_TIMEOUT: '2000' });
    void pusher.push(snapshot(1));
    await waitFor('the export to be in flight', async () => (requests === 1 ? true : undefined));
    const started = Date.now();
    await pusher.shutdown(300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(1000);
    // The snapshot dropped is said, once.
    const said = lines.map((line) => JSON.parse(line) as { level: string; msg: string; graceMs?: number }).filter(({ msg }) => msg.startsWith('OTLP push still in flight'));
    expect(said).toEqual([expect.objectContaining({ level: 'warn', graceMs: 300, msg: 'OTLP push still in flight at shutdown; abandoned, this snapshot is not sent (the next start pushes again)' })]);
  });
});
