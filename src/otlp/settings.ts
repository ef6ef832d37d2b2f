/**
 * Whether and how to push over OTLP, from the standard OpenTelemetry variables: on when
 * OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is set.
 */
import { configError } from '../errors.js';
import { redactUrl } from '../log.js';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpSettings {
  protocol: OtlpProtocol;
  /** For logs only, without query or credentials. */
  endpoint: string;
  /** The URL the metrics are sent to (the metrics endpoint, or the endpoint with /v1/metrics), for logs: redacted. */
  metricsUrl: string;
  /** Values of OTEL_EXPORTER_OTLP_HEADERS, kept out of logs. */
  secrets: string[];
}

type Env = Record<string, string | undefined>;

const OTLP_OPTIONS = ['ENDPOINT', 'HEADERS', 'TIMEOUT', 'PROTOCOL', 'COMPRESSION', 'CERTIFICATE', 'CLIENT_KEY', 'CLIENT_CERTIFICATE', 'INSECURE'];

/** The OTLP exporter's variables (opentelemetry.io/docs/specs/otel/protocol/exporter), which the SDK reads. */
export const OTLP_VARIABLES = [
  ...OTLP_OPTIONS.flatMap((option) => [`OTEL_EXPORTER_OTLP_${option}`, `OTEL_EXPORTER_OTLP_METRICS_${option}`]),
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
];

/** The OTLP settings of the environment, or undefined when no OTLP endpoint is set. */
export function otlpSettingsFromEnv(env: Env): OtlpSettings | undefined {
  const endpoint = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw configError(
      `Configuration error: OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (got "${protocol}"; grpc is not supported). Unset OTEL_EXPORTER_OTLP_ENDPOINT to turn OTLP off.`,
    );
  }
  const headers = [env.OTEL_EXPORTER_OTLP_HEADERS, env.OTEL_EXPORTER_OTLP_METRICS_HEADERS]
    .filter((value): value is string => Boolean(value))
    .flatMap((list) => list.split(','))
    .map((pair) => decodeURIComponent(pair.slice(pair.indexOf('=') + 1).trim()))
    .filter(Boolean);
  // The spec: a signal-specific endpoint is used as it is, the generic one gets /v1/metrics appended.
  const metricsUrl = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT || `${endpoint.replace(/\/+$/, '')}/v1/metrics`;
  const shown = (url: string) => redactUrl(url.replace(/\/\/[^@/]*@/, '//'));
  return { protocol, endpoint: shown(endpoint), metricsUrl: shown(metricsUrl), secrets: headers };
}

