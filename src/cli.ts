#!/usr/bin/env node
/**
 * Command line: `serve` (the default), `check` and `healthcheck`.
 * Exit codes: 0 fine, 1 failure at run time, 2 bad configuration or usage.
 */
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { DEFAULT_PORT } from './config/schema.js';
import { loadConfig } from './config/load-config.js';
import { createLogger } from './log.js';
import { installProcessGuards } from './process-guards.js';
import { exitOnStartUpFailure } from './start-up-failure.js';
import { type StopCause, stopOnSignals } from './stop-signals.js';
import { buildTargets } from './targets.js';
import { loadWebConfig } from './web-config.js';
import { VERSION } from './version.js';

const USAGE = `github-copilot-exporter ${VERSION}: Prometheus exporter for GitHub Copilot usage metrics

Usage:
  github-copilot-exporter [serve]      poll GitHub and serve /metrics (the default)
  github-copilot-exporter backfill --since YYYY-MM-DD [--until YYYY-MM-DD] [--output FILE] [--remote-write URL] [--label NAME=VALUE]... [--refetch]
                                       write past days as OpenMetrics for promtool tsdb create-blocks-from, and/or
                                       send them with Prometheus remote write; --refetch ignores the cache of
                                       settled days (after a correction GitHub announces; more: see the README)
  github-copilot-exporter check        validate the configuration, authenticate, and try every endpoint of every
                                       target; prints what is missing, exits 1 when anything fails
  github-copilot-exporter healthcheck  exit 0 when the exporter on PORT answers /healthz (for containers)
  github-copilot-exporter --version | --help

Configuration comes from environment variables (or a YAML/JSON file named by CONFIG_FILE);
see the README. To try it without a GitHub token: npm run demo`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return 0;
    case '--version':
    case '-v':
      console.log(VERSION);
      return 0;
    case 'serve':
      return serve();
    case 'check':
      return check();
    case 'backfill':
      return backfill(argv.slice(1));
    case 'healthcheck':
      return healthcheck();
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

/** How long a stop may take, at most: well inside Kubernetes' default grace period of 30 s. */
const SHUTDOWN_MS = 9000;

async function serve(): Promise<number> {
  const config = loadConfig();
  // Each command loads what it runs: serve never holds the backfill's or check's modules (memory, issue 23).
  const { startExporter } = await import('./main.js');
  const exporter = await startExporter(config);
  const { logger } = exporter;
  installProcessGuards(logger);
  // Kubernetes kills a pod 30 s after SIGTERM by default; stop well before, whatever is in flight
  // (a poll is abandoned, scrapes and an OTLP push get what is left of the grace period).
  const shutdown = async (cause: StopCause) => {
    logger.info({ cause }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn({ cause }, `not stopped within ${SHUTDOWN_MS / 1000} s; exiting now`);
      logger.flush();
      process.exit(0);
    }, SHUTDOWN_MS);
    deadline.unref();
    await exporter.stop(SHUTDOWN_MS - 1500);
    logger.flush();
  };
  // Started by an npm script (`npm start`, which npm marks with npm_lifecycle_event), npm is the
  // supervisor: the exporter ends with it. Run directly (the container's entry point), it does not.
  stopOnSignals(shutdown, { withParent: process.env.npm_lifecycle_event !== undefined });
  return new Promise<number>(() => {
    // serve runs until a signal ends the process
  });
}

async function backfill(argv: string[]): Promise<number> {
  const [{ parseBackfillArgs }, { backfillReport }, { runBackfill }, { RemoteWriteError }, { remoteWriteSecrets }] = await Promise.all([
    import('./backfill/backfill-args.js'),
    import('./backfill/backfill-report.js'),
    import('./backfill/run-backfill.js'),
    import('./remote-write/client.js'),
    import('./remote-write/settings.js'),
  ]);
  const options = parseBackfillArgs(argv);
  const config = loadConfig();
  const remoteWrite = options.remoteWrite;
  const readFile = (path: string) => readFileSync(path, 'utf8');
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: () => (remoteWrite ? remoteWriteSecrets(remoteWrite, readFile) : []) });
  for (const warning of config.warnings) console.error(`warning: ${warning}`);
  let summary;
  try {
    summary = await runBackfill(config, options, logger);
  } catch (error) {
    if (!(error instanceof RemoteWriteError)) throw error;
    console.error(`backfill: ${error.message}`);
    console.error(`The days fetched are kept in ${options.cache}; run the same command again to send them (days already written are written again identically, which is harmless).`);
    return 1;
  }
  const { lines, exitCode } = backfillReport(summary, {
    ...(options.output ? { output: options.output } : {}),
    cache: options.cache,
    ...(remoteWrite ? { remoteWriteUrl: remoteWrite.shownUrl } : {}),
    maxSeriesPerFamily: config.maxSeriesPerFamily,
    settleDays: config.settleDays,
  });
  for (const line of lines) console.error(line);
  return exitCode;
}

async function check(): Promise<number> {
  const config = loadConfig();
  console.log(`Configuration is valid: ${config.api} source, ${buildTargets(config).length} target(s), ${config.github.apiUrl}.`);
  for (const warning of config.warnings) console.log(`Warning: ${warning}`);
  const { formatCheck, runCheck, summarizeCheck } = await import('./check.js');
  const rows = await runCheck(config, createLogger({ level: 'silent' }));
  console.log(formatCheck(rows));
  console.log(summarizeCheck(rows));
  return rows.every((row) => row.status === 'ok') ? 0 : 1;
}

/** GET /healthz of the exporter on PORT (over TLS when WEB_CONFIG_FILE says so; its certificate is not checked). */
async function healthcheck(): Promise<number> {
  const port = process.env.PORT || String(DEFAULT_PORT);
  const host = !process.env.HOST || process.env.HOST === '0.0.0.0' || process.env.HOST === '::' ? '127.0.0.1' : process.env.HOST;
  const tls = process.env.WEB_CONFIG_FILE ? loadWebConfig(process.env.WEB_CONFIG_FILE, (path) => readFileSync(path, 'utf8')).tls : undefined;
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`;
  return new Promise<number>((resolve) => {
    const request = (tls ? httpsGet : httpGet)(url, { timeout: 3000, rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 ? 0 : 1);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(1));
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  exitOnStartUpFailure,
);
