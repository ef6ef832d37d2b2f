/**
 * The Helm chart, with the real helm binary (scripts/fetch-helm.sh puts it in .tmp/bin): lint --strict,
 * every ci/*-values.yaml scenario rendered and validated against the Kubernetes and Prometheus Operator
 * schemas (kubernetes-models), the secure defaults, the shipped rules and dashboards, the values schema.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
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

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: unknown };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
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

function scenario(name: string): Manifest[] {
  return render('-f', join(CHART, 'ci', name));
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0] as Manifest;
}

type Probe = { httpGet: { path: string; scheme: string } };
type Container = {
  securityContext: Record<string, unknown>;
  livenessProbe: Probe;
  readinessProbe: Probe;
  env: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  volumeMounts: Array<{ name: string; mountPath: string }>;
  image: string;
};
function podSpec(manifests: Manifest[]): { securityContext: Record<string, unknown>; automountServiceAccountToken: boolean; containers: Container[]; volumes: Array<{ name: string; secret?: { secretName: string } }> } {
  return (only(manifests, 'Deployment') as unknown as { spec: { template: { spec: ReturnType<typeof podSpec> } } }).spec.template.spec;
}

describe('the Helm chart', () => {
  withHelm('passes helm lint --strict with its defaults and every scenario', () => {
    for (const args of [[], ...scenarios.map((file) => ['-f', join(CHART, 'ci', file)])]) {
      const { status, stdout, stderr } = helm('lint', '--strict', CHART, ...args);
      expect(`${stdout}${stderr}`, args.join(' ')).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(status).toBe(0);
    }
  });

  withHelm('renders every scenario to manifests valid against the Kubernetes schemas', () => {
    expect(scenarios.sort()).toEqual(['all-enabled-values.yaml', 'default-values.yaml', 'existing-secret-values.yaml', 'github-app-values.yaml', 'web-config-values.yaml']);
    for (const file of scenarios) {
      for (const manifest of scenario(file)) {
        const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
        expect(Model, `${file}: ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
        expect(() => new (Model as NonNullable<typeof Model>)(manifest as never).validate(), `${file}: ${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
      }
    }
  });

  withHelm('runs the pod with the secure defaults and both probes in every scenario', () => {
    for (const file of scenarios) {
      const manifests = scenario(file);
      const spec = podSpec(manifests);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(only(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
      const [container] = spec.containers;
      expect(container?.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
      expect(container?.livenessProbe.httpGet.path).toBe('/healthz');
      expect(container?.readinessProbe.httpGet.path).toBe('/readyz');
      expect((only(manifests, 'Deployment') as unknown as { spec: { replicas: number } }).spec.replicas).toBe(1);
    }
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

  withHelm('rejects typos and wrong types with a message naming the value', () => {
    const cases: Array<[string[], string]> = [
      [['--set', 'serviceMonitor.enable=true'], "at '/serviceMonitor': additional properties 'enable' not allowed"],
      [['--set', 'copilot.api=metrics'], "at '/copilot/api': value must be one of 'usage-metrics', 'legacy-metrics'"],
      [['--set', 'refreshInterval=hourly'], "at '/refreshInterval': got string, want integer"],
      [['--set', 'replicaCount=2'], "at '/replicaCount': maximum: got 2, want 1"],
      [['--set', 'copilot.orgs={bad org}'], "at '/copilot/orgs/0'"],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = helm('template', 'copilot', CHART, ...args);
      expect(status, args.join(' ')).not.toBe(0);
      expect(stderr, args.join(' ')).toContain(message);
    }
  });

  withHelm('prints how to reach /metrics, and warns when nothing is configured', () => {
    const installed = helm('install', 'copilot', CHART, '--dry-run=client', '--namespace', 'monitoring', '-f', join(CHART, 'ci/default-values.yaml'));
    expect(installed.stdout).toContain('kubectl --namespace monitoring port-forward service/copilot-github-copilot-exporter 9847');
    expect(installed.stdout).not.toContain('WARNING');
    const empty = helm('install', 'copilot', CHART, '--dry-run=client');
    expect(empty.stdout).toContain('WARNING: no target is configured.');
    expect(empty.stdout).toContain('WARNING: no GitHub credential is configured.');
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
