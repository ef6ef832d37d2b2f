/**
 * The exporter's own metrics (docs/contract.md §4c), in one object. prom-client keeps their state (and the
 * standard process_* / nodejs_* metrics).
 *
 * The exporter's own families change only when something is recorded (a poll, a GitHub request, a remote
 * write), yet they grow with targets × collectors × reasons (some 20,000 lines at 400 targets). They are
 * rendered and deflated once per change, for each format, and those bytes serve every scrape until the
 * next change. Only the process metrics (CPU, memory, event loop), which move on their own, are rendered
 * per scrape; they are few.
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
import { deflateSegment } from './gzip-join.js';
import { type ExpositionFormat, type LabelValues, expositionEnd, familyHeader, sampleLine } from './text-format.js';

/** How one attempt of one collector for one target ended. */
export type CollectorOutcome = { ok: true; finishedAt: number } | { ok: false; reason: PollErrorReason };

function gauge(definition: MetricDefinition, registry: Registry): Gauge<string> {
  return new Gauge({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
}

function counter(definition: MetricDefinition, registry: Registry): Counter<string> {
  return new Counter({ name: definition.name, help: definition.help, labelNames: [...definition.labels], registers: [registry] });
}

/** The recorded self-metrics of one format, as of one change: plain, and deflated as a gzip segment (gzip-join.ts). */
export interface RecordedPart {
  bytes: Buffer;
  deflated: Buffer;
}

export class SelfMetrics implements ClientObserver {
  /** The exporter's own families, which change only through the methods below (each calls changed()). */
  private readonly registry = new Registry();
  /** process_* and nodejs_*, read at every scrape. */
  private readonly processRegistry = new Registry();
  /** Counts the changes to `registry`; a rendered part is current while its count is. */
  private changes = 0;
  private readonly rendered = new Map<ExpositionFormat, { changes: number; part: Promise<RecordedPart> }>();
  private readonly targetUp = gauge(SELF_METRICS.targetUp, this.registry);
  private readonly lastSuccess = gauge(SELF_METRICS.lastSuccess, this.registry);
  private readonly pollDuration = gauge(SELF_METRICS.pollDuration, this.registry);
  private readonly collectorSuccess = gauge(SELF_METRICS.collectorSuccess, this.registry);
  private readonly collectorLastSuccess = gauge(SELF_METRICS.collectorLastSuccess, this.registry);
  private readonly pollErrors = counter(SELF_METRICS.pollErrors, this.registry);
  private readonly reportRevisions = counter(SELF_METRICS.reportRevisions, this.registry);
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
      collectDefaultMetrics({ register: this.processRegistry });
      // prom-client names these gauges with a counter's `_total` suffix (promtool flags them): leave them out.
      for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
        this.processRegistry.removeSingleMetric(misnamed);
      }
    }
  }

  /**
   * Creates a target's series at zero, so alerts see them before the first poll ends: target_up, and the
   * error counters of each of its collectors and the revision counters of its day-keyed ones
   * (`collector_success` appears with the collector's first attempt).
   */
  registerTarget(scope: Labels, collectors: readonly string[], dayKeyed: readonly string[]): void {
    this.changes += 1;
    this.targetUp.set(scope, 0);
    this.droppedUsers.inc(scope, 0);
    this.droppedSeries.inc(scope, 0);
    for (const collector of collectors) for (const reason of POLL_ERROR_REASONS) this.pollErrors.inc({ ...scope, collector, reason }, 0);
    for (const collector of dayKeyed) this.reportRevisions.inc({ ...scope, collector }, 0);
  }

  /** A re-read of a provisional day found figures other than those served. */
  recordRevision(scope: Labels, collector: string): void {
    this.changes += 1;
    this.reportRevisions.inc({ ...scope, collector });
  }

  /** A failed attempt outside the polls (a settled day read for the push), counted with the collector's others. */
  recordError(scope: Labels, collector: string, reason: PollErrorReason): void {
    this.changes += 1;
    this.pollErrors.inc({ ...scope, collector, reason });
  }

  /** One attempt of a collector; the main report's also sets target_up (and its last success). */
  recordCollector(scope: Labels, collector: string, main: boolean, outcome: CollectorOutcome): void {
    this.changes += 1;
    const labels = { ...scope, collector };
    this.collectorSuccess.set(labels, outcome.ok ? 1 : 0);
    if (outcome.ok) this.collectorLastSuccess.set(labels, outcome.finishedAt);
    else this.pollErrors.inc({ ...labels, reason: outcome.reason });
    if (!main) return;
    this.targetUp.set(scope, outcome.ok ? 1 : 0);
    if (outcome.ok) this.lastSuccess.set(scope, outcome.finishedAt);
  }

  recordPollDuration(scope: Labels, seconds: number): void {
    this.changes += 1;
    this.pollDuration.set(scope, seconds);
  }

  recordDroppedUsers(scope: Labels, count: number): void {
    this.changes += 1;
    this.droppedUsers.inc(scope, count);
  }

  recordDroppedSeries(scope: Labels, count: number): void {
    this.changes += 1;
    this.droppedSeries.inc(scope, count);
  }

  /** Creates the remote write counters at zero, when REMOTE_WRITE_URL is set (and only then). */
  registerRemoteWrite(reasons: readonly string[]): void {
    this.changes += 1;
    this.remoteWrite = { samples: counter(SELF_METRICS.remoteWriteSamples, this.registry), failures: counter(SELF_METRICS.remoteWriteFailures, this.registry) };
    this.remoteWrite.samples.inc(0);
    for (const reason of reasons) this.remoteWrite.failures.inc({ reason }, 0);
  }

  recordRemoteWrite(samples: number): void {
    this.changes += 1;
    this.remoteWrite?.samples.inc(samples);
  }

  recordRemoteWriteFailure(reason: string): void {
    this.changes += 1;
    this.remoteWrite?.failures.inc({ reason });
  }

  onRequest(endpoint: string, code: string): void {
    this.changes += 1;
    this.githubRequests.inc({ endpoint, code });
  }

  onRateLimit(info: RateLimitInfo): void {
    this.changes += 1;
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

  /**
   * The exporter's own families as of the last change, rendered and deflated at most once per change and
   * format (the first scrape after a change renders them; every later one reuses the bytes).
   */
  recorded(format: ExpositionFormat): Promise<RecordedPart> {
    const cached = this.rendered.get(format);
    if (cached?.changes === this.changes) return cached.part;
    const part = renderRegistry(this.registry, format).then(async (text) => {
      const bytes = Buffer.from(text);
      return { bytes, deflated: await deflateSegment(bytes) };
    });
    this.rendered.set(format, { changes: this.changes, part });
    return part;
  }

  /** What changes between scrapes: the process metrics, then the end of the exposition (`# EOF` in OpenMetrics), so it must come last. */
  async perScrape(format: ExpositionFormat): Promise<Buffer> {
    return Buffer.from((await renderRegistry(this.processRegistry, format)) + expositionEnd(format));
  }

  /** The whole self-metrics exposition as one text (for tests and tools; scrapes write the parts). */
  async render(format: ExpositionFormat): Promise<string> {
    return (await this.recorded(format)).bytes.toString('utf8') + (await this.perScrape(format)).toString('utf8');
  }
}

async function renderRegistry(registry: Registry, format: ExpositionFormat): Promise<string> {
  const metrics = await registry.getMetricsAsJSON();
  return metrics.map((metric) => renderFamily(metric, format)).join('');
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
