/**
 * The last line of a CI run, "N passed, N failed", from vitest's JSON results of each test run (their
 * paths are the arguments: .ci/run runs the suite on two Node versions). Plain JavaScript without
 * dependencies: .ci/run prints it on exit even when `npm ci` failed and tsx is not there. Results that
 * cannot be read count as one failure each; in a run where no test failed, each test file that did
 * counts as one (a file that fails to load has no failed test of its own). Above that line it names each
 * failure with the first line of its message, so the end of a CI log says what failed.
 */
import { readFileSync } from 'node:fs';

/**
 * @typedef {{ fullName: string, status: string, failureMessages?: string[] }} AssertionResult
 * @typedef {{ name: string, status: string, message?: string, assertionResults: AssertionResult[] }} FileResult
 * @typedef {{ numPassedTests: number, numFailedTests: number, numFailedTestSuites: number, testResults?: FileResult[] }} VitestResults
 */

/** @param {string | undefined} message */
const firstLine = (message) => (message ?? '').trim().split('\n')[0]?.slice(0, 300) ?? '';

/**
 * @param {string} resultsPath
 * @returns {{ passed: number, failed: number }}
 */
function counts(resultsPath) {
  try {
    /** @type {VitestResults} */
    const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    for (const file of results.testResults ?? []) {
      const where = file.name.replace(`${process.cwd()}/`, '');
      const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
      for (const test of failedTests) console.log(`FAILED ${resultsPath}: ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      if (file.status === 'failed' && failedTests.length === 0) console.log(`FAILED ${resultsPath}: ${where}: ${firstLine(file.message)}`);
    }
    return { passed: results.numPassedTests, failed: results.numFailedTests + (results.numFailedTests === 0 ? results.numFailedTestSuites : 0) };
  } catch {
    console.log(`FAILED: ${resultsPath || 'no results file'} could not be read (the run did not finish)`);
    return { passed: 0, failed: 1 };
  }
}

const runs = (process.argv.length > 2 ? process.argv.slice(2) : ['']).map(counts);
const total = runs.reduce((sum, run) => ({ passed: sum.passed + run.passed, failed: sum.failed + run.failed }), { passed: 0, failed: 0 });
console.log(`${total.passed} passed, ${total.failed} failed`);
