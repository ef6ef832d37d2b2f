/**
 * The last line of a CI run, "N passed, N failed", from vitest's JSON results of each test run (their
 * paths are the arguments: .ci/run runs the suite on two Node versions). Plain JavaScript without
 * dependencies: .ci/run prints it on exit even when `npm ci` failed and tsx is not there. Results that
 * cannot be read count as one failure each; in a run where no test failed, each test file that did
 * counts as one (a file that fails to load has no failed test of its own).
 */
import { readFileSync } from 'node:fs';

/** @typedef {{ numPassedTests: number, numFailedTests: number, numFailedTestSuites: number }} VitestResults */

/**
 * @param {string} resultsPath
 * @returns {{ passed: number, failed: number }}
 */
function counts(resultsPath) {
  try {
    /** @type {VitestResults} */
    const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    return { passed: results.numPassedTests, failed: results.numFailedTests + (results.numFailedTests === 0 ? results.numFailedTestSuites : 0) };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

const runs = (process.argv.length > 2 ? process.argv.slice(2) : ['']).map(counts);
const total = runs.reduce((sum, run) => ({ passed: sum.passed + run.passed, failed: sum.failed + run.failed }), { passed: 0, failed: 0 });
console.log(`${total.passed} passed, ${total.failed} failed`);
