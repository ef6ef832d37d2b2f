/**
 * OTLP push: after every completed poll, the Copilot snapshot is sent to an OpenTelemetry collector as
 * gauges with the same names and attributes as /metrics, using the standard OTEL_EXPORTER_OTLP_*
 * variables (endpoint, headers, protocol http/protobuf or http/json), read by the SDK's exporters.
 *
 * A reader without a timer collects on demand: one export per poll, never in between. A failed export
 * is retried with backoff and logged; it never touches /metrics. While one export runs, a newer
 * snapshot waits and replaces any older waiting one (the latest values are what matters).
 */
import type { ObservableCounter, ObservableGauge, ObservableResult } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtobufExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, InstrumentType, MeterProvider, MetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { wakeableSleep } from '../clock.js';
import { retryDelayMs } from '../github/retry-policy.js';
import type { OutboundHttp } from '../github/http-agents.js';
import type { Logger } from '../log.js';
import { unitOf } from '../metrics/definitions.js';
import type { Sample } from '../metrics/sample.js';
import type { OtlpSettings } from './settings.js';

/** Collects only when asked: one collection per poll. */
class OnDemandReader extends MetricReader {
  constructor() {
    // An OTLP gauge has no temporality on the wire; delta makes the SDK report only the series of the
    // latest snapshot, where cumulative would go on sending a series gone from /metrics at its last value.
    // The counters stay cumulative sums.
    super({ aggregationTemporalitySelector: (type) => (type === InstrumentType.OBSERVABLE_GAUGE ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE) });
  }

  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface OtlpPusherOptions {
  settings: OtlpSettings;
  version: string;
  logger: Logger;
  /** How requests leave the process: the SDK's exporter goes through the same proxy as GitHub requests. */
  http?: OutboundHttp;
}

/** Attempts per snapshot: a collector down for longer gets the next poll's snapshot instead. */
const ATTEMPTS = 4;

export class OtlpPusher {
  private readonly reader = new OnDemandReader();
  private readonly provider: MeterProvider;
  private readonly meter;
  private readonly exporter: PushMetricExporter;
  private readonly instruments = new Map<string, ObservableGauge | ObservableCounter>();
  private byFamily = new Map<string, Sample[]>();
  private running: Promise<void> | undefined;
  private waiting: Sample[] | undefined;
  /** Set by shutdown(): an attempt that fails is the last. */
  private stopping = false;
  /** Ends the wait between two attempts early (at shutdown): the snapshot gets its last attempt right away. */
  private wake: (() => void) | undefined;

  constructor(private readonly options: OtlpPusherOptions) {
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the SDK's environment detector) override the defaults.
    const defaults = resourceFromAttributes({ 'service.name': 'github-copilot-exporter', 'service.version': options.version });
    this.provider = new MeterProvider({ resource: defaults.merge(detectResources({ detectors: [envDetector] })), readers: [this.reader] });
    this.meter = this.provider.getMeter('github-copilot-exporter', options.version);
    const agents = options.http?.agents;
    // The SDK reads the OTEL_EXPORTER_OTLP_* variables itself; only the agent (a proxy's) is set here.
    const exporterOptions = agents ? { httpAgentOptions: (protocol: string) => (protocol === 'https:' ? agents.https : agents.http) } : {};
    this.exporter = options.settings.protocol === 'http/json' ? new JsonExporter(exporterOptions) : new ProtobufExporter(exporterOptions);
  }

  /** Sends this snapshot (after the one being sent, if any); resolves when it is sent or given up. */
  push(samples: readonly Sample[]): Promise<void> {
    // A poll that was in flight at shutdown still ends with a push: the SDK is shut down, so it is dropped.
    if (this.stopping) return Promise.resolve();
    this.waiting = [...samples];
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Stops retrying (a push waiting to retry makes its last attempt now), lets the export in flight
   * finish within `graceMs`, and shuts the SDK down. A collector that is down must not hold the
   * process past Kubernetes' grace period: what is not sent by then is dropped (the next start pushes
   * again).
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    const finished = await Promise.race([(this.running ?? Promise.resolve()).then(() => true), deadline.then(() => false)]);
    if (!finished) {
      this.options.logger.warn({ url: this.options.settings.metricsUrl, graceMs }, 'OTLP push still in flight at shutdown; abandoned, this snapshot is not sent (the next start pushes again)');
    }
    await Promise.race([Promise.all([this.provider.shutdown(), this.exporter.shutdown()]), deadline]);
  }

  private async drain(): Promise<void> {
    while (this.waiting) {
      const samples = this.waiting;
      this.waiting = undefined;
      await this.send(samples);
    }
  }

  private async send(samples: Sample[]): Promise<void> {
    this.observe(samples);
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) this.options.logger.warn({ errors: errors.map(String) }, 'collecting the OTLP snapshot reported errors');
    for (let attempt = 1; ; attempt += 1) {
      const result = await new Promise<ExportResult>((resolve) => this.exporter.export(resourceMetrics, resolve));
      if (result.code === ExportResultCode.SUCCESS) {
        this.options.logger.debug({ url: this.options.settings.metricsUrl, series: samples.length }, 'pushed the snapshot over OTLP');
        return;
      }
      const detail = { url: this.options.settings.metricsUrl, attempt, error: result.error?.message };
      if (attempt >= ATTEMPTS || this.stopping) {
        this.options.logger.warn(detail, this.stopping ? 'OTLP push failed while stopping; not retried' : 'OTLP push failed; /metrics is unaffected and the next poll pushes again');
        return;
      }
      this.options.logger.debug(detail, 'OTLP push failed; retrying');
      const backoff = wakeableSleep(retryDelayMs(attempt - 1, 1000, 30_000, Math.random));
      this.wake = backoff.wake;
      await backoff.slept;
      this.wake = undefined;
    }
  }

  /** Points the gauges at this snapshot; a family seen for the first time gets its gauge now. */
  private observe(samples: Sample[]): void {
    this.byFamily = new Map();
    for (const sample of samples) {
      const list = this.byFamily.get(sample.family.name);
      if (list) list.push(sample);
      else this.byFamily.set(sample.family.name, [sample]);
    }
    for (const [name, list] of this.byFamily) {
      if (this.instruments.has(name)) continue;
      const family = (list[0] as Sample).family;
      // The exporter's counters (poll errors, requests) stay counters: cumulative sums in OTLP.
      const options = { description: family.help, unit: unitOf(family) };
      const instrument = family.type === 'counter' ? this.meter.createObservableCounter(name, options) : this.meter.createObservableGauge(name, options);
      instrument.addCallback((result: ObservableResult) => {
        for (const sample of this.byFamily.get(name) ?? []) result.observe(sample.value, sample.labels);
      });
      this.instruments.set(name, instrument);
    }
  }
}
