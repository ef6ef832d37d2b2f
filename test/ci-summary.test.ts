/**
 * The last line of a CI run (scripts/ci-summary.mjs, which .ci/run runs on exit): the script is run with
 * plain `node`, as CI runs it, on vitest JSON results written to temporary files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../scripts/ci-summary.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'copilot-ci-summary-'));

/** What the script prints for the results at `paths` (one per test run). */
function printedFor(...paths: string[]): string {
  const run = spawnSync(process.execPath, [SCRIPT, ...paths], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The last line the script prints, the one CI is judged by, with its newline. */
function summaryOf(...paths: string[]): string {
  return `${printedFor(...paths).trimEnd().split('\n').at(-1)}\n`;
}

/** A file of `content`, in this test's temporary directory. */
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The counts of vitest's JSON reporter that the summary reads, among others it writes. */
function vitestResults(counts: { passed: number; failed: number; failedFiles: number; files: number }, testResults: unknown[] = []): string {
  return JSON.stringify({
    numTotalTestSuites: counts.files,
    numPassedTestSuites: counts.files - counts.failedFiles,
    numFailedTestSuites: counts.failedFiles,
    numPendingTestSuites: 0,
    numTotalTests: counts.passed + counts.failed,
    numPassedTests: counts.passed,
    numFailedTests: counts.failed,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime: 1_760_000_000_000,
    success: counts.failed === 0 && counts.failedFiles === 0,
    testResults,
  });
}

describe('the CI summary line', () => {
  it('counts the tests of a run where all passed', () => {
    expect(summaryOf(file('passed.json', vitestResults({ passed: 812, failed: 0, failedFiles: 0, files: 90 })))).toBe('812 passed, 0 failed\n');
  });

  it('counts the failed tests, not the files they are in', () => {
    expect(summaryOf(file('failed.json', vitestResults({ passed: 800, failed: 3, failedFiles: 2, files: 90 })))).toBe('800 passed, 3 failed\n');
  });

  it('counts a test file that failed to load, with no failed test of its own, as one failure', () => {
    expect(summaryOf(file('unloadable.json', vitestResults({ passed: 790, failed: 0, failedFiles: 1, files: 90 })))).toBe('790 passed, 1 failed\n');
  });

  it('counts a run that left no results (npm ci or the type-check failed) as one failure', () => {
    expect(summaryOf(join(dir, 'never-written.json'))).toBe('0 passed, 1 failed\n');
  });

  it('counts results that are not JSON (a run cut off while writing them) as one failure', () => {
    expect(summaryOf(file('cut-off.json', vitestResults({ passed: 812, failed: 0, failedFiles: 0, files: 90 }).slice(0, 100)))).toBe('0 passed, 1 failed\n');
  });

  it('names each failed test and each file that failed to load, with the first line of its message, above the count', () => {
    const cwd = process.cwd();
    const results = file(
      'named.json',
      vitestResults({ passed: 10, failed: 1, failedFiles: 2, files: 3 }, [
        { name: `${cwd}/test/a.test.ts`, status: 'passed', message: '', assertionResults: [{ fullName: 'a passes', status: 'passed', failureMessages: [] }] },
        {
          name: `${cwd}/test/b.test.ts`,
          status: 'failed',
          message: '',
          assertionResults: [
            { fullName: 'b passes', status: 'passed', failureMessages: [] },
            { fullName: 'b writes every day', status: 'failed', failureMessages: ['AssertionError: expected 3 to be 4\n    at b.test.ts:12:3'] },
          ],
        },
        { name: `${cwd}/test/c.test.ts`, status: 'failed', message: 'Failed to load url ./missing.js\nmore', assertionResults: [] },
      ]),
    );
    expect(printedFor(results).split('\n')).toEqual([
      `FAILED ${results}: test/b.test.ts > b writes every day: AssertionError: expected 3 to be 4`,
      `FAILED ${results}: test/c.test.ts: Failed to load url ./missing.js`,
      '10 passed, 1 failed',
      '',
    ]);
  });

  it('says which results could not be read', () => {
    const missing = join(dir, 'not-there.json');
    expect(printedFor(missing)).toBe(`FAILED: ${missing} could not be read (the run did not finish)\n0 passed, 1 failed\n`);
  });

  it('adds up the runs on each Node version, a run that left no results counting as one failure', () => {
    const first = file('node-20.json', vitestResults({ passed: 812, failed: 1, failedFiles: 1, files: 90 }));
    const second = file('node-24.json', vitestResults({ passed: 813, failed: 0, failedFiles: 0, files: 90 }));
    expect(summaryOf(first, second)).toBe('1625 passed, 1 failed\n');
    expect(summaryOf(first, join(dir, 'never-written-either.json'))).toBe('812 passed, 2 failed\n');
  });
});
