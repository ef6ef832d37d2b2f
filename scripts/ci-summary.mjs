/**
 * The last line of a CI run, "N passed, N failed", from vitest's JSON results (their path is the first
 * argument). Plain JavaScript without dependencies: .ci/run prints it on exit even when `npm ci` failed
 * and tsx is not there. Results that cannot be read count as one failure; when no test failed, each test
 * file that did counts as one (a file that fails to load has no failed test of its own).
 */
import { readFileSync } from 'node:fs';

/** @typedef {{ numPassedTests: number, numFailedTests: number, numFailedTestSuites: number }} VitestResults */

/**
 * @param {string} resultsPath
 * @returns {string}
 */
function summary(resultsPath) {
  let passed = 0;
  let failed = 0;
  try {
    /** @type {VitestResults} */
    const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests + (results.numFailedTests === 0 ? results.numFailedTestSuites : 0);
  } catch {
    failed = 1;
  }
  return `${passed} passed, ${failed} failed`;
}

console.log(summary(process.argv[2] ?? ''));
