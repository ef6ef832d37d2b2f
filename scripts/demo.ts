/**
 * `npm run demo`: the exporter against the project's loopback fake GitHub API, so a newcomer sees real
 * /metrics output without a token. One enterprise and two organizations with synthetic reports.
 *
 * Options: --port N (default 9847; 0 picks a free port), --refresh SECONDS (default 60),
 * --api usage-metrics|legacy-metrics (default usage-metrics; the legacy source adds teams).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.js';
import { startExporter } from '../src/main.js';
import { DEFAULT_ENTITIES, startFakeGitHub } from '../test/fake-github/server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(process.env.PORT ?? 9847) },
    refresh: { type: 'string', default: '60' },
    api: { type: 'string', default: 'usage-metrics' },
  },
});

const entitiesOf = (kind: 'enterprise' | 'org') => DEFAULT_ENTITIES.filter((entity) => entity.kind === kind);
const teams = (kind: 'enterprise' | 'org') => entitiesOf(kind).flatMap((entity) => (entity.teams ?? []).map((team) => `${entity.slug}/${team}`)).join(',');

const fake = await startFakeGitHub();
const config = loadConfig({
  GITHUB_API_URL: fake.apiUrl,
  GITHUB_TOKEN: fake.token,
  COPILOT_API: values.api,
  COPILOT_ENTERPRISES: entitiesOf('enterprise').map((entity) => entity.slug).join(','),
  COPILOT_ORGS: entitiesOf('org').map((entity) => entity.slug).join(','),
  // Teams are targets of their own in the legacy source only.
  ...(values.api === 'legacy-metrics' ? { COPILOT_TEAMS: teams('org'), COPILOT_ENTERPRISE_TEAMS: teams('enterprise') } : {}),
  REFRESH_INTERVAL: values.refresh,
  HOST: '127.0.0.1',
  PORT: values.port,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
});
const exporter = await startExporter(config);

console.error(`
  Demo running: the exporter reads the ${config.api} source of a fake GitHub API at ${fake.apiUrl}
  (one enterprise "acme", organizations "acme-web" and "acme-data"${config.api === 'legacy-metrics' ? ', and their teams' : ''}; no real token involved).

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
