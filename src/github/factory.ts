/**
 * The one place that builds what talks to GitHub: the credential, the API client and the report
 * downloader, over the outbound HTTP of the configuration (its proxy). serve, check and backfill differ
 * only in their retry policy and in who observes the requests.
 */
import type { ExporterConfig } from '../config/exporter-config.js';
import type { Logger } from '../log.js';
import { GitHubClient } from './client.js';
import type { ClientObserver } from './client-observer.js';
import { createCredentials } from './create-credentials.js';
import type { Credentials } from './credentials.js';
import { ReportDownloader } from './download.js';
import { type OutboundHttp, outboundHttp } from './http-agents.js';
import type { RetryPolicy } from './retry-policy.js';

export interface GitHubAccess {
  credentials: Credentials;
  client: GitHubClient;
  downloader: ReportDownloader;
  /** How requests leave the process, for other clients (the OTLP push). */
  http: OutboundHttp;
}

export async function createGitHubAccess(config: ExporterConfig, options: { logger: Logger; retry: RetryPolicy; observer?: ClientObserver }): Promise<GitHubAccess> {
  const http = await outboundHttp(config.proxy);
  const credentials = await createCredentials(config.github, options.observer, http.fetch);
  const common = {
    timeoutMs: config.github.requestTimeoutMs,
    retry: options.retry,
    ...(options.observer ? { observer: options.observer } : {}),
    ...(http.agents ? { agents: http.agents } : {}),
  };
  return {
    credentials,
    client: new GitHubClient({ ...common, apiUrl: config.github.apiUrl, credentials, logger: options.logger.child({ component: 'github' }) }),
    downloader: new ReportDownloader({ ...common, maxBytes: config.reportMaxBytes, maxLineBytes: config.reportMaxLineBytes, logger: options.logger.child({ component: 'download' }) }),
    http,
  };
}
