import CRC32 from 'crc-32';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipMember } from '../../src/metrics/gzip-join.js';
import { SelfMetrics } from '../../src/metrics/self-metrics.js';
import { SnapshotStore } from '../../src/metrics/snapshot.js';
import { parseExposition, sampleKey, toMap } from '../helpers/exposition.js';
import { OPENMETRICS_ACCEPT, type ServedApp, getMetrics, serveApp } from '../helpers/served-app.js';

describe('the recorded self-metrics', () => {
  it('are rendered once per change and format, and again after every change', async () => {
    const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: false });
    selfMetrics.registerTarget({ org: 'web' }, ['usage'], ['usage']);
    const first = await selfMetrics.recorded('text');
    expect(await selfMetrics.recorded('text')).toBe(first);
    expect(await selfMetrics.recorded('openmetrics')).not.toBe(first);
    selfMetrics.recordPollDuration({ org: 'web' }, 1.5);
    const second = await selfMetrics.recorded('text');
    expect(second).not.toBe(first);
    expect(second.bytes.toString()).toContain('github_copilot_exporter_poll_duration_seconds{org="web"} 1.5\n');
    selfMetrics.recordRevision({ org: 'web' }, 'usage');
    selfMetrics.recordError({ org: 'web' }, 'usage', 'server_error');
    const third = (await selfMetrics.recorded('text')).bytes.toString();
    expect(third).toContain('github_copilot_exporter_report_revisions_total{org="web",collector="usage"} 1\n');
    expect(third).toContain('github_copilot_exporter_poll_errors_total{org="web",collector="usage",reason="server_error"} 1\n');
    const member = gzipMember([second.deflated], Buffer.alloc(0), CRC32.buf(second.bytes), second.bytes.length);
    expect(gunzipSync(Buffer.concat(member)).toString()).toBe(second.bytes.toString());
  });
});

describe('/metrics at every scrape', () => {
  const store = new SnapshotStore();
  const selfMetrics = new SelfMetrics({ version: 'test', processMetrics: true });
  let app: ServedApp;
  beforeAll(async () => {
    selfMetrics.registerTarget({ org: 'web' }, ['usage'], ['usage']);
    app = await serveApp(store, selfMetrics);
  });
  afterAll(() => app.close());

  const ways: Array<[string, Record<string, string>]> = [
    ['text', { 'accept-encoding': 'identity' }],
    ['OpenMetrics', { accept: OPENMETRICS_ACCEPT, 'accept-encoding': 'identity' }],
    ['gzip', { 'accept-encoding': 'gzip' }],
  ];
  async function values(headers: Record<string, string>): Promise<Map<string, number>> {
    const { body, headers: answered } = await getMetrics(app, headers);
    return toMap(parseExposition((answered['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8')));
  }

  it.each(ways)('%s: counts and durations recorded since the last scrape are served', async (_way, headers) => {
    const requests = sampleKey('github_copilot_exporter_github_requests_total', { endpoint: '/orgs/{org}/x', code: '200' });
    const duration = sampleKey('github_copilot_exporter_poll_duration_seconds', { org: 'web' });
    const before = (await values(headers)).get(requests) ?? 0;
    selfMetrics.onRequest('/orgs/{org}/x', '200');
    selfMetrics.recordPollDuration({ org: 'web' }, before + 0.25);
    const after = await values(headers);
    expect(after.get(requests)).toBe(before + 1);
    expect(after.get(duration)).toBe(before + 0.25);
  });

  it.each(ways)('%s: the process metrics are read at the scrape', async (_way, headers) => {
    const cpu = sampleKey('process_cpu_seconds_total', {});
    const before = (await values(headers)).get(cpu) as number;
    // Some CPU work between the scrapes; its amount does not matter, only that the counter moves.
    let digest = Buffer.alloc(32);
    for (let i = 0; i < 20_000; i += 1) digest = createHash('sha256').update(digest).digest();
    expect((await values(headers)).get(cpu)).toBeGreaterThan(before);
  });
});
