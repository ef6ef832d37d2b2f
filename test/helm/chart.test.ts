/**
 * The Helm chart, with the real helm binary (scripts/fetch-helm.sh puts it in .tmp/bin): lint --strict,
 * every ci/*-values.yaml scenario rendered and validated against the Kubernetes and Prometheus Operator
 * schemas (kubernetes-models), the secure defaults, the shipped rules and dashboards, the values schema,
 * and the values the templates refuse (no image, no target, no credential) with their messages.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/exporter-process.js';
import { HELM, itWithTool } from '../helpers/tools.js';

const CHART = join(PROJECT_ROOT, 'helm/github-copilot-exporter');
const scenarios = readdirSync(join(CHART, 'ci')).filter((file) => file.endsWith('-values.yaml'));
const withHelm = itWithTool(HELM, ['version']);
/** Timeout of tests that run helm many times (about 0.2 s a run, several times that on a busy machine). */
const MANY_HELM_RUNS = 120_000;

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

function helm(...args: string[]) {
  const result = spawnSync(HELM, args, { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function render(...args: string[]): Manifest[] {
  const { status, stdout, stderr } = helm('template', 'copilot', CHART, '--namespace', 'monitoring', ...args);
  if (status !== 0) throw new Error(stderr);
  return parseAllDocuments(stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function scenario(name: string, ...args: string[]): Manifest[] {
  return render('-f', join(CHART, 'ci', name), ...args);
}

/** Every manifest valid against its Kubernetes or Prometheus Operator schema. */
function expectValid(manifests: Manifest[], what: string): void {
  for (const manifest of manifests) {
    const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
    expect(Model, `${what}: ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
    expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate(), `${what}: ${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
  }
}

/** The image every scenario sets: the chart has no default, as no image is published. */
const IMAGE = 'registry.example.com/platform/github-copilot-exporter';

/** `helm template` with these values fails, saying this. */
function expectRefused(args: string[], message: string): void {
  const { status, stderr } = helm('template', 'copilot', CHART, ...args);
  expect(status, args.join(' ')).not.toBe(0);
  expect(stderr, args.join(' ')).toContain(message);
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Manifest;
}

type Probe = { httpGet: { path: string; scheme: string }; periodSeconds?: number; failureThreshold?: number };
type EnvVar = { name: string; value?: string; valueFrom?: unknown };
type Container = {
  securityContext: Record<string, unknown>;
  startupProbe: Probe;
  livenessProbe: Probe;
  readinessProbe: Probe;
  env: EnvVar[];
  volumeMounts: Array<{ name: string; mountPath: string }>;
  image: string;
  resources?: Record<string, unknown>;
};
type PodSpec = {
  securityContext: Record<string, unknown>;
  automountServiceAccountToken: boolean;
  containers: Container[];
  volumes: Array<{ name: string; secret?: { secretName: string } }>;
  topologySpreadConstraints?: unknown[];
};
function podSpec(manifests: Manifest[]): PodSpec {
  return (only(manifests, 'Deployment') as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
}

function deploymentSpec(manifests: Manifest[]): { replicas: number; strategy: Record<string, unknown> } {
  return (only(manifests, 'Deployment') as unknown as { spec: { replicas: number; strategy: Record<string, unknown> } }).spec;
}

function configData(manifests: Manifest[]): Record<string, string> {
  return (only(manifests.filter((manifest) => !manifest.metadata.labels?.grafana_dashboard), 'ConfigMap') as unknown as { data: Record<string, string> }).data;
}

/** The TCP ports the NetworkPolicy lets the pod reach, besides DNS. */
function egressPorts(manifests: Manifest[]): Array<number | string> {
  const policy = only(manifests, 'NetworkPolicy') as unknown as { spec: { egress: Array<{ ports: Array<{ port: number | string; protocol: string }> }> } };
  return policy.spec.egress.flatMap((rule) => rule.ports).filter((port) => port.port !== 53).map((port) => port.port);
}

/** The values of a scenario file. */
function values(file: string): Record<string, unknown> {
  return parse(readFileSync(join(CHART, 'ci', file), 'utf8')) as Record<string, unknown>;
}

describe('the Helm chart', () => {
  withHelm('passes helm lint --strict with every scenario; with no values it names what is missing, as INFO (the chart README says why)', () => {
    const bare = helm('lint', '--strict', CHART);
    expect(`${bare.stdout}${bare.stderr}`).toContain('3 required values are missing: (1) image.repository is required');
    for (const args of scenarios.map((file) => ['-f', join(CHART, 'ci', file)])) {
      const { status, stdout, stderr } = helm('lint', '--strict', CHART, ...args);
      expect(`${stdout}${stderr}`, args.join(' ')).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(status).toBe(0);
    }
  }, MANY_HELM_RUNS);

  withHelm('renders every scenario to manifests valid against the Kubernetes schemas', () => {
    expect(scenarios.sort()).toEqual([
      'all-enabled-values.yaml',
      'default-values.yaml',
      'existing-secret-values.yaml',
      'github-app-values.yaml',
      'otlp-proxy-values.yaml',
      'proxy-secret-values.yaml',
      'remote-write-values.yaml',
      'replicas-values.yaml',
      'web-config-values.yaml',
    ]);
    for (const file of scenarios) {
      expect((values(file).image as { repository?: string } | undefined)?.repository, file).toBe(IMAGE);
      expectValid(scenario(file), file);
    }
  }, MANY_HELM_RUNS);

  withHelm('runs the pod with the secure defaults and both probes in every scenario', () => {
    for (const file of scenarios) {
      const manifests = scenario(file);
      const spec = podSpec(manifests);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
      const [container] = spec.containers;
      expect(container?.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
      expect(container?.startupProbe.httpGet.path).toBe('/readyz');
      expect(container?.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container?.readinessProbe.httpGet.path).toBe('/readyz');
      expect(deploymentSpec(manifests).replicas).toBe((values(file).replicaCount as number | undefined) ?? 1);
    }
  });

  withHelm('sets measured resources and a startup probe that covers a large first poll by default, valid against the Kubernetes schemas', () => {
    const defaults = scenario('default-values.yaml');
    expectValid(defaults, 'default-values.yaml');
    const [container] = podSpec(defaults).containers;
    expect(container?.resources).toEqual({ requests: { cpu: '50m', memory: '160Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(container?.startupProbe).toEqual({ httpGet: { path: '/readyz', port: 'metrics', scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 60 });
    // Ten minutes: the first poll of 25 organizations of 2,000 users took 436 s (the chart README).
    expect((container?.startupProbe.periodSeconds ?? 0) * (container?.startupProbe.failureThreshold ?? 0)).toBeGreaterThanOrEqual(436);
  });

  withHelm('keeps secrets out of ConfigMaps and hands them over as files', () => {
    const defaults = scenario('default-values.yaml');
    const token = (parse(readFileSync(join(CHART, 'ci/default-values.yaml'), 'utf8')) as { github: { token: string } }).github.token;
    const config = only(defaults, 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(JSON.stringify(config)).not.toContain(token);
    expect(Object.keys(config.data)).not.toContain('GITHUB_TOKEN');
    expect(Buffer.from((only(defaults, 'Secret') as unknown as { data: { token: string } }).data.token, 'base64').toString()).toBe(token);
    expect(podSpec(defaults).containers[0]?.env).toContainEqual({ name: 'GITHUB_TOKEN_FILE', value: '/var/run/secrets/github-copilot-exporter/token' });

    const app = scenario('github-app-values.yaml');
    const appConfig = JSON.stringify(app.filter((manifest) => manifest.kind === 'ConfigMap'));
    expect(appConfig).not.toContain('PRIVATE KEY');
    expect(appConfig).toContain('"GITHUB_APP_ID":"123456"');
    expect(podSpec(app).containers[0]?.env).toContainEqual({ name: 'GITHUB_APP_PRIVATE_KEY_FILE', value: '/var/run/secrets/github-copilot-exporter/private-key' });

    const all = scenario('all-enabled-values.yaml');
    expect(JSON.stringify(all.filter((manifest) => manifest.kind === 'ConfigMap' && !manifest.metadata.labels?.grafana_dashboard))).not.toContain('chart-test-salt-value');
    expect(podSpec(all).containers[0]?.env).toContainEqual({
      name: 'COPILOT_USER_HASH_SALT',
      valueFrom: { secretKeyRef: { name: 'copilot-github-copilot-exporter', key: 'user-hash-salt' } },
    });

    const existing = scenario('existing-secret-values.yaml');
    expect(existing.filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
    expect(podSpec(existing).volumes[0]?.secret?.secretName).toBe('github-copilot-token');
    expect(podSpec(existing).containers[0]?.env).toContainEqual({ name: 'GITHUB_TOKEN_FILE', value: '/var/run/secrets/github-copilot-exporter/GITHUB_TOKEN' });
  });

  withHelm('protects the endpoints with a web config Secret: mounted beside its certificate, probed and scraped over HTTPS', () => {
    const plain = scenario('all-enabled-values.yaml');
    const [plainContainer] = podSpec(plain).containers;
    expect(plainContainer?.env.map((variable) => variable.name)).not.toContain('WEB_CONFIG_FILE');
    expect([plainContainer?.livenessProbe.httpGet.scheme, plainContainer?.readinessProbe.httpGet.scheme]).toEqual(['HTTP', 'HTTP']);
    expect((only(plain, 'ServiceMonitor') as unknown as { spec: { endpoints: Array<{ scheme: string }> } }).spec.endpoints[0]?.scheme).toBe('http');

    const manifests = scenario('web-config-values.yaml');
    const spec = podSpec(manifests);
    const [container] = spec.containers;
    const webConfigFile = container?.env.find((variable) => variable.name === 'WEB_CONFIG_FILE')?.value;
    const mount = container?.volumeMounts.find((volumeMount) => volumeMount.name === 'web-config');
    // The file and the tls.crt/tls.key it names relative to itself come from the same Secret.
    expect(webConfigFile).toBe(`${mount?.mountPath}/web-config.yml`);
    expect(spec.volumes.find((volume) => volume.name === 'web-config')?.secret?.secretName).toBe('github-copilot-exporter-web');
    // Probe paths are the ones basic auth leaves open; the exporter's e2e test proves they answer without credentials.
    expect(container?.livenessProbe.httpGet).toMatchObject({ path: '/healthz', scheme: 'HTTPS' });
    expect(container?.readinessProbe.httpGet).toMatchObject({ path: '/readyz', scheme: 'HTTPS' });
    const endpoint = (only(manifests, 'ServiceMonitor') as unknown as { spec: { endpoints: Array<Record<string, unknown>> } }).spec.endpoints[0];
    expect(endpoint).toMatchObject({
      scheme: 'https',
      tlsConfig: { serverName: 'github-copilot-exporter.monitoring.svc', ca: { secret: { name: 'github-copilot-exporter-web', key: 'ca.crt' } } },
      basicAuth: { username: { name: 'github-copilot-exporter-scrape', key: 'username' }, password: { name: 'github-copilot-exporter-scrape', key: 'password' } },
    });
  });

  withHelm('creates the ServiceMonitor, PrometheusRule, dashboards and NetworkPolicy only when enabled', () => {
    const kinds = (manifests: Manifest[]) => manifests.map((manifest) => manifest.kind).sort();
    expect(kinds(scenario('default-values.yaml'))).toEqual(['ConfigMap', 'Deployment', 'Secret', 'Service', 'ServiceAccount']);
    const all = scenario('all-enabled-values.yaml');
    expect(new Set(kinds(all))).toEqual(new Set(['ConfigMap', 'Deployment', 'NetworkPolicy', 'PrometheusRule', 'Secret', 'Service', 'ServiceAccount', 'ServiceMonitor']));
    expect(only(all, 'ServiceMonitor').metadata.labels?.release).toBe('kube-prometheus-stack');
  });

  withHelm('ships the rules and dashboards exactly as their sources', () => {
    const all = scenario('all-enabled-values.yaml');
    const rules = parse(readFileSync(join(PROJECT_ROOT, 'prometheus/github-copilot.rules.yml'), 'utf8')) as unknown;
    expect((only(all, 'PrometheusRule') as unknown as { spec: unknown }).spec).toEqual(rules);
    const dashboards = all.filter((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.labels?.grafana_dashboard === '1') as unknown as Array<{ data: Record<string, string> }>;
    const sources = readdirSync(join(PROJECT_ROOT, 'grafana')).sort();
    expect(dashboards.flatMap((configMap) => Object.keys(configMap.data)).sort()).toEqual(sources);
    for (const configMap of dashboards) {
      for (const [name, json] of Object.entries(configMap.data)) expect(json, name).toBe(readFileSync(join(PROJECT_ROOT, 'grafana', name), 'utf8').trimEnd());
    }
  });

  withHelm('refuses, naming the value to set, an install without an image, a target or a credential', () => {
    const image = ['--set', `image.repository=${IMAGE}`];
    const token = ['--set', 'github.token=ghp_exampleTokenForChartTests0000000000'];
    const org = ['--set', 'copilot.orgs={octo-org}'];
    const cases: Array<[string[], string]> = [
      // The bare defaults: every value they lack, in one error (no image is published, so there is no default to pull).
      [
        [],
        'execution error at (github-copilot-exporter/templates/deployment.yaml:1:4): 3 required values are missing: (1) image.repository is required: no image of the exporter is published, so build it and push it to your registry (see "Container" in the repository README), then set image.repository (image.tag defaults to the chart\'s appVersion, 0.1.0); (2) no target to export: set copilot.orgs or copilot.enterprises; (3) no GitHub credential: set github.existingSecret (a Secret with the token under "token", github.existingSecretTokenKey), github.token, or github.app.id with github.app.privateKey\n',
      ],
      [[...image], '2 required values are missing: (1) no target to export: set copilot.orgs or copilot.enterprises; (2) no GitHub credential: set github.existingSecret'],
      [[...token, ...org], 'image.repository is required: no image of the exporter is published'],
      [[...image, ...token], 'no target to export: set copilot.orgs or copilot.enterprises\n'],
      [[...image, ...token, '--set', 'copilot.teams={octo-org/platform}'], 'no target to export: set copilot.orgs or copilot.enterprises (with the usage-metrics source, copilot.teams and copilot.enterpriseTeams only choose the team series of those targets)'],
      [[...image, ...token, '--set', 'copilot.api=legacy-metrics'], 'no target to export: set copilot.orgs, copilot.enterprises, copilot.teams or copilot.enterpriseTeams\n'],
      [[...image, ...org], 'no GitHub credential: set github.existingSecret (a Secret with the token under "token", github.existingSecretTokenKey), github.token, or github.app.id with github.app.privateKey\n'],
      [[...image, ...org, '--set', 'github.existingSecretTokenKey=GITHUB_TOKEN'], 'no GitHub credential: set github.existingSecret (a Secret with the token under "GITHUB_TOKEN", github.existingSecretTokenKey)'],
      [[...image, ...org, '--set-string', 'github.app.id=123456'], 'github.app.id is set but the App has no private key: set github.app.privateKey, or github.existingSecret (a Secret with the key under "private-key", github.existingSecretPrivateKeyKey)\n'],
      [[...image, ...org, '--set', 'github.app.privateKey=pem'], "github.app.privateKey or github.app.installationId is set without github.app.id: set github.app.id, the App's numeric id\n"],
      [[...image, ...org, ...token, '--set-string', 'github.app.id=123456', '--set', 'github.app.privateKey=pem'], 'set either github.token or github.app.id, not both\n'],
      [[...image, ...org, ...token, '--set', 'github.existingSecret=github-copilot-token'], "github.existingSecret replaces the chart's Secret: unset github.token and github.app.privateKey, or github.existingSecret\n"],
      [[...image, ...org, ...token, '--set', 'copilot.userMetrics=true', '--set', 'copilot.userLabel=hash'], 'copilot.userLabel=hash needs copilot.userHashSalt, a secret of at least 8 characters that stays the same across upgrades (or a user-hash-salt key in github.existingSecret)\n'],
      [[...image, ...org, '--set', 'github.existingSecret=github-copilot-token', '--set', 'copilot.userMetrics=true', '--set', 'copilot.userLabel=hash', '--set', 'copilot.userHashSalt=chart-test-salt-value'], 'copilot.userHashSalt is not used with github.existingSecret: put the salt into Secret github-copilot-token under the key user-hash-salt, and unset copilot.userHashSalt\n'],
      [[...image, ...org, ...token, '--set', 'proxy.https=http://user:secret@proxy.example.com:3128'], 'proxy.https holds credentials, which would land in a ConfigMap: put the URL into a Secret and set proxy.existingSecret instead\n'],
      [[...image, ...org, ...token, '--set', 'otlp.endpoint=https://user:secret@otlp.example.com'], 'otlp.endpoint holds credentials, which would land in a ConfigMap: send them as a header with otlp.headersSecret instead\n'],
      [[...image, ...org, ...token, '--set', 'proxy.http=http://proxy.example.com:3128', '--set', 'proxy.existingSecret=corp-proxy'], 'set either proxy.https/proxy.http or proxy.existingSecret, not both\n'],
      [[...image, ...org, ...token, '--set', 'replicaCount=2', '--set', 'podDisruptionBudget.minAvailable=2'], 'podDisruptionBudget.minAvailable (2) must be below replicaCount (2), or no node could ever be drained\n'],
    ];
    for (const [args, message] of cases) expectRefused(args, message);
    // What the defaults need, and nothing more, renders.
    expect(only(render(...image, ...org, ...token), 'Deployment').kind).toBe('Deployment');
    expect(podSpec(render(...image, ...org, ...token, '--set', 'image.tag=1.2.3')).containers[0]?.image).toBe(`${IMAGE}:1.2.3`);
    expect(podSpec(render(...image, ...org, ...token)).containers[0]?.image).toBe(`${IMAGE}:0.1.0`);
    expect(podSpec(render(...image, '--set', 'copilot.api=legacy-metrics', '--set', 'copilot.teams={octo-org/platform}', '--set', 'github.existingSecret=github-copilot-token')).containers[0]?.env).toContainEqual({
      name: 'GITHUB_TOKEN_FILE',
      value: '/var/run/secrets/github-copilot-exporter/token',
    });
  }, MANY_HELM_RUNS);

  withHelm('passes the OTLP, proxy and tuning values to the exporter only when set, secrets by reference', () => {
    const optional = ['GITHUB_REQUEST_TIMEOUT', 'POLL_CONCURRENCY', 'MAX_SERIES_PER_FAMILY', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'];
    const defaults = scenario('default-values.yaml');
    const names = [...Object.keys(configData(defaults)), ...(podSpec(defaults).containers[0]?.env ?? []).map((variable) => variable.name)];
    for (const name of optional) expect(names, name).not.toContain(name);

    const manifests = scenario('otlp-proxy-values.yaml');
    expect(configData(manifests)).toMatchObject({
      GITHUB_REQUEST_TIMEOUT: '60',
      POLL_CONCURRENCY: '8',
      // Not 1e+06: Helm reads numbers as floats, the chart writes them as integers.
      MAX_SERIES_PER_FAMILY: '1000000',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TIMEOUT: '15000',
      OTEL_SERVICE_NAME: 'copilot-exporter-prod',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=production,k8s.cluster.name=ops-eu-1',
      HTTPS_PROXY: 'http://proxy.corp.example.com:3128',
      HTTP_PROXY: 'http://proxy.corp.example.com:3128',
      NO_PROXY: '.svc,.cluster.local,10.0.0.0/8',
    });
    const [container] = podSpec(manifests).containers;
    expect(container?.image).toBe(`${IMAGE}:0.1.0-rc.1`);
    expect(container?.env).toContainEqual({ name: 'OTEL_EXPORTER_OTLP_HEADERS', valueFrom: { secretKeyRef: { name: 'otlp-credentials', key: 'OTEL_EXPORTER_OTLP_HEADERS' } } });
    expect(Object.keys(configData(manifests))).not.toContain('OTEL_EXPORTER_OTLP_HEADERS');

    // A proxy with credentials: from the Secret, each URL optional, never in the ConfigMap.
    const secret = scenario('proxy-secret-values.yaml');
    expect(configData(secret)).toMatchObject({ NO_PROXY: '.svc,.cluster.local' });
    expect(Object.keys(configData(secret))).not.toContain('HTTPS_PROXY');
    const env = podSpec(secret).containers[0]?.env ?? [];
    expect(env.filter((variable) => variable.name.endsWith('_PROXY'))).toEqual([
      { name: 'HTTPS_PROXY', valueFrom: { secretKeyRef: { name: 'corp-proxy', key: 'https-proxy', optional: true } } },
      { name: 'HTTP_PROXY', valueFrom: { secretKeyRef: { name: 'corp-proxy', key: 'http-proxy', optional: true } } },
    ]);
  });

  withHelm('sets every collector switch, and the remote write settings with its credentials as files and headers by reference', () => {
    const defaults = configData(scenario('default-values.yaml'));
    expect(defaults).toMatchObject({ COPILOT_REPOSITORY_METRICS: 'true', COPILOT_AI_CREDIT_METRICS: 'false', COPILOT_USER_BREAKDOWNS: 'false' });
    for (const name of ['SEATS_REFRESH_INTERVAL', 'AI_CREDITS_REFRESH_INTERVAL', 'REMOTE_WRITE_URL', 'REMOTE_WRITE_LABELS', 'REMOTE_WRITE_USERNAME']) expect(Object.keys(defaults), name).not.toContain(name);

    const manifests = scenario('remote-write-values.yaml');
    expect(configData(manifests)).toMatchObject({
      COPILOT_USER_BREAKDOWNS: 'true',
      COPILOT_REPOSITORY_METRICS: 'false',
      COPILOT_AI_CREDIT_METRICS: 'true',
      SEATS_REFRESH_INTERVAL: '43200',
      AI_CREDITS_REFRESH_INTERVAL: '7200',
      REMOTE_WRITE_URL: 'http://mimir-nginx.mimir.svc:8080/api/v1/push',
      REMOTE_WRITE_LABELS: 'instance=copilot-exporter,job=github-copilot',
      REMOTE_WRITE_USERNAME: 'copilot',
    });
    const pod = podSpec(manifests);
    const env = pod.containers[0]?.env ?? [];
    expect(env).toContainEqual({ name: 'REMOTE_WRITE_PASSWORD_FILE', value: '/var/run/secrets/remote-write/password' });
    expect(env).toContainEqual({ name: 'REMOTE_WRITE_HEADERS', valueFrom: { secretKeyRef: { name: 'mimir-tenant', key: 'headers' } } });
    expect(pod.containers[0]?.volumeMounts).toContainEqual({ name: 'remote-write-credential', mountPath: '/var/run/secrets/remote-write', readOnly: true });
    expect(pod.volumes.find((volume) => volume.name === 'remote-write-credential')?.secret?.secretName).toBe('mimir-credentials');
    expect(egressPorts(manifests)).toEqual([443, 8080]);
    // Without a user, the Secret holds a bearer token.
    const bearer = podSpec(scenario('remote-write-values.yaml', '--set', 'remoteWrite.username=')).containers[0]?.env ?? [];
    expect(bearer).toContainEqual({ name: 'REMOTE_WRITE_BEARER_TOKEN_FILE', value: '/var/run/secrets/remote-write/bearer-token' });
    expect(bearer.map((variable) => variable.name)).not.toContain('REMOTE_WRITE_PASSWORD_FILE');

    const endpoint = (only(manifests, 'ServiceMonitor') as unknown as { spec: { endpoints: Array<Record<string, unknown>> } }).spec.endpoints[0];
    expect(endpoint?.relabelings).toEqual([{ targetLabel: 'instance', replacement: 'copilot-exporter' }]);
    expect(endpoint?.metricRelabelings).toEqual([{ sourceLabels: ['__name__'], regex: 'github_copilot_(exporter_|seats_|ai_credits_).*', action: 'keep' }]);
  });

  withHelm('opens egress to DNS, networkPolicy.egressPorts and the ports of the GitHub, OTLP and proxy URLs', () => {
    const dns = (manifests: Manifest[]) =>
      (only(manifests, 'NetworkPolicy') as unknown as { spec: { egress: Array<{ ports: Array<{ port: number; protocol: string }> }> } }).spec.egress[0]?.ports;
    const all = scenario('all-enabled-values.yaml');
    expect(dns(all)).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    expect(egressPorts(all)).toEqual([443]);
    // The configured ports first, then the collector's and the proxy's (once, though both proxies name it).
    const proxied = scenario('otlp-proxy-values.yaml');
    expect(egressPorts(proxied)).toEqual([443, 8443, 4318, 3128]);
    expectValid(proxied, 'otlp-proxy-values.yaml');
    // Without an explicit port, the scheme's: 80 for http, 443 for https; GitHub Enterprise Server on its own port.
    const derived = scenario(
      'all-enabled-values.yaml',
      '--set', 'networkPolicy.egressPorts={8443}',
      '--set', 'github.apiUrl=https://github.example.com:8444/api/v3',
      '--set', 'otlp.endpoint=http://otel-collector.observability.svc',
      '--set', 'proxy.https=https://proxy.example.com',
      '--set', 'proxy.http=http://[fd00::10]:8888',
    );
    expect(egressPorts(derived)).toEqual([8443, 8444, 80, 443, 8888]);
    expectValid(derived, 'derived egress ports');
    // A proxy whose URL the chart cannot see: the ports listed by hand.
    expect(egressPorts(scenario('proxy-secret-values.yaml'))).toEqual([443, 8080]);
  });

  withHelm('with more than one replica, adds a PodDisruptionBudget, spreads the pods over nodes and rolls updates', () => {
    const single = scenario('default-values.yaml');
    expect(single.filter((manifest) => manifest.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(podSpec(single).topologySpreadConstraints).toBeUndefined();
    expect(deploymentSpec(single).strategy).toEqual({ type: 'Recreate' });

    const manifests = scenario('replicas-values.yaml');
    expectValid(manifests, 'replicas-values.yaml');
    const selector = { 'app.kubernetes.io/name': 'github-copilot-exporter', 'app.kubernetes.io/instance': 'copilot' };
    expect(deploymentSpec(manifests).replicas).toBe(2);
    expect(deploymentSpec(manifests).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect((only(manifests, 'PodDisruptionBudget') as unknown as { spec: unknown }).spec).toEqual({ minAvailable: 1, selector: { matchLabels: selector } });
    expect(podSpec(manifests).topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } },
    ]);

    // The user's own constraints and budget win; the budget can be turned off.
    const zones = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector } }];
    const custom = scenario(
      'replicas-values.yaml',
      '--set', 'replicaCount=3',
      '--set', 'podDisruptionBudget.maxUnavailable=34%',
      '--set-json', `topologySpreadConstraints=${JSON.stringify(zones)}`,
    );
    expectValid(custom, 'replicas-values.yaml with its own constraints');
    expect(podSpec(custom).topologySpreadConstraints).toEqual(zones);
    expect((only(custom, 'PodDisruptionBudget') as unknown as { spec: unknown }).spec).toEqual({ maxUnavailable: '34%', selector: { matchLabels: selector } });
    const withoutBudget = scenario('replicas-values.yaml', '--set', 'podDisruptionBudget.enabled=false');
    expect(withoutBudget.filter((manifest) => manifest.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  withHelm('rejects typos and wrong types with a message naming the value', () => {
    const cases: Array<[string[], string]> = [
      [['--set', 'serviceMonitor.enable=true'], "at '/serviceMonitor': additional properties 'enable' not allowed"],
      [['--set', 'copilot.api=metrics'], "at '/copilot/api': value must be one of 'usage-metrics', 'legacy-metrics'"],
      [['--set', 'refreshInterval=hourly'], "at '/refreshInterval': got string, want integer"],
      [['--set', 'replicaCount=-1'], "at '/replicaCount': minimum: got -1, want 0"],
      [['--set', 'github.requestTimeout=0'], "at '/github/requestTimeout': minimum: got 0, want 1"],
      [['--set', 'poll.concurrency=many'], "at '/poll/concurrency'"],
      [['--set', 'otlp.protocol=grpc'], "at '/otlp/protocol': value must be one of '', 'http/protobuf', 'http/json'"],
      [['--set', 'proxy.https=proxy.example.com:3128'], "at '/proxy/https'"],
      [['--set', 'podDisruptionBudget.minAvailable=half'], "at '/podDisruptionBudget/minAvailable'"],
      [['--set', 'copilot.orgs={bad org}'], "at '/copilot/orgs/0'"],
    ];
    for (const [args, message] of cases) expectRefused(args, message);
  });

  withHelm('prints how to reach /metrics, and refuses to install what could not start', () => {
    const installed = helm('install', 'copilot', CHART, '--dry-run=client', '--namespace', 'monitoring', '-f', join(CHART, 'ci/default-values.yaml'));
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('kubectl --namespace monitoring port-forward service/copilot-github-copilot-exporter 9847');
    expect(installed.stdout).not.toContain('NOTE: the proxy');
    const empty = helm('install', 'copilot', CHART, '--dry-run=client');
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('3 required values are missing: (1) image.repository is required');

    const proxied = helm('install', 'copilot', CHART, '--dry-run=client', '-f', join(CHART, 'ci/proxy-secret-values.yaml'));
    expect(proxied.stdout).toContain('NOTE: the proxy URLs are in Secret corp-proxy, so the NetworkPolicy cannot know the proxy\'s port:\nthe exporter may reach TCP 443, 8080.');
    const replicated = helm('install', 'copilot', CHART, '--dry-run=client', '-f', join(CHART, 'ci/replicas-values.yaml'));
    expect(replicated.stdout).toContain('2 replicas: each polls GitHub on its own');
  });
});

describe('the chart README', () => {
  it('has a parameters table generated from values.yaml (run npx readme-generator, see the README)', () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'chart-readme-')), 'README.md');
    copyFileSync(join(CHART, 'README.md'), copy);
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/@bitnami/readme-generator-for-helm/bin/index.js'), '--values', join(CHART, 'values.yaml'), '--readme', copy], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(CHART, 'README.md'), 'utf8'));
  });
});
