/**
 * A real HTTP proxy on loopback for the proxy tests: Debian's tinyproxy (installed by .ci/run), started
 * in the foreground with its own configuration and log, and stopped when the test ends (startProxy) or
 * when the file's tests have (startProxyForFile, in a beforeAll). Its log lists every request it
 * forwarded, which is how a test proves a request went through it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { waitFor } from './exporter-process.js';
import { freePort } from './tools.js';

export function hasTinyproxy(): boolean {
  return spawnSync('tinyproxy', ['-v'], { encoding: 'utf8' }).status === 0;
}

export interface RunningProxy {
  url: string;
  port: number;
  /** The request lines tinyproxy forwarded ("GET http://host:port/path HTTP/1.1"), in order. */
  requests(): string[];
}

/** Starts tinyproxy on a free loopback port for one test; `auth` makes it require these Basic credentials. */
export async function startProxy(auth?: { user: string; password: string }): Promise<RunningProxy> {
  const { proxy, stop } = await launchProxy(auth);
  onTestFinished(stop);
  return proxy;
}

/**
 * Starts tinyproxy once for the file's tests (call it in beforeAll): each test tells its own requests
 * apart by the origins of the servers it started, which listen on ports of their own.
 */
export async function startProxyForFile(auth?: { user: string; password: string }): Promise<RunningProxy> {
  const { proxy, stop } = await launchProxy(auth);
  afterAll(stop);
  return proxy;
}

async function launchProxy(auth?: { user: string; password: string }): Promise<{ proxy: RunningProxy; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'copilot-proxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  writeFileSync(
    join(dir, 'tinyproxy.conf'),
    [`Port ${port}`, 'Listen 127.0.0.1', 'Timeout 30', `LogFile "${log}"`, 'LogLevel Info', 'MaxClients 50', 'Allow 127.0.0.1', 'DisableViaHeader Yes', ...(auth ? [`BasicAuth ${auth.user} ${auth.password}`] : [])].join('\n') + '\n',
  );
  writeFileSync(log, '');
  const child: ChildProcess = spawn('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
  const stop = () => {
    child.kill('SIGKILL');
  };
  const requests = () =>
    readFileSync(log, 'utf8')
      .split('\n')
      .map((line) => /Request \(file descriptor \d+\): (.*)$/.exec(line)?.[1])
      .filter((line): line is string => line !== undefined);
  await waitFor('tinyproxy accepting connections', async () => (readFileSync(log, 'utf8').includes('Accepting connections') ? true : undefined), 10_000).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { proxy: { url: `http://127.0.0.1:${port}`, port, requests }, stop };
}
