/**
 * The only composition root: config → credentials → client → collectors → poller → server.
 * startExporter() is used by the CLI's `serve` (which the end-to-end tests run as a process) and the demo.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { type Server, type ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ExporterConfig } from './config/exporter-config.js';
import { DEFAULT_PORT } from './config/schema.js';
import { configError } from './errors.js';
import { collectorsOf } from './collectors/index.js';
import { targetPollContext } from './collectors/reports-api.js';
import { systemClock } from './clock.js';
import { DEFAULT_RETRY } from './github/retry-policy.js';
import { createGitHubAccess } from './github/factory.js';
import { proxySecrets, shownProxy } from './github/proxy.js';
import { createLogger, type Logger } from './log.js';
import type { Sample } from './metrics/sample.js';
import { SelfMetrics } from './metrics/self-metrics.js';
import { remoteWriteSecrets } from './remote-write/settings.js';
import { SnapshotStore } from './metrics/snapshot.js';
import { Poller } from './poller.js';
import { createApp } from './server.js';
import { buildTargets } from './targets.js';
import { VERSION } from './version.js';

export interface RunningExporter {
  /** Base URL of the HTTP server from this machine, e.g. http://127.0.0.1:9847 (also when it listens on 0.0.0.0). */
  url: string;
  logger: Logger;
  /** Stops polling, lets in-flight scrapes, an OTLP push and a remote write finish, closes the server: all within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startExporter(config: ExporterConfig): Promise<RunningExporter> {
  const selfMetrics = new SelfMetrics({ version: VERSION });
  const { otlp, remoteWrite } = config;
  // The logger scrubs the credential's secrets, and the credential logs through it: the secrets are read late.
  let secrets = (): string[] => [];
  const logger = createLogger({ level: config.logLevel, secrets: () => secrets() });
  const retry = { ...DEFAULT_RETRY, maxRateLimitWaitMs: config.github.rateLimitMaxWaitMs };
  const { credentials, client, downloader, http } = await createGitHubAccess(config, { logger, retry, observer: selfMetrics });
  const readFile = (path: string) => readFileSync(path, 'utf8');
  secrets = () => [...credentials.secrets(), ...(otlp?.secrets ?? []), ...proxySecrets(config.proxy), ...(remoteWrite ? remoteWriteSecrets(remoteWrite, readFile) : [])];
  for (const warning of config.warnings) logger.warn(warning);
  // The OpenTelemetry SDK and the remote write stack (protobuf) are loaded only when configured: together
  // they hold some 50 MiB that an exporter pushing nowhere does not need (issue 23's memory budget).
  const pusher = otlp && new (await import('./otlp/otlp-push.js')).OtlpPusher({ settings: otlp, version: VERSION, logger: logger.child({ component: 'otlp' }), http });
  const dayPusher = remoteWrite && new (await import('./remote-write/day-pusher.js')).DayPusher({ settings: remoteWrite, http, logger: logger.child({ component: 'remote-write' }), selfMetrics });
  const deps = { client, downloader, config, logger: logger.child({ component: 'collector' }), clock: systemClock };
  const store = new SnapshotStore();
  const targets = buildTargets(config);
  const polled = targets.map((target) => ({ target, collectors: collectorsOf(config, target) }));
  const history = dayPusher && new (await import('./remote-write/settled-history.js')).SettledHistory({ deps, pusher: dayPusher, selfMetrics, logger: logger.child({ component: 'remote-write' }), targets: polled });
  const poller = new Poller({
    targets: polled,
    deps,
    pollContext: (target) => targetPollContext(deps, target),
    store,
    selfMetrics,
    logger: logger.child({ component: 'poller' }),
    intervalMs: config.refreshIntervalSeconds * 1000,
    concurrency: config.pollConcurrency,
    maxSeriesPerFamily: config.maxSeriesPerFamily,
    // The exporter's own health goes along, so that an OTLP-only user can alert on a broken exporter too.
    ...(pusher ? { onPoll: (samples: readonly Sample[]) => void selfMetrics.samples().then((own) => pusher.push([...samples, ...own])) } : {}),
    // History is written settled, at its day (docs/contract.md §4g).
    ...(history ? { onCollected: (target, collector, collected) => history.onCollected(target, collector, collected), afterPoll: () => void history.afterPoll() } : {}),
  });
  const { web } = config.server;
  const app = createApp({ store, selfMetrics, isReady: () => poller.isReady(), logger: logger.child({ component: 'http' }), ...(web?.users ? { users: web.users } : {}) });

  // Requests carry no body and few headers: 8 KiB of headers is plenty (Node answers 431 beyond).
  const limits = { maxHeaderSize: 8 * 1024 };
  const server: Server = web?.tls ? httpsServer(limits, web.tls, app) : createHttpServer(limits, app);
  // Responses still being written: a graceful stop waits for them (Node's server.close() would cut a
  // response whose end() was called but whose bytes are still queued for a slow client).
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    if (stopping) response.setHeader('Connection', 'close');
  });
  server.listen(config.server.port, config.server.host);
  // once() rejects with the server's 'error' event.
  await once(server, 'listening').catch((error: NodeJS.ErrnoException) => Promise.reject(listenError(error, config.server)));
  // Slow or idle clients must not hold connections forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const scheme = web?.tls ? 'https' : 'http';
  // The log says where the server listens (0.0.0.0 is every address); `url` is where this machine reaches it.
  const listening = `${scheme}://${host}:${address.port}`;
  const url = `${scheme}://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  const proxy = config.proxy && { https: config.proxy.https && shownProxy(config.proxy.https), http: config.proxy.http && shownProxy(config.proxy.http), noProxy: config.proxy.noProxy };
  logger.info({ url: listening, version: VERSION, api: config.api, targets: targets.length, otlp: otlp?.endpoint, remoteWrite: remoteWrite?.shownUrl, proxy }, 'github-copilot-exporter listening');
  poller.start();

  return {
    url,
    logger,
    async stop(graceMs = 8000) {
      poller.stop();
      history?.stop();
      stopping = true;
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const force = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now()));
      await closed;
      clearTimeout(force);
      await Promise.all([pusher?.shutdown(Math.max(0, deadline - Date.now())), dayPusher?.shutdown(Math.max(0, deadline - Date.now()))]);
    },
  };
}

/** The HTTPS server of WEB_CONFIG_FILE; a certificate or key Node cannot use is a configuration error. */
function httpsServer(limits: { maxHeaderSize: number }, tls: { cert: string; key: string }, app: Parameters<typeof createHttpServer>[1]): Server {
  try {
    return createHttpsServer({ ...limits, cert: tls.cert, key: tls.key }, app);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw configError(`Configuration error: WEB_CONFIG_FILE names a TLS certificate or key that cannot be used (${why}); tls_server_config needs a PEM certificate and the private key that belongs to it.`);
  }
}

/** Why the server could not listen, in the variables the operator sets. */
function listenError(error: NodeJS.ErrnoException, { host, port }: { host: string; port: number }): Error {
  const where = `HOST ${host} and PORT ${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return configError(`Configuration error: PORT ${port} is already in use on HOST ${host} (EADDRINUSE): stop the other process, or set PORT to a free port.`);
    case 'EACCES':
      return configError(`Configuration error: listening on ${where} is not permitted (EACCES): ports below 1024 need privileges; set PORT to 1024 or above (the default is ${DEFAULT_PORT}).`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return configError(`Configuration error: HOST ${host} is not an address of this machine (${error.code}): set HOST to one of its addresses, or 0.0.0.0 for all of them.`);
    default:
      return configError(`Configuration error: cannot listen on ${where} (${error.code ?? error.message}).`);
  }
}
