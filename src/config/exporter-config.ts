/**
 * The exporter's configuration as the rest of the program uses it: what loadConfig() (load-config.ts)
 * makes of the environment, and the value types it holds. Types only: the collectors, the mappers and
 * the GitHub client depend on the configuration's shape, not on how it is read, so that reading it
 * (which checks REMOTE_WRITE_LABELS against the metric definitions) never imports them back.
 */
import type { ProxySettings } from '../github/proxy.js';
import type { Labels } from '../metrics/sample.js';
import type { OtlpSettings } from '../otlp/settings.js';
import type { WebConfig } from '../web-config.js';
import type { RawConfig } from './schema.js';

export type CopilotApi = RawConfig['copilot']['api'];

/** One thing the exporter polls: an enterprise or an organization, optionally narrowed to a team. */
export interface Target {
  kind: 'enterprise' | 'org';
  slug: string;
  team?: string;
}

export interface GitHubAppConfig {
  appId: string;
  /** Exactly one of privateKey / privateKeyFile is set. */
  privateKey?: string;
  privateKeyFile?: string;
  /** When empty, the installation of each organization or enterprise is looked up. */
  installationId?: number;
}

export interface UserMetricsConfig {
  label: 'login' | 'hash';
  salt: string;
  maxUsers: number;
  /** Also each user's by-IDE and by-feature breakdowns (COPILOT_USER_BREAKDOWNS). */
  breakdowns: boolean;
}

/** A secret given as it is, or as a file that holds it. */
export type Secret = { value: string } | { file: string };

export type RemoteWriteAuth = { kind: 'basic'; username: string; password: Secret } | { kind: 'bearer'; token: Secret };

/** Where and how to send Prometheus remote write (src/remote-write/settings.ts reads them). */
export interface RemoteWriteSettings {
  url: string;
  /** The URL as logs may show it: without a query. */
  shownUrl: string;
  auth?: RemoteWriteAuth;
  /** Extra request headers, e.g. X-Scope-OrgID; their values are kept out of logs. */
  headers: Record<string, string>;
  /** PEM certificates to trust for an https receiver, instead of Node's default CAs. */
  ca?: string;
  /** Added to every series written. */
  labels: Labels;
}

export interface ExporterConfig {
  github: {
    apiUrl: string;
    /** Exactly one credential: token, tokenFile or app. */
    token?: string;
    tokenFile?: string;
    app?: GitHubAppConfig;
    requestTimeoutMs: number;
    rateLimitMaxWaitMs: number;
  };
  /** Cardinality guard: most series of one family for one target. */
  maxSeriesPerFamily: number;
  teamMetrics: boolean;
  teamBreakdowns: boolean;
  /** The repositories collector (repos-1-day). */
  repositoryMetrics: boolean;
  seatMetrics: boolean;
  seatsRefreshIntervalSeconds: number;
  aiCreditMetrics: boolean;
  aiCreditsRefreshIntervalSeconds: number;
  /** Per-user series, when turned on. */
  userMetrics?: UserMetricsConfig;
  api: CopilotApi;
  enterprises: string[];
  orgs: string[];
  /** `org/team` pairs of COPILOT_TEAMS. */
  teams: Array<{ org: string; team: string }>;
  /** `enterprise/team` pairs of COPILOT_ENTERPRISE_TEAMS. */
  enterpriseTeams: Array<{ enterprise: string; team: string }>;
  /** Caps of report downloads, against broken responses. */
  reportMaxBytes: number;
  reportMaxLineBytes: number;
  refreshIntervalSeconds: number;
  pollConcurrency: number;
  /** Full UTC days after which a day is settled (src/settled-days.ts). */
  settleDays: number;
  /** Seconds between reads of a day-keyed report whose day is provisional; 0: read a day once. */
  provisionalRefreshIntervalSeconds: number;
  server: { host: string; port: number; web?: WebConfig };
  logLevel: RawConfig['log']['level'];
  /** OTLP push, when an OTEL_EXPORTER_OTLP_*ENDPOINT is set. */
  otlp?: OtlpSettings;
  /** Remote write push of each new day, when REMOTE_WRITE_URL is set. */
  remoteWrite?: RemoteWriteSettings;
  /** Outbound proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), when one is set. */
  proxy?: ProxySettings;
  /** Variables that look like settings but are none (a typo), each said once at start-up. */
  warnings: string[];
}
