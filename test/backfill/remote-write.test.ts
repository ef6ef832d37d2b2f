/**
 * `backfill --remote-write` into real databases: Debian's Prometheus (remote write receiver, with an
 * out-of-order window covering the backfilled month) and Debian's VictoriaMetrics, both on loopback.
 * Every day's samples are read back through the query API exactly as the OpenMetrics file of the same
 * run holds them (that file is checked against the fake's reports in backfill.test.ts), with the
 * --label labels; writing the same days again changes nothing. A stub in front of Prometheus answers
 * 503 once (the batch is retried) or 400 (the run stops, quoting the receiver), and sees the credential
 * and headers; the requests go through a real proxy when one is set.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished } from 'vitest';
import { addDays, today } from '../../src/days.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { parseHistory, sampleKey } from '../helpers/exposition.js';
import { runCli, waitFor } from '../helpers/exporter-process.js';
import { hasTinyproxy, startProxy } from '../helpers/proxy.js';
import { type Database, VICTORIA_METRICS, startPrometheus, startVictoriaMetrics } from '../helpers/receivers.js';
import { IN_CI, itWithTool } from '../helpers/tools.js';

const END = addDays(today(), -3);
const SINCE = addDays(END, -29);
const LABELS = ['--label', 'job=github-copilot,instance=copilot-exporter:9847'];
const COPILOT = '{__name__=~"github_copilot_.+"}';
const entities: EntityProfile[] = [
  { kind: 'enterprise', slug: 'ent', id: 7, seats: 120, teams: ['core'] },
  { kind: 'org', slug: 'web', id: 8, seats: 40, teams: ['core', 'docs'] },
];

const dir = mkdtempSync(join(tmpdir(), 'copilot-remote-write-'));
const output = join(dir, 'history.om');
const cache = join(dir, 'cache');
let fake: FakeGitHub;

const withPrometheus = itWithTool('prometheus');
const withVictoriaMetrics = itWithTool(VICTORIA_METRICS, ['-version']);
const withProxy = hasTinyproxy() || IN_CI ? withPrometheus : withPrometheus.skip;

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: 'ent', COPILOT_ORGS: 'web', ...extra };
}

function backfill(args: string[], extra: Record<string, string> = {}) {
  return runCli(['backfill', '--since', SINCE, '--until', END, '--cache', cache, ...LABELS, ...args], env(extra));
}

/** What the OpenMetrics file holds, series by series: sampleKey → [ms, value] in time order. */
function fileSeries(): Map<string, Array<[number, number]>> {
  const series = new Map<string, Array<[number, number]>>();
  for (const sample of parseHistory(readFileSync(output, 'utf8'))) {
    const key = sampleKey(sample.name, sample.labels);
    series.set(key, [...(series.get(key) ?? []), [sample.timestamp * 1000, sample.value]]);
  }
  return series;
}

/**
 * What the database returns once it holds the file's samples, or after 20 s what it holds then (for
 * checkExactly to show the difference): Prometheus compacts its head while samples weeks old arrive, and a
 * query in between has been seen to miss the oldest sample of a series.
 */
async function readBack(database: Database): Promise<Map<string, Array<[number, number]>>> {
  await database.flush();
  const read = () => database.raw(COPILOT, '40d');
  const holdsTheFile = (returned: Map<string, Array<[number, number]>>) => returned.size === expected.size && [...expected].every(([key, samples]) => JSON.stringify(returned.get(key)) === JSON.stringify(samples));
  return waitFor('the database to hold every sample of the file', async () => {
    const returned = await read();
    return holdsTheFile(returned) ? returned : undefined;
  }, 20_000).catch(read);
}

let expected: Map<string, Array<[number, number]>>;

beforeAll(async () => {
  fake = await startFakeGitHub({ entities, endDay: END });
  const run = await backfill(['--output', output]);
  if (run.code !== 0) throw new Error(`backfill failed: ${run.stderr}`);
  expected = fileSeries();
}, 120_000);
afterAll(() => fake.close());

