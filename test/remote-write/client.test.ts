/**
 * The remote write client against a stub receiver on loopback: the headers remote write 1.0 fixes, the
 * credential (a token file read again for every request), retries of 5xx, 429 (Retry-After) and
 * requests without an answer, a refusal that stops at once with the receiver's answer shortened, and TLS
 * with a CA of one's own. That the bodies are what real receivers read is proven against Prometheus and
 * VictoriaMetrics in test/backfill/remote-write.test.ts.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DIRECT } from '../../src/github/http-agents.js';
import { type FailedAttempt, RemoteWriteClient, RemoteWriteError } from '../../src/remote-write/client.js';
import { remoteWriteSettings, REMOTE_WRITE_ENV, type RemoteWriteInput } from '../../src/remote-write/settings.js';
import type { TimeSeries } from '../../src/remote-write/write-request.js';
import { freePort } from '../helpers/tools.js';

type Answer = { status: number; body?: string; headers?: Record<string, string> };

interface Stub {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; bytes: number }>;
}

/** Answers each request with the next scripted answer (the last one once the script runs out). */
async function stub(answers: Answer[], tls?: { key: string; cert: string }): Promise<Stub> {
  const received: Stub['received'] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, bytes: Buffer.concat(chunks).length });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)] as Answer;
      response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  };
  const server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`, received };
}

const SERIES: TimeSeries[] = [{ labels: [{ name: '__name__', value: 'github_copilot_daily_active_users' }, { name: 'org', value: 'acme' }], samples: [{ value: 7, timestamp: Date.UTC(2026, 10, 20) }] }];

function client(input: Partial<RemoteWriteInput> & { url: string }, failures: FailedAttempt[] = []): RemoteWriteClient {
  const settings = remoteWriteSettings({ headers: [], labels: {}, ...input }, REMOTE_WRITE_ENV, (path) => readFileSync(path, 'utf8'));
  return new RemoteWriteClient({ settings, http: DIRECT, retry: { attempts: 3, baseMs: 10, capMs: 50 }, onFailure: (failure) => failures.push(failure) });
}

describe('remote write client', () => {
  it('sends the headers remote write 1.0 fixes, the user’s headers and a bearer token read from its file for every request', async () => {
    const receiver = await stub([{ status: 204 }]);
    const dir = mkdtempSync(join(tmpdir(), 'copilot-rw-'));
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'first-token-0123456789\n');
    const writer = client({ url: receiver.url, bearerTokenFile: tokenFile, headers: ['X-Scope-OrgID=tenant-a'] });
    await writer.write(SERIES);
    writeFileSync(tokenFile, 'rotated-token-0123456789\n');
    await writer.write(SERIES);
    const [first, second] = receiver.received;
    expect(first?.headers).toMatchObject({
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
      'x-scope-orgid': 'tenant-a',
      authorization: 'Bearer first-token-0123456789',
    });
    expect(first?.headers['user-agent']).toMatch(/^github-copilot-exporter\//);
    expect(first?.bytes).toBeGreaterThan(0);
    expect(second?.headers.authorization).toBe('Bearer rotated-token-0123456789');
  });

  it('sends basic auth', async () => {
    const receiver = await stub([{ status: 200 }]);
    await client({ url: receiver.url, username: 'copilot', password: 'a-password-of-some-length' }).write(SERIES);
    expect(receiver.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('copilot:a-password-of-some-length').toString('base64')}`);
  });

  it('retries a 503 and a 429 (after its Retry-After), then succeeds', async () => {
    const receiver = await stub([{ status: 503, body: 'overloaded' }, { status: 429, headers: { 'retry-after': '0' } }, { status: 204 }]);
    const failures: FailedAttempt[] = [];
    await client({ url: receiver.url }, failures).write(SERIES);
    expect(receiver.received).toHaveLength(3);
    expect(failures.map(({ reason, attempt, retryInMs }) => ({ reason, attempt, retrying: retryInMs !== undefined }))).toEqual([
      { reason: 'server_error', attempt: 1, retrying: true },
      { reason: 'rate_limited', attempt: 2, retrying: true },
    ]);
    expect(failures[1]?.retryInMs).toBe(0);
  });

  it('gives up after its attempts, saying how many', async () => {
    const receiver = await stub([{ status: 500, body: 'internal error' }]);
    const error = await client({ url: receiver.url }).write(SERIES).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteWriteError);
    expect((error as RemoteWriteError).reason).toBe('server_error');
    expect((error as Error).message).toBe(`The remote-write receiver ${receiver.url} failed with 500: "internal error". Check the receiver; writing the same days again later is harmless. (3 attempts)`);
    expect(receiver.received).toHaveLength(3);
  });

  it('stops at once on a 400, quoting the receiver’s answer, shortened', async () => {
    const receiver = await stub([{ status: 400, body: `label name "x" is invalid\n${'because '.repeat(100)}` }]);
    const error = (await client({ url: receiver.url }).write(SERIES).catch((caught: unknown) => caught)) as RemoteWriteError;
    expect(receiver.received).toHaveLength(1);
    expect(error.reason).toBe('rejected');
    const answer = /refused the samples with 400: "(.*)"\. These samples were not written/.exec(error.message)?.[1];
    expect(error.message.startsWith(`The remote-write receiver ${receiver.url} refused`)).toBe(true);
    expect(answer?.startsWith('label name "x" is invalid because because')).toBe(true);
    expect(answer).toHaveLength(301);
    expect(answer?.endsWith('…')).toBe(true);
  });

  it('says what to set when the receiver refuses samples that old', async () => {
    const receiver = await stub([{ status: 400, body: 'out of bounds' }]);
    const error = (await client({ url: receiver.url }).write(SERIES).catch((caught: unknown) => caught)) as RemoteWriteError;
    expect(error.message).toContain('refused the samples with 400: "out of bounds". The receiver takes no samples this old: give it an out-of-order window');
    expect(error.message).toContain('storage.tsdb.out_of_order_time_window');
  });

  it('retries when nothing answers', async () => {
    const failures: FailedAttempt[] = [];
    const url = `http://127.0.0.1:${await freePort()}/api/v1/write`;
    const error = (await client({ url }, failures).write(SERIES).catch((caught: unknown) => caught)) as RemoteWriteError;
    expect(error.reason).toBe('network');
    expect(error.message).toContain('No answer from the remote-write receiver');
    expect(error.message).toContain('ECONNREFUSED');
    expect(failures).toHaveLength(3);
  });

  it('trusts a receiver’s private certificate given as a CA file, and says so when it is missing (without retrying)', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    const receiver = await stub([{ status: 204 }], { key: pems.private, cert: pems.cert });
    const caFile = join(mkdtempSync(join(tmpdir(), 'copilot-rw-')), 'ca.pem');
    writeFileSync(caFile, pems.cert);
    await client({ url: receiver.url, caFile }).write(SERIES);
    expect(receiver.received).toHaveLength(1);

    const error = (await client({ url: receiver.url }).write(SERIES).catch((caught: unknown) => caught)) as RemoteWriteError;
    expect(error.message).toMatch(/^The certificate of the remote-write receiver .* is not trusted \(\w+\)\. Give the CA that signed it with REMOTE_WRITE_CA_FILE/);
    expect(receiver.received).toHaveLength(1);
  });
});
