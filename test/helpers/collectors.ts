/**
 * Collectors outside the exporter process: their dependencies (a GitHub client and a downloader on the
 * given API, a configuration from environment variables) and a poller over them, as main.ts builds them.
 */
import { collectorsOf } from '../../src/collectors/index.js';
import type { CollectorDeps } from '../../src/collectors/collector.js';
import { targetPollContext } from '../../src/collectors/reports-api.js';
import type { ExporterConfig } from '../../src/config/exporter-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { type Clock, systemClock } from '../../src/clock.js';
import { GitHubClient } from '../../src/github/client.js';
import { ReportDownloader } from '../../src/github/download.js';
import type { Logger } from '../../src/log.js';
import { SelfMetrics } from '../../src/metrics/self-metrics.js';
import { SnapshotStore } from '../../src/metrics/snapshot.js';
import { Poller } from '../../src/poller.js';
import { buildTargets } from '../../src/targets.js';
import { silentLogger, staticCredentials } from './fakes.js';

/** A configuration as loadConfig() makes it from these variables (a token and a target are filled in). */
export function configFrom(env: Record<string, string> = {}): ExporterConfig {
  return loadConfig({ GITHUB_TOKEN: 'ghp_configForTests000000000000000000000', COPILOT_ORGS: 'octo', ...env }, () => '');
}

export interface DepsOptions {
  apiUrl: string;
  token: string;
  config?: ExporterConfig;
  logger?: Logger;
  clock?: Clock;
  maxBytes?: number;
  maxLineBytes?: number;
}

export function collectorDeps(options: DepsOptions): CollectorDeps {
  const config = options.config ?? configFrom();
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const http = { timeoutMs: 2000, logger, clock, random: () => 0.5 };
  return {
    client: new GitHubClient({ ...http, apiUrl: options.apiUrl, credentials: staticCredentials(options.token) }),
    downloader: new ReportDownloader({ ...http, maxBytes: options.maxBytes ?? config.reportMaxBytes, maxLineBytes: options.maxLineBytes ?? config.reportMaxLineBytes }),
    config,
    logger,
    clock,
  };
}

/** A poller over the collectors the configuration turns on, for every target it names. */
export function pollerFor(deps: CollectorDeps, options: { store?: SnapshotStore; selfMetrics?: SelfMetrics; logger?: Logger } = {}) {
  const store = options.store ?? new SnapshotStore();
  const selfMetrics = options.selfMetrics ?? new SelfMetrics({ version: 'test', processMetrics: false });
  const poller = new Poller({
    targets: buildTargets(deps.config).map((target) => ({ target, collectors: collectorsOf(deps.config, target) })),
    deps,
    pollContext: (target) => targetPollContext(deps, target),
    store,
    selfMetrics,
    logger: options.logger ?? deps.logger,
    intervalMs: 3_600_000,
    concurrency: deps.config.pollConcurrency,
  });
  return { poller, store, selfMetrics };
}
