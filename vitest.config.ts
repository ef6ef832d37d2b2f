import { defineConfig } from 'vitest/config';

/**
 * Three tiers, all run by `npm test`: `unit` (pure code, nock, in-process: seconds), `loopback` (the real
 * exporter process against the fake GitHub, OTLP receivers and proxies on loopback), and `tools` (helm,
 * promtool, a real Prometheus, the container entry point, the benchmark harness). `npm run test:unit` is
 * the quick loop while editing. test/reporters/tier-progress.ts prints each tier's progress as files end.
 */
const LOOPBACK = ['test/e2e/**/*.test.ts', 'test/otlp/**/*.test.ts', 'test/fake-github/**/*.test.ts', 'test/backfill/**/*.test.ts'];
/** A `*-promtool.test.ts` file holds the promtool checks of what its pure neighbour tests. */
const TOOLS = ['test/helm/**/*.test.ts', 'test/mixin/**/*.test.ts', 'test/docker.test.ts', 'test/bench/**/*.test.ts', 'test/**/*-promtool.test.ts'];

export default defineConfig({
  test: {
    // e2e tests start real processes; give them room without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    reporters: ['default', './test/reporters/tier-progress.ts'],
    projects: [
      // Unit files share their workers' module cache (isolate: false): on two cores, importing src afresh
      // for every file took most of the tier's time. Safe because no unit test changes process-wide state
      // it does not restore (nock's switches, mocks and fake timers are undone after each test or file).
      // They run on both cores (vitest leaves one to itself by default), first.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...LOOPBACK, ...TOOLS], isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // Then the loopback and tools tiers as one group on two workers, two files at a time from either:
      // most of such a file's time is spent waiting on the processes it started, so one at a time left a
      // core idle. They share no state: every process listens on a port the system picks, every file
      // writes to temporary directories of its own, and only the `npm start` test builds dist/, which no
      // other test reads. A group's projects share one worker count.
      { extends: true, test: { name: 'loopback', include: LOOPBACK, maxWorkers: 2, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'tools', include: TOOLS, maxWorkers: 2, sequence: { groupOrder: 1 } } },
    ],
  },
});
