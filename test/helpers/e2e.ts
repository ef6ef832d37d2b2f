/**
 * The fake GitHub API and the real exporter process, started for one test and stopped when that test
 * ends, pass or fail, so no file needs its own afterEach bookkeeping and a test that starts several
 * exporters leaves none behind.
 */
import { onTestFinished } from 'vitest';
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from '../fake-github/server.js';
import { type ExporterProcess, startExporterProcess } from './exporter-process.js';

export async function fakeGitHubForTest(options?: FakeGitHubOptions): Promise<FakeGitHub> {
  const fake = await startFakeGitHub(options);
  onTestFinished(() => fake.close());
  return fake;
}

export async function exporterForTest(env: Record<string, string>, imports: string[] = []): Promise<ExporterProcess> {
  const exporter = await startExporterProcess(env, imports);
  onTestFinished(async () => {
    await exporter.stop('SIGKILL');
  });
  return exporter;
}
