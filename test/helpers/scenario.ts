/**
 * A fault scenario: the fake GitHub API and the real exporter process, polling every second with short
 * timeouts, and helpers to read /metrics and wait for what it should say. Both stop when the test ends.
 */
import type { FakeGitHub, FakeGitHubOptions } from '../fake-github/server.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { isCopilotSeries, sampleKey } from './exposition.js';
import { exporterForTest, fakeGitHubForTest } from './e2e.js';
import { type ExporterProcess, waitFor } from './exporter-process.js';
import { type Scraped, scrape } from './scrape.js';

export const ORGS: EntityProfile[] = [
  { kind: 'org', slug: 'steady', id: 41, seats: 12 },
  { kind: 'org', slug: 'flaky', id: 42, seats: 15 },
];

export interface Scenario {
  fake: FakeGitHub;
  exporter: ExporterProcess;
  metrics(): Promise<Scraped>;
  value(name: string, labels: Record<string, string>): Promise<number | undefined>;
  /** Waits until the exporter's /metrics satisfies `check`. */
  until(what: string, check: (values: Map<string, number>) => boolean, timeoutMs?: number): Promise<Map<string, number>>;
  /** The Copilot series of one organization, as /metrics shows them now. */
  copilotOf(org: string): Promise<Map<string, number>>;
}

export interface ScenarioProcess {
  /** The API host name the exporter is given instead of 127.0.0.1 (a preloaded lookup must resolve it). */
  apiHost?: string;
  /** Test programs preloaded into the exporter process. */
  imports?: string[];
}

export async function startScenario(fakeOptions: FakeGitHubOptions = {}, env: Record<string, string> = {}, launch: ScenarioProcess = {}): Promise<Scenario> {
  const fake = await fakeGitHubForTest({ entities: ORGS, ...fakeOptions });
  const exporter = await exporterForTest({
    GITHUB_API_URL: launch.apiHost ? fake.apiUrl.replace('127.0.0.1', launch.apiHost) : fake.apiUrl,
    GITHUB_TOKEN: fake.token,
    COPILOT_ORGS: ORGS.map((org) => org.slug).join(','),
    REFRESH_INTERVAL: '1',
    GITHUB_REQUEST_TIMEOUT: '1',
    GITHUB_RATE_LIMIT_MAX_WAIT: '1',
    COPILOT_TEAM_METRICS: 'false',
    COPILOT_REPOSITORY_METRICS: 'false',
    COPILOT_SEAT_METRICS: 'false',
    LOG_LEVEL: 'debug',
    ...env,
  }, launch.imports);
  const metrics = () => scrape(exporter.url);
  const scenario: Scenario = {
    fake,
    exporter,
    metrics,
    value: async (name, labels) => (await metrics()).values.get(sampleKey(name, labels)),
    until: (what, check, timeoutMs = 20_000) =>
      waitFor(
        what,
        async () => {
          const { values } = await metrics();
          return check(values) ? values : undefined;
        },
        timeoutMs,
      ),
    copilotOf: async (org) => {
      const { values } = await metrics();
      return new Map([...values].filter(([key]) => isCopilotSeries(key) && key.includes(`"org":"${org}"`)));
    },
  };
  await scenario.until('both targets up', (values) => ORGS.every((org) => values.get(sampleKey('github_copilot_exporter_target_up', { org: org.slug })) === 1));
  return scenario;
}

export function up(values: Map<string, number>, org: string): number | undefined {
  return values.get(sampleKey('github_copilot_exporter_target_up', { org }));
}

/** Failed attempts of one collector of an organization (its main report unless said otherwise). */
export function errors(values: Map<string, number>, org: string, reason: string, collector = 'usage'): number {
  return values.get(sampleKey('github_copilot_exporter_poll_errors_total', { org, collector, reason })) ?? 0;
}

export function requests(values: Map<string, number>, code: string): number {
  let total = 0;
  for (const [key, value] of values) if (key.startsWith('github_copilot_exporter_github_requests_total{') && key.includes(`"code":"${code}"`)) total += value;
  return total;
}
