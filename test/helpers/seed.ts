/**
 * Seeds of the randomized tests: fixed by default, so that test names and failures repeat from run to
 * run; `TEST_SEED=<whole number>` runs other cases. A failing test prints its seed (and how to repeat it).
 */
import { onTestFailed } from 'vitest';

export function testSeed(fallback: number): number {
  const given = process.env.TEST_SEED;
  if (given === undefined || given === '') return fallback;
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED must be a whole number (got ${JSON.stringify(given)})`);
  return seed;
}

/** Inside a test: says the seed when the test fails. */
export function reportSeedOnFailure(seed: number): void {
  onTestFailed(() => console.error(`This test ran with seed ${seed}; TEST_SEED=${seed} repeats it.`));
}
