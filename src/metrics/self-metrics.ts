/**
 * The exporter's own metrics (docs/contract.md §4c), in one object. prom-client keeps their state (and the
 * standard process_* / nodejs_* metrics); they are rendered per scrape, since they are few.
 *
 * Rendering goes through getMetricsAsJSON() and our own writer (text-format.ts) for both formats:
 * prom-client's OpenMetrics mode renames counters in place, which would corrupt a registry that also
 * serves 0.0.4.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { POLL_ERROR_REASONS, type PollErrorReason } from '../errors.js';
import type { ClientObserver } from '../github/client-observer.js';
import type { RateLimitInfo } from '../github/rate-limit.js';
import { DATA_CHANGE_TIMESTAMP, dataChangeSamples } from './data-changes.js';
import { type MetricDefinition, SELF_METRICS } from './definitions.js';
import type { Labels, Sample } from './sample.js';
import { type ExpositionFormat, type LabelValues, expositionEnd, familyHeader, sampleLine } from './text-format.js';

/** How one attempt of one collector for one target ended. */
export type CollectorOutcome = { ok: true; finishedAt: number } | { ok: false; reason: PollErrorReason };

function gauge(definition: MetricDefinition, registry: Registry): Gauge<string> {
  return new Gauge({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
}

function counter(definition: MetricDefinition, registry: Registry): Counter<string> {
  return new Counter({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
}

export class SelfMetrics implements ClientObserver {
  private readonly registry = new Registry();
  private readonly targetUp = gauge(SELF_METRICS.targetUp, this.registry);
  private readonly lastSuccess = gauge(SELF_METRICS.lastSuccess, this.registry);
  private readonly pollDuration = gauge(SELF_METRICS.pollDuration, this.registry);
  private readonly collectorSuccess = gauge(SELF_METRICS.collectorSuccess, this.registry);
  private readonly collectorLastSuccess = gauge(SELF_METRICS.collectorLastSuccess, this.registry);
  private readonly pollErrors = counter(SELF_METRICS.pollErrors, this.registry);
  private readonly githubRequests = counter(SELF_METRICS.githubRequests, this.registry);
  private readonly rateLimitRemaining = gauge(SELF_METRICS.rateLimitRemaining, this.registry);
  private readonly rateLimitReset = gauge(SELF_METRICS.rateLimitReset, this.registry);
  private readonly droppedUsers = counter(SELF_METRICS.droppedUsers, this.registry);
  private readonly droppedSeries = counter(SELF_METRICS.droppedSeries, this.registry);
  private remoteWrite: { samples: Counter<string>; failures: Counter<string> } | undefined;

  constructor(options: { version: string; processMetrics?: boolean }) {
    gauge(SELF_METRICS.buildInfo, this.registry).set({ version: options.version }, 1);
    // GitHub's announced data changes: constants of this build, rendered with the exporter's own series (no scope labels).
    const changes = gauge(DATA_CHANGE_TIMESTAMP, this.registry);
    for (const { labels, value } of dataChangeSamples()) changes.set(labels, value);
    if (options.processMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
      // prom-client names these gauges with a counter's `_total` suffix (promtool flags them): leave them out.
      for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
        this.registry.removeSingleMetric(misnamed);
      }
    }
  }

  /**
   * Creates a target's series at zero, so alerts see them before the first poll ends: target_up, and the
   * error counters of each of its collectors (`collector_success` appears with the collector's first attempt).
   */
  registerTarget(scope: Labels, collectors: readonly string[]): void {
    this.targetUp.set(scope, 0);
    this.droppedUsers.inc(scope, 0);
    this.droppedSeries.inc(scope, 0);
    for (const collector of collectors) for (const reason of POLL_ERROR_REASONS) this.pollErrors.inc({ ...scope, collector, reason }, 0);
  }

  /** One attempt of a collector; the main report's also sets target_up (and its last success). */
  recordCollector(scope: Labels, collector: string, main: boolean, outcome: CollectorOutcome): void {
    const labels = { ...scope, collector };
    this.collectorSuccess.set(labels, outcome.ok ? 1 : 0);
    if (outcome.ok) this.collectorLastSuccess.set(labels, outcome.finishedAt);
    else this.pollErrors.inc({ ...labels, reason: outcome.reason });
    if (!main) return;
    this.targetUp.set(scope, outcome.ok ? 1 : 0);
    if (outcome.ok) this.lastSuccess.set(scope, outcome.finishedAt);
  }

  recordPollDuration(scope: Labels, seconds: number): void {
    this.pollDuration.set(scope, seconds);
  }

  recordDroppedUsers(scope: Labels, count: number): void {
    this.droppedUsers.inc(scope, count);
  }

  recordDroppedSeries(scope: Labels, count: number): void {
    this.droppedSeries.inc(scope, count);
  }

  /** Creates the remote write counters at zero, when REMOTE_WRITE_URL is set (and only then). */
  registerRemoteWrite(reasons: readonly string[]): void {
    this.remoteWrite = { samples: counter(SELF_METRICS.remoteWriteSamples, this.registry), failures: counter(SELF_METRICS.remoteWriteFailures, this.registry) };
    this.remoteWrite.samples.inc(0);
    for (const reason of reasons) this.remoteWrite.failures.inc({ reason }, 0);
  }

  recordRemoteWrite(samples: number): void {
    this.remoteWrite?.samples.inc(samples);
  }

  recordRemoteWriteFailure(reason: string): void {
    this.remoteWrite?.failures.inc({ reason });
  }

  onRequest(endpoint: string, code: string): void {
    this.githubRequests.inc({ endpoint, code });
  }

  onRateLimit(info: RateLimitInfo): void {
    this.rateLimitRemaining.set({ resource: info.resource }, info.remaining);
    this.rateLimitReset.set({ resource: info.resource }, info.resetEpochSeconds);
  }

  /** The exporter's own families as samples (without the process_* and nodejs_* ones), for the OTLP push. */
  async samples(): Promise<Sample[]> {
    const byName = new Map([...Object.values(SELF_METRICS), DATA_CHANGE_TIMESTAMP].map((definition) => [definition.name, definition]));
    const samples: Sample[] = [];
    for (const metric of await this.registry.getMetricsAsJSON()) {
      const family = byName.get(metric.name);
      if (family) for (const value of metric.values) samples.push({ family, labels: value.labels as Labels, value: value.value });
    }
    return samples;
  }

  /** The self-metrics exposition; for OpenMetrics it ends with `# EOF`, so it must come last. */
  async render(format: ExpositionFormat): Promise<string> {
    const metrics = await this.registry.getMetricsAsJSON();
    return metrics.map((metric) => renderFamily(metric, format)).join('') + expositionEnd(format);
  }
}

function renderFamily(metric: MetricObjectWithValues<MetricValue<string>>, format: ExpositionFormat): string {
  const lines = [familyHeader({ name: metric.name, help: metric.help, type: String(metric.type) }, format)];
  for (const value of metric.values) {
    // A histogram's values name their series (`_bucket`, `_sum`, `_count`); a gauge's or counter's are the family's.
    const name = (value as { metricName?: string }).metricName ?? metric.name;
    lines.push(sampleLine(name, value.labels as LabelValues, value.value));
  }
  return lines.join('');
}
