/**
 * `npm run fake-github -- --port N`: the loopback fake GitHub API alone, for trying the exporter as it
 * is run in production (`npm start`, a container) without a GitHub token. The enterprise, organizations
 * and teams of `npm run demo`, with reports whose latest day follows the clock as GitHub's does.
 *
 * Options: --port N (the API; default 0, any free port), --download-port N (the host the report files
 * are downloaded from, a second origin as on github.com; default the port after --port, or any free
 * one with --port 0).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ENTITIES, type FakeGitHub, startFakeGitHub } from '../test/fake-github/server.js';
import { targetSettings } from './fake-targets.js';
import { stopOnSignals } from '../src/stop-signals.js';

/** Ends the process with a usage error. */
function fail(message: string): never {
  console.error(`fake-github: ${message}`);
  process.exit(2);
}

function portOf(option: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) fail(`${option} must be a port number from 0 to 65535 (got "${text}").`);
  return port;
}

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'download-port': { type: 'string' } } });
const port = portOf('--port', values.port);
const downloadPort = values['download-port'] === undefined ? (port === 0 ? 0 : portOf('--download-port', String(port + 1))) : portOf('--download-port', values['download-port']);

let fake: FakeGitHub;
try {
  fake = await startFakeGitHub({ endDay: 'latest', port, downloadPort });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
  fail(`cannot listen on port ${port} or ${downloadPort} of 127.0.0.1 (${code}): choose others with --port and --download-port.`);
}

const settings = { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, ...targetSettings(DEFAULT_ENTITIES, 'usage-metrics') };
console.log(`Fake GitHub API: ${fake.apiUrl} (report files from ${fake.downloadOrigin}), reports up to ${fake.endDay}
Token: ${fake.token}

Run the exporter against it (then open http://127.0.0.1:9847/metrics):

  ${Object.entries(settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ')} npm start

Press Ctrl+C to stop.`);

stopOnSignals(() => fake.close(), { withParent: true });
