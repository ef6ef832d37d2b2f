/**
 * `npm run demo`: the exporter against the project's loopback fake GitHub API, so a newcomer sees real
 * /metrics output without a token. One enterprise and two organizations with synthetic reports.
 *
 * Options: --port N (default 9847; 0 picks a free port), --refresh SECONDS (default 60).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { startExporter } from '../src/main.js';
import { DEFAULT_ENTITIES, startFakeGitHub } from '../test/fake-github/server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(process.env.PORT ?? 9847) },
    refresh: { type: 'string', default: '60' },
  },
});

const fake = await startFakeGitHub();
const config = loadConfig({
  GITHUB_API_URL: fake.apiUrl,
  GITHUB_TOKEN: fake.token,
  COPILOT_ENTERPRISES: DEFAULT_ENTITIES.filter((entity) => entity.kind === 'enterprise').map((entity) => entity.slug).join(','),
  COPILOT_ORGS: DEFAULT_ENTITIES.filter((entity) => entity.kind === 'org').map((entity) => entity.slug).join(','),
  REFRESH_INTERVAL: values.refresh,
  HOST: '127.0.0.1',
  PORT: values.port,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
});
const exporter = await startExporter(config);

console.error(`
  Demo running: the exporter polls a fake GitHub API at ${fake.apiUrl}
  (one enterprise "acme", organizations "acme-web" and "acme-data"; no real token involved).

    Metrics:   ${exporter.url}/metrics
    Try:       curl -s ${exporter.url}/metrics | grep github_copilot_daily_active_users

  Press Ctrl+C to stop.
`);

const stop = async () => {
  await exporter.stop(1000);
  await fake.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
