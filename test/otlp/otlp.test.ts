/**
 * OTLP push end to end: the real exporter process, the fake GitHub API and a loopback OTLP receiver.
 * Every Copilot sample of /metrics must arrive with its name, attributes and value, in JSON and in
 * protobuf; a failing or unreachable collector is retried and logged, and /metrics does not notice.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_ENTITIES } from '../fake-github/server.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { copilotValues, sampleKey } from '../helpers/exposition.js';
import { type ExporterProcess, waitFor } from '../helpers/exporter-process.js';
import { OtlpReceiver, type ReceivedExport } from '../helpers/otlp-receiver.js';
import { scrape } from '../helpers/scrape.js';
import { otlpSettingsFromEnv } from '../../src/otlp/settings.js';
import { ExporterError } from '../../src/errors.js';

async function startReceiver(): Promise<OtlpReceiver> {
  const receiver = await new OtlpReceiver().start();
  onTestFinished(() => receiver.close());
  return receiver;
}

async function start(otlpEnv: Record<string, string>, logLevel = 'info'): Promise<ExporterProcess> {
  const fake = await fakeGitHubForTest();
  const orgs = DEFAULT_ENTITIES.filter((entity) => entity.kind === 'org').map((entity) => entity.slug).join(',');
  return exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ENTERPRISES: 'acme', COPILOT_ORGS: orgs, REFRESH_INTERVAL: '3600', LOG_LEVEL: logLevel, ...otlpEnv });
}

/** The Copilot series /metrics serves now, by sampleKey. */
async function copilotSamples(url: string): Promise<Map<string, number>> {
  return copilotValues((await scrape(url)).values);
}

/**
 * Every point of an export but the exporter's own and GitHub's data changes (both checked on their own):
 * not isCopilotSeries, so that anything else pushed has to be in the scrape too.
 */
function pushed(received: ReceivedExport): Map<string, number> {
  const copilot = received.points.filter((point) => !point.name.startsWith('github_copilot_exporter_') && point.name !== 'github_copilot_data_change_timestamp_seconds');
  return new Map(copilot.map((point) => [sampleKey(point.name, point.attributes), point.value]));
}

describe('OTLP push', () => {
  it.each([
    ['http/json', 'application/json'],
    ['http/protobuf', 'application/x-protobuf'],
  ])('pushes every sample of the snapshot with its attributes over %s', async (protocol, contentType) => {
    const receiver = await startReceiver();
    const { url, stdout } = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=otlpSecretKey123456' });
    const received = await waitFor('an OTLP export', async () => receiver.exports[0]);
    expect(received.contentType).toContain(contentType);
    expect(received.resource).toMatchObject({ 'service.name': 'github-copilot-exporter', 'service.version': expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const scraped = await copilotSamples(url);
    expect(scraped.size).toBeGreaterThan(1000);
    expect(pushed(received)).toEqual(scraped);
    const point = (name: string) => received.points.find((candidate) => candidate.name === name);
    expect(point('github_copilot_daily_active_users')).toMatchObject({ description: expect.stringMatching(/^Users who used Copilot on the reported day\. /), unit: '{user}', kind: 'gauge' });
    expect(point('github_copilot_loc_added')?.unit).toBe('{line}');
    expect(point('github_copilot_metrics_day_timestamp_seconds')?.unit).toBe('s');
    // The exporter's health goes along: an OTLP-only user can alert on a target that is down.
    expect(received.points.find((candidate) => candidate.name === 'github_copilot_exporter_target_up' && candidate.attributes.org === 'acme-web')).toMatchObject({ value: 1, kind: 'gauge' });
    expect(point('github_copilot_exporter_poll_errors_total')).toMatchObject({ kind: 'counter', value: 0 });
    // GitHub's data changes go with the exporter's own series: 00:00 UTC of the day, in seconds.
    expect(received.points.find((candidate) => candidate.name === 'github_copilot_data_change_timestamp_seconds' && candidate.attributes.change === 'server_side_active_users')).toMatchObject({ value: Date.UTC(2026, 5, 15) / 1000, unit: 's', kind: 'gauge' });
    expect(stdout.join('\n')).not.toContain('otlpSecretKey123456');
  });

  it('retries a collector answering 500, and /metrics does not notice', async () => {
    const receiver = await startReceiver();
    receiver.script = [500, 500];
    const { url, stdout } = await start({ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: `${receiver.url}/v1/metrics`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, 'debug');
    const received = await waitFor('an OTLP export after two failures', async () => receiver.exports[0], 20_000);
    expect(receiver.statuses.slice(0, 3)).toEqual([500, 500, 200]);
    expect(pushed(received)).toEqual(await copilotSamples(url));
    expect(stdout.join('\n')).toContain('OTLP push failed; retrying');
  });

  it('takes the service name and resource attributes from OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES', async () => {
    const receiver = await startReceiver();
    await start({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'copilot-prod', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,k8s.namespace.name=monitoring' });
    const received = await waitFor('an OTLP export', async () => receiver.exports[0]);
    expect(received.resource).toMatchObject({ 'service.name': 'copilot-prod', 'deployment.environment': 'prod', 'k8s.namespace.name': 'monitoring', 'service.version': expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('logs an unreachable collector and keeps serving /metrics', async () => {
    // OTEL_EXPORTER_OTLP_TIMEOUT bounds each attempt (the SDK retries network errors within it).
    const { url, stdout } = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_TIMEOUT: '1000' });
    await waitFor('the failure to be logged', async () => (stdout.some((line) => line.includes('OTLP push failed; /metrics is unaffected')) ? true : undefined), 30_000);
    const metrics = (await scrape(url)).text;
    expect(metrics).toContain('github_copilot_exporter_target_up{org="acme-web"} 1');
    expect(metrics).toContain('github_copilot_daily_active_users{enterprise="acme"}');
  }, 40_000);
});

describe('OTLP settings', () => {
  it('is off without an endpoint, and defaults to http/protobuf', () => {
    expect(otlpSettingsFromEnv({})).toBeUndefined();
    expect(otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:pw@otel.example:4318/?token=x' })).toEqual({
      protocol: 'http/protobuf',
      endpoint: 'https://otel.example:4318/?[REDACTED]',
      metricsUrl: 'https://otel.example:4318/?[REDACTED]',
      secrets: [],
    });
  });

  it('says where the metrics go: the metrics endpoint as it is, or the endpoint with /v1/metrics', () => {
    expect(otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })?.metricsUrl).toBe('http://collector:4318/v1/metrics');
    expect(otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://b:4318/custom' })?.metricsUrl).toBe('http://b:4318/custom');
  });

  it('keeps header values as secrets, and refuses grpc with a clear message', () => {
    expect(otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=abc%20def,x-tenant=t1' })?.secrets).toEqual(['abc def', 't1']);
    try {
      otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(ExporterError);
      expect((error as ExporterError).message).toBe(
        'Configuration error: OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (got "grpc"; grpc is not supported). Unset OTEL_EXPORTER_OTLP_ENDPOINT to turn OTLP off.',
      );
    }
  });
});
