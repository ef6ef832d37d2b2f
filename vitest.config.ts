import { defineConfig } from 'vitest/config';

/**
 * Three tiers, all run by `npm test`: `unit` (pure code, nock, in-process: seconds), `loopback` (the real
 * exporter process against the fake GitHub, OTLP receivers and proxies on loopback), and `tools` (helm,
 * promtool, a real Prometheus, the container entry point, the benchmark harness). `npm run test:unit` is
 * the quick loop while editing.
 */
const LOOPBACK = ['test/e2e/**/*.test.ts', 'test/otlp/**/*.test.ts', 'test/fake-github/**/*.test.ts', 'test/backfill/**/*.test.ts'];
const TOOLS = ['test/helm/**/*.test.ts', 'test/mixin/**/*.test.ts', 'test/docker.test.ts', 'test/bench/**/*.test.ts'];

export default defineConfig({
  test: {
    // e2e tests start real processes; give them room without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...LOOPBACK, ...TOOLS] } },
      { extends: true, test: { name: 'loopback', include: LOOPBACK } },
      { extends: true, test: { name: 'tools', include: TOOLS } },
    ],
  },
});
