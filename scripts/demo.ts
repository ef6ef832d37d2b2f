/**
 * `npm run demo`: the exporter against the project's loopback fake GitHub API, so a newcomer sees real
 * /metrics output without a token. One enterprise and two organizations with synthetic reports, whose
 * latest day follows the clock as GitHub's does (so no staleness alert fires), in one process.
 *
 * Options: --port N (default PORT, else 9847; 0 picks a free port), --refresh SECONDS (default 60),
 * --api usage-metrics|legacy-metrics (default usage-metrics; the legacy source adds teams).
 */
import { parseArgs } from 'node:util';
import type { CopilotApi } from '../src/config/exporter-config.js';
import { loadConfig } from '../src/config/load-config.js';
import { startExporter } from '../src/main.js';
import { exitOnStartUpFailure } from '../src/start-up-failure.js';
import { DEFAULT_ENTITIES, startFakeGitHub } from '../test/fake-github/server.js';
import { targetSettings } from './fake-targets.js';
import { stopOnSignals } from '../src/stop-signals.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(process.env.PORT ?? 9847) },
    refresh: { type: 'string', default: '60' },
    api: { type: 'string', default: 'usage-metrics' },
  },
});

/** A family each source has, for the banner to suggest. */
const TRY_FAMILY: Record<CopilotApi, string> = { 'usage-metrics': 'github_copilot_daily_active_users', 'legacy-metrics': 'github_copilot_active_users' };

const fake = await startFakeGitHub({ endDay: 'latest' });
// A mistake (PORT taken, a bad LOG_LEVEL) is the one line `serve` prints for it, not a stack trace.
const { config, exporter } = await start().catch(exitOnStartUpFailure);

async function start() {
  const config = loadConfig({
    GITHUB_API_URL: fake.apiUrl,
    GITHUB_TOKEN: fake.token,
    COPILOT_API: values.api,
    ...targetSettings(DEFAULT_ENTITIES, values.api),
    REFRESH_INTERVAL: values.refresh,
    HOST: '127.0.0.1',
    PORT: values.port,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  });
  return { config, exporter: await startExporter(config) };
}

console.error(`
  Demo running: the exporter reads the ${config.api} source of a fake GitHub API at ${fake.apiUrl}
  (one enterprise "acme", organizations "acme-web" and "acme-data"${config.api === 'legacy-metrics' ? ', and their teams' : ''}; no real token involved).

    Metrics:   ${exporter.url}/metrics
    Try:       curl -s ${exporter.url}/metrics | grep ${TRY_FAMILY[config.api]}

  Press Ctrl+C to stop.
`);

stopOnSignals(
  async () => {
    await exporter.stop(1000);
    await fake.close();
  },
  { withParent: true },
);
