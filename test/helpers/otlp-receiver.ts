/**
 * A loopback OTLP/HTTP metrics receiver for tests: records what it is sent, decodes JSON and protobuf
 * bodies (protobufjs with the OTLP message definitions), and answers with scripted statuses.
 */
import { once } from 'node:events';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

// From opentelemetry-proto: collector/metrics/v1, metrics/v1, common/v1, resource/v1 (the fields used here).
const OTLP_PROTO = `
syntax = "proto3";
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; }
message Metric { string name = 1; string description = 2; string unit = 3; oneof data { Gauge gauge = 5; Sum sum = 7; } }
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message NumberDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  oneof value { double as_double = 4; sfixed64 as_int = 6; }
  uint32 flags = 8;
}
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; } }
`;
const ExportRequest = protobuf.parse(OTLP_PROTO).root.lookupType('ExportMetricsServiceRequest');

export interface ReceivedPoint {
  name: string;
  description: string;
  unit: string;
  /** A gauge's point, or a monotonic sum's (a counter). */
  kind: 'gauge' | 'counter';
  attributes: Record<string, string>;
  value: number;
}

export interface ReceivedExport {
  contentType: string;
  resource: Record<string, string>;
  points: ReceivedPoint[];
}

type Json = Record<string, unknown>;

function attributes(list: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of (list as Json[] | undefined) ?? []) {
    const value = entry.value as Json;
    result[String(entry.key)] = String(value.stringValue ?? value.intValue ?? value.doubleValue ?? value.boolValue);
  }
  return result;
}

/** Both encodings, once as plain objects with camelCase names, read the same way. */
function normalize(request: Json, contentType: string): ReceivedExport {
  const resourceMetrics = (request.resourceMetrics as Json[]) ?? [];
  const points: ReceivedPoint[] = [];
  for (const resourceMetric of resourceMetrics) {
    for (const scope of (resourceMetric.scopeMetrics as Json[]) ?? []) {
      for (const metric of (scope.metrics as Json[]) ?? []) {
        const sum = metric.sum as Json | undefined;
        const kind = sum?.isMonotonic ? 'counter' : 'gauge';
        for (const point of (((metric.gauge ?? sum) as Json | undefined)?.dataPoints as Json[]) ?? []) {
          const value = Number(point.asDouble ?? point.asInt);
          points.push({ name: String(metric.name), description: String(metric.description ?? ''), unit: String(metric.unit ?? ''), kind, attributes: attributes(point.attributes), value });
        }
      }
    }
  }
  return { contentType, resource: attributes((resourceMetrics[0]?.resource as Json | undefined)?.attributes), points };
}

export class OtlpReceiver {
  readonly exports: ReceivedExport[] = [];
  readonly statuses: number[] = [];
  /** Statuses to answer with, in order; 200 once they run out. */
  script: number[] = [];
  url = '';
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = this.script.shift() ?? 200;
        this.statuses.push(status);
        if (status === 200 && req.url === '/v1/metrics') {
          const body = Buffer.concat(chunks);
          const contentType = req.headers['content-type'] ?? '';
          const request = contentType.includes('json')
            ? (JSON.parse(body.toString()) as Json)
            : (ExportRequest.toObject(ExportRequest.decode(body), { longs: Number, defaults: false }) as Json);
          this.exports.push(normalize(request, contentType));
        }
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
