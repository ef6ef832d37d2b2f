/**
 * Runs an npm script of the project (`npm start`, `npm run demo`, `npm run fake-github`) as people do, in a process
 * group of its own, so that a test can signal npm the way a supervisor or a terminal does and then see
 * whether anything of it (npm, the shell it runs, node) is left running or holding a port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { onTestFinished } from 'vitest';
import { PROJECT_ROOT, waitFor } from './exporter-process.js';

export interface NpmScript {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first output line (stdout or stderr) that matches. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Whether any process of the script's group is still alive. */
  running(): boolean;
}

export function runNpmScript(script: string, args: string[], env: Record<string, string> = {}): NpmScript {
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: PROJECT_ROOT, detached: true, env: { ...process.env, LOG_LEVEL: 'info', ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  for (const [stream, lines] of [[child.stdout, stdout], [child.stderr, stderr]] as const) {
    let buffered = '';
    stream.on('data', (chunk: Buffer) => {
      buffered += String(chunk);
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete);
    });
  }
  const group = child.pid as number;
  const running = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Whatever a failing test leaves behind is killed, by the group this script started.
  onTestFinished(() => {
    if (running()) process.kill(-group, 'SIGKILL');
  });
  return {
    child,
    stdout,
    stderr,
    running,
    async line(pattern, timeoutMs = 30_000) {
      try {
        return await waitFor(`${pattern}`, async () => [...stdout, ...stderr].map((text) => pattern.exec(text)).find((match) => match !== null) ?? undefined, timeoutMs);
      } catch {
        throw new Error(`npm run ${script} printed no line matching ${pattern}:\n${stdout.join('\n')}\n${stderr.join('\n')}`);
      }
    },
  };
}

/** Whether nothing listens on the loopback port: it can be listened on. */
export async function portIsFree(port: number): Promise<boolean> {
  const server = createServer().listen(port, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch {
    return false;
  }
  await new Promise((resolve) => server.close(resolve));
  return true;
}

/**
 * Waits until every process of the script has exited and the ports are free again. The limit only
 * guards against a hang: npm, its shell and node take seconds to go on a loaded machine.
 */
export async function expectGone(script: NpmScript, ports: number[], timeoutMs = 15_000): Promise<void> {
  await waitFor('the script’s processes to exit', async () => (script.running() ? undefined : true), timeoutMs);
  for (const port of ports) await waitFor(`port ${port} to be free`, async () => ((await portIsFree(port)) ? true : undefined), timeoutMs);
}
