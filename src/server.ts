/**
 * The HTTP endpoints of docs/contract.md §3. createApp() only builds the app; listen() lives in main.ts.
 * A scrape never calls GitHub: it serves the snapshot of the last completed poll plus the
 * self-metrics, in the 0.0.4 text format or OpenMetrics as the scraper asks, gzipped when accepted.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from './log.js';
import type { SelfMetrics } from './metrics/self-metrics.js';
import { ScrapeBodies, type ScrapeBody } from './metrics/scrape-body.js';
import type { ExpositionFormat } from './metrics/text-format.js';
import { basicAuth } from './web-config.js';
import type { SnapshotStore } from './metrics/snapshot.js';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  text: 'text/plain; version=0.0.4',
  openmetrics: 'application/openmetrics-text; version=1.0.0',
};

export interface AppDependencies {
  store: SnapshotStore;
  selfMetrics: SelfMetrics;
  isReady: () => boolean;
  logger: Logger;
  /** Basic-auth users (user → bcrypt hash) from WEB_CONFIG_FILE. */
  users?: Map<string, string>;
}

export function createApp({ store, selfMetrics, isReady, logger, users }: AppDependencies): express.Express {
  const app = express();
  const bodies = new ScrapeBodies();
  app.disable('x-powered-by');
  app.disable('etag');

  // Every endpoint is a GET without a body: refuse anything else before doing any work.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD').type('text/plain').send('only GET and HEAD\n');
      return;
    }
    const length = req.headers['content-length'];
    if ((length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined) {
      res.status(413).set('Connection', 'close').type('text/plain').send('requests carry no body\n');
      return;
    }
    next();
  });
  if (users) app.use(basicAuth(users));

  app.get('/metrics', async (req: Request, res: Response) => {
    // Offers carry their version so that Accept ranges with a version parameter match them; Prometheus
    // asks for OpenMetrics 1.0.0 first when it can, and everything else gets the 0.0.4 text format.
    const format: ExpositionFormat = req.accepts([CONTENT_TYPES.text, CONTENT_TYPES.openmetrics]) === CONTENT_TYPES.openmetrics ? 'openmetrics' : 'text';
    // The Copilot snapshot and the recorded self-metrics were rendered (and deflated) when their data
    // changed; only the process metrics are rendered now.
    const snapshot = store.current();
    const recorded = await selfMetrics.recorded(format);
    const perScrape = await selfMetrics.perScrape(format);
    res.set('Content-Type', `${CONTENT_TYPES[format]}; charset=utf-8`);
    res.set('Cache-Control', 'no-store');
    res.vary('Accept').vary('Accept-Encoding');
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.set('Content-Encoding', 'gzip');
      writeBody(res, bodies.gzip(snapshot, recorded, perScrape));
    } else {
      writeBody(res, bodies.plain(snapshot, recorded, perScrape));
    }
  });

  app.get('/healthz', (_req, res) => {
    res.type('text/plain').send('ok\n');
  });

  app.get('/readyz', (_req, res) => {
    if (isReady()) res.type('text/plain').send('ready\n');
    else res.status(503).type('text/plain').send('not ready: the first poll of every target has not finished\n');
  });

  app.get('/', (_req, res) => {
    res.type('html').send(LANDING_PAGE);
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('not found; metrics are at /metrics\n');
  });

  // Express's default handler would print a stack trace to stderr; log it once, answer briefly.
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'HTTP handler failed');
    if (!res.headersSent) res.status(500).type('text/plain').send('internal error\n');
  });

  return app;
}

/** Writes the body's buffers, corked so that they leave with the headers in as few writev calls as the kernel takes. */
function writeBody(res: Response, { chunks, length }: ScrapeBody): void {
  res.setHeader('Content-Length', length);
  res.cork();
  for (const chunk of chunks) if (chunk.length > 0) res.write(chunk);
  res.end();
}

const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GitHub Copilot exporter</title></head>
<body>
<h1>GitHub Copilot exporter</h1>
<p>Prometheus metrics for GitHub Copilot usage.</p>
<ul>
<li><a href="/metrics">/metrics</a>: the metrics</li>
<li><a href="/healthz">/healthz</a>: liveness</li>
<li><a href="/readyz">/readyz</a>: readiness (the first poll of every target has finished)</li>
</ul>
</body>
</html>
`;