describe('backfill --remote-write', () => {
  withPrometheus(
    'writes every day into a real Prometheus, read back exactly, and a second run changes nothing',
    async () => {
      const prometheus = await startPrometheus({ outOfOrderWindow: '60d' });
      onTestFinished(() => prometheus.stop());
      const first = await backfill(['--remote-write', prometheus.writeUrl]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).toMatch(new RegExp(`wrote \\d+ samples to ${prometheus.writeUrl} in \\d+ requests \\(6 collector-days fetched, 174 from`));
      const before = await readBack(prometheus);
      checkExactly(before);

      const second = await backfill(['--remote-write', prometheus.writeUrl]);
      expect(second.code, second.stderr).toBe(0);
      const after = await readBack(prometheus);
      checkExactly(after);
      expect(sampleCount(after)).toBe(sampleCount(before));
    },
    120_000,
  );

  withVictoriaMetrics(
    'writes every day into a real VictoriaMetrics, read back exactly, and a second run changes nothing',
    async () => {
      const victoria = await startVictoriaMetrics();
      onTestFinished(() => victoria.stop());
      const first = await backfill(['--remote-write', victoria.writeUrl]);
      expect(first.code, first.stderr).toBe(0);
      const before = await readBack(victoria);
      checkExactly(before);

      const second = await backfill(['--remote-write', victoria.writeUrl]);
      expect(second.code, second.stderr).toBe(0);
      const after = await readBack(victoria);
      checkExactly(after);
      expect(sampleCount(after)).toBe(sampleCount(before));
    },
    120_000,
  );

  withProxy(
    'retries a 503 and sends the credential and headers, through the proxy; writes exactly what it would have written directly',
    async () => {
      const prometheus = await startPrometheus({ outOfOrderWindow: '60d' });
      onTestFinished(() => prometheus.stop());
      const stub = await stubInFront(prometheus.writeUrl, [503]);
      const proxy = await startProxy();
      const tokenFile = join(dir, 'token');
      writeFileSync(tokenFile, 'a-remote-write-token-0123456789\n');
      const run = await backfill(['--remote-write', stub.url, '--remote-write-bearer-token-file', tokenFile, '--remote-write-header', 'X-Scope-OrgID=copilot'], { HTTP_PROXY: proxy.url });
      expect(run.code, run.stderr).toBe(0);
      // The first request was answered 503 and sent again: every request the run counts was taken once.
      const requests = Number(/ in (\d+) requests /.exec(run.stderr)?.[1]);
      expect(stub.received.map(({ status }) => status).filter((status) => status === 503)).toEqual([503]);
      expect(stub.received.filter(({ status }) => status === 204)).toHaveLength(requests);
      expect(stub.received.filter(({ bytes }) => bytes === stub.received[0]?.bytes).length).toBeGreaterThanOrEqual(2);
      // Every request carried the token and the header.
      for (const { headers } of stub.received) expect(headers).toMatchObject({ authorization: 'Bearer a-remote-write-token-0123456789', 'x-scope-orgid': 'copilot', 'content-encoding': 'snappy' });
      expect(run.stdout).toContain('remote write failed, retrying');
      expect(proxy.requests().filter((line) => line.startsWith(`POST ${stub.url}`))).toHaveLength(stub.received.length);
      checkExactly(await readBack(prometheus));
    },
    120_000,
  );

  withPrometheus(
    'stops at the first 400 with the receiver’s answer and what to do',
    async () => {
      const prometheus = await startPrometheus({ outOfOrderWindow: '60d' });
      onTestFinished(() => prometheus.stop());
      const stub = await stubInFront(prometheus.writeUrl, [400]);
      const run = await backfill(['--remote-write', stub.url]);
      expect(run.code).toBe(1);
      // Refused once; the requests already in flight beside it end, and no other starts.
      expect(stub.received.filter(({ status }) => status === 400)).toHaveLength(1);
      expect(stub.received.length).toBeLessThanOrEqual(4);
      expect(run.stderr).toContain(`backfill: The remote-write receiver ${stub.url} refused the samples with 400: "sample rejected by the stub: ${'x'.repeat(250)}`);
      expect(run.stderr).toContain('…". These samples were not written; fix what the receiver says, then write them again');
      expect(run.stderr).toContain(`The days fetched are kept in ${cache}; run the same command again to send them`);
    },
    60_000,
  );

  withPrometheus(
    'says what to set when the receiver keeps no samples that old',
    async () => {
      // Without an out-of-order window, Prometheus takes no sample older than the newest of its series.
      const prometheus = await startPrometheus();
      onTestFinished(() => prometheus.stop());
      const newest = await runCli(['backfill', '--since', END, '--until', END, '--cache', cache, ...LABELS, '--remote-write', prometheus.writeUrl], env());
      expect(newest.code, newest.stderr).toBe(0);
      const older = await backfill(['--remote-write', prometheus.writeUrl]);
      expect(older.code).toBe(1);
      expect(older.stderr).toMatch(/refused the samples with 400: "out of (order sample|bounds)"\. The receiver takes no samples this old: give it an out-of-order window that covers the days written \(Prometheus: storage\.tsdb\.out_of_order_time_window;/);
    },
    60_000,
  );
});

function sampleCount(series: Map<string, Array<[number, number]>>): number {
  return [...series.values()].reduce((sum, samples) => sum + samples.length, 0);
}

/** Each series of the database holds exactly the samples of the file: the same days, the same values. */
function checkExactly(returned: Map<string, Array<[number, number]>>): void {
  expect(returned.size).toBe(expected.size);
  for (const [key, samples] of expected) expect(returned.get(key), key).toEqual(samples);
  for (const key of returned.keys()) expect(key).toContain('"instance":"copilot-exporter:9847","job":"github-copilot"');
}

interface Stub {
  url: string;
  received: Array<{ status: number; bytes: number; headers: IncomingHttpHeaders }>;
}

/** A loopback stub in front of a receiver: answers the scripted statuses first (400 with a long body), then forwards to `target`. */
async function stubInFront(target: string, statuses: number[]): Promise<Stub> {
  const received: Stub['received'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const scripted = statuses[received.length];
      if (scripted !== undefined) {
        received.push({ status: scripted, bytes: body.length, headers: request.headers });
        response.writeHead(scripted).end(scripted === 400 ? `sample rejected by the stub: ${'x'.repeat(1000)}` : 'try again later');
        return;
      }
      const forwarded = await fetch(target, { method: 'POST', body, headers: { 'content-type': String(request.headers['content-type']), 'content-encoding': String(request.headers['content-encoding']), 'x-prometheus-remote-write-version': String(request.headers['x-prometheus-remote-write-version']) } });
      received.push({ status: forwarded.status, bytes: body.length, headers: request.headers });
      response.writeHead(forwarded.status).end(await forwarded.text());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`, received };
}
