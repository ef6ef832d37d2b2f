/**
 * Runs the real exporter as a child process (`node --import tsx src/cli.ts serve`), as users run it,
 * and finds its URL from the "listening" log line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ExporterProcess {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** `imports` are test programs preloaded into the exporter process (paths from the project root). */
export function cliCommand(args: string[], imports: string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', ...imports.flatMap((path) => ['--import', `./${path}`]), 'src/cli.ts', ...args]];
}

/** Runs the CLI to completion (for commands that exit), with only the given environment. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [command, argv] = cliCommand(args);
  const child = spawn(command, argv, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export async function startExporterProcess(env: Record<string, string>, imports: string[] = []): Promise<ExporterProcess> {
  const [command, argv] = cliCommand(['serve'], imports);
  const child = spawn(command, argv, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffered = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`exporter did not start:\n${stdout.join('\n')}\n${stderr.join('')}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const match = /"url":"(https?:\/\/[^"]+)".*github-copilot-exporter listening/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exporter exited with ${code}:\n${stdout.join('\n')}\n${stderr.join('')}`));
    });
  });
  return {
    url,
    child,
    stdout,
    stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
      const started = Date.now();
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return { code, ms: Date.now() - started };
    },
  };
}

/** Polls `check` every 100 ms until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until the exporter has logged a line containing `text` (or matching it) and returns that line.
 * The exporter writes its log asynchronously (pino, sync: false) and often just after it records what
 * the line describes: a scrape can show a failure before its line reaches the test, so a test that
 * checks for a line waits for it.
 */
export function waitForLog(exporter: Pick<ExporterProcess, 'stdout'>, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const matches = (line: string) => (typeof text === 'string' ? line.includes(text) : text.test(line));
  return waitFor(`the log line ${text}`, async () => exporter.stdout.find(matches), timeoutMs);
}
