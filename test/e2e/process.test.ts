/**
 * The process itself: SIGTERM lets in-flight scrapes finish and exits quickly, memory stays flat over
 * 1,000 polls, and an unhandled rejection is treated as the bug it is.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { PROJECT_ROOT, waitFor } from '../helpers/exporter-process.js';

describe('the exporter process', () => {
  it('finishes an in-flight scrape on SIGTERM, then exits 0 within 10 seconds', async () => {
    const entities: EntityProfile[] = Array.from({ length: 6 }, (_, i) => ({ kind: 'org', slug: `big-${i}`, id: 70 + i, seats: 150, scale: 15 }));
    const fake = await fakeGitHubForTest({ entities, historyDays: 1 });
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: entities.map((e) => e.slug).join(','), COPILOT_SEAT_METRICS: 'false', COPILOT_TEAM_METRICS: 'false' });
    const url = new URL(exporter.url);
    await waitFor('readiness', async () => ((await fetch(`${exporter.url}/readyz`)).status === 200 ? true : undefined), 30_000);

    // A scrape whose client reads its first bytes, proof that the exporter is answering it, then nothing
    // more for now: the rest of the response waits in the socket buffers.
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    const chunks: Buffer[] = [];
    const answering = new Promise((resolve) =>
      socket.once('data', () => {
        socket.pause();
        resolve(undefined);
      }),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(`GET /metrics HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    await answering;
    const stopping = exporter.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.resume();
    await new Promise((resolve) => socket.once('end', resolve));
    const { code, ms } = await stopping;

    const response = Buffer.concat(chunks);
    const headerEnd = response.indexOf('\r\n\r\n');
    const head = response.subarray(0, headerEnd).toString();
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
    expect(head).toMatch(/^HTTP\/1.1 200/);
    expect(length).toBeGreaterThan(5_000_000);
    expect(response.length - headerEnd - 4).toBe(length);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  }, 60_000);

  it('keeps memory flat over 1,000 polls', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/e2e/programs/soak.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const { heapMb, series } = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { heapMb: number[]; series: number };
    console.log(`soak: heap after each 100 polls (MB): ${heapMb.map((mb) => mb.toFixed(1)).join(', ')}; ${series} series`);
    expect(heapMb).toHaveLength(10);
    expect(series).toBeGreaterThan(1000);
    // After warming up (the first 200 polls), no trend: a least-squares slope under 0.25 MB per 100 polls,
    // and the last reading within 3 MB of the lowest.
    const settled = heapMb.slice(2);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const xs = settled.map((_, i) => i);
    const [mx, my] = [mean(xs), mean(settled)];
    const slope = xs.reduce((sum, x, i) => sum + (x - mx) * ((settled[i] as number) - my), 0) / xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
    expect(slope).toBeLessThan(0.25);
    expect((settled.at(-1) as number) - Math.min(...settled)).toBeLessThan(3);
  }, 250_000);

  it('logs an unhandled rejection as a bug and exits 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/e2e/programs/unhandled.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('unhandled promise rejection: this is a bug in the exporter; exiting');
    expect(run.stdout).toContain('nobody awaited me');
    expect(run.stdout).not.toContain('still running');
  });
});
