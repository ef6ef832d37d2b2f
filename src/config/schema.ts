/**
 * The convict schema: every setting of the exporter, with its documentation, environment variable,
 * default and whether it is a secret. docs/contract.md §2 fixes the names; the README's configuration table is
 * generated from this object (see scripts/generate-docs.ts), so the two cannot drift.
 */
import convict from 'convict';

export const DEFAULT_PORT = 9847;

const SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/;

function splitList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function assertList(value: unknown, check: (item: string) => boolean, expected: string): void {
  if (!Array.isArray(value)) throw new Error(`must be a comma-separated list of ${expected}`);
  for (const item of value) {
    if (typeof item !== 'string' || !check(item)) {
      throw new Error(`"${String(item)}" is not ${expected}`);
    }
  }
}

convict.addFormat({
  name: 'slug-list',
  coerce: splitList,
  validate: (value: unknown) => assertList(value, (item) => SLUG.test(item), 'a GitHub slug or login'),
});

convict.addFormat({
  name: 'scoped-slug-list',
  coerce: splitList,
  validate: (value: unknown) =>
    assertList(
      value,
      (item) => {
        const parts = item.split('/');
        return parts.length === 2 && parts.every((part) => SLUG.test(part));
      },
      'of the form owner/team_slug',
    ),
});

convict.addFormat({
  name: 'http-url',
  validate: (value: unknown) => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new Error('must be an absolute http(s) URL such as https://api.github.com');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error('must use http or https');
    }
    if (url.username || url.password) throw new Error('must not contain credentials');
  },
});

convict.addFormat({
  name: 'strict-boolean',
  coerce: (value: unknown) => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    return value;
  },
  validate: (value: unknown) => {
    if (typeof value !== 'boolean') throw new Error(`must be true or false (got ${JSON.stringify(value)})`);
  },
});

/** A whole number of at least `min`: `positive-int` (1) for counts and intervals, `whole-number` (0) where 0 means "none". */
function wholeNumberFormat(name: string, min: number): void {
  convict.addFormat({
    name,
    coerce: (value: unknown) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
    validate: (value: unknown) => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        // convict leaves falsy values such as 0 out of its own "value was" suffix: name the value here.
        throw new Error(`must be a whole number of at least ${min} (got ${JSON.stringify(value)})`);
      }
    },
  });
}
wholeNumberFormat('positive-int', 1);
wholeNumberFormat('whole-number', 0);

convict.addFormat({
  name: 'tcp-port',
  coerce: (value: unknown) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  validate: (value: unknown) => {
    // convict's own `port` format says "ports must be within range", which reads badly after the variable's name.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
      throw new Error(`must be a port number from 0 to 65535 (got ${JSON.stringify(value)})`);
    }
  },
});

export type RawConfig = {
  github: {
    token: string;
    tokenFile: string;
    rateLimitMaxWait: number;
    appId: string;
    appPrivateKey: string;
    appPrivateKeyFile: string;
    appInstallationId: string;
    apiUrl: string;
    requestTimeout: number;
  };
  copilot: {
    api: 'usage-metrics' | 'legacy-metrics';
    enterprises: string[];
    orgs: string[];
    teams: string[];
    enterpriseTeams: string[];
    reportMaxBytes: number;
    reportMaxLineBytes: number;
    teamMetrics: boolean;
    teamBreakdowns: boolean;
    repositoryMetrics: boolean;
    seatMetrics: boolean;
    seatsRefreshInterval: number;
    aiCreditMetrics: boolean;
    aiCreditsRefreshInterval: number;
    userMetrics: boolean;
    userLabel: 'login' | 'hash';
    userHashSalt: string;
    userMetricsMaxUsers: number;
    userBreakdowns: boolean;
    maxSeriesPerFamily: number;
  };
  poll: { refreshInterval: number; concurrency: number; settleDays: number; provisionalRefreshInterval: number };
  server: { host: string; port: number; webConfigFile: string };
  log: { level: 'debug' | 'info' | 'warn' | 'error' };
};

export const configSchema: convict.Schema<RawConfig> = {
  github: {
    token: {
      doc: 'Personal access token (classic or fine-grained) used as `Authorization: Bearer`.',
      format: String,
      default: '',
      env: 'GITHUB_TOKEN',
      sensitive: true,
    },
    tokenFile: {
      doc: 'File holding the token (for Kubernetes secrets); read again for every request, so a rotated token is picked up without a restart.',
      format: String,
      default: '',
      env: 'GITHUB_TOKEN_FILE',
    },
    appId: {
      doc: 'GitHub App id, for App authentication instead of a token.',
      format: String,
      default: '',
      env: 'GITHUB_APP_ID',
    },
    appPrivateKey: {
      doc: 'GitHub App private key (PEM).',
      format: String,
      default: '',
      env: 'GITHUB_APP_PRIVATE_KEY',
      sensitive: true,
    },
    appPrivateKeyFile: {
      doc: 'File holding the GitHub App private key (PEM).',
      format: String,
      default: '',
      env: 'GITHUB_APP_PRIVATE_KEY_FILE',
    },
    appInstallationId: {
      doc: 'GitHub App installation id; discovered per organization or enterprise when empty.',
      format: String,
      default: '',
      env: 'GITHUB_APP_INSTALLATION_ID',
    },
    apiUrl: {
      doc: 'GitHub API base URL: https://api.github.com, https://api.SUBDOMAIN.ghe.com, or any http(s)://host:port.',
      format: 'http-url',
      default: 'https://api.github.com',
      env: 'GITHUB_API_URL',
    },
    requestTimeout: {
      doc: 'Seconds one GitHub request (or report download) may take before it is abandoned and retried.',
      format: 'positive-int',
      default: 30,
      env: 'GITHUB_REQUEST_TIMEOUT',
    },
    rateLimitMaxWait: {
      doc: 'Longest wait, in seconds, for a GitHub rate limit to lift within a poll; a longer one fails the poll (rate_limited) and holds requests back until the limit lifts.',
      format: 'positive-int',
      default: 120,
      env: 'GITHUB_RATE_LIMIT_MAX_WAIT',
    },
  },
  copilot: {
    api: {
      doc: 'Which GitHub source to read: `usage-metrics` (the live reports API) or `legacy-metrics` (the original /copilot/metrics schema).',
      format: ['usage-metrics', 'legacy-metrics'],
      default: 'usage-metrics' as const,
      env: 'COPILOT_API',
    },
    enterprises: {
      doc: 'Comma-separated enterprise slugs to export.',
      format: 'slug-list',
      default: [] as string[],
      env: 'COPILOT_ENTERPRISES',
    },
    orgs: {
      doc: 'Comma-separated organization logins to export.',
      format: 'slug-list',
      default: [] as string[],
      env: 'COPILOT_ORGS',
    },
    teams: {
      doc: 'Comma-separated `org/team_slug` teams; with the legacy-metrics source each is a target of its own.',
      format: 'scoped-slug-list',
      default: [] as string[],
      env: 'COPILOT_TEAMS',
    },
    enterpriseTeams: {
      doc: 'Comma-separated `enterprise/team_slug` enterprise teams; with the legacy-metrics source each is a target of its own.',
      format: 'scoped-slug-list',
      default: [] as string[],
      env: 'COPILOT_ENTERPRISE_TEAMS',
    },
    reportMaxBytes: {
      doc: 'Largest report file the exporter downloads, in bytes; a larger file fails its collector as `invalid_response`. Files are streamed (memory does not grow with them), so this only guards against a broken download host: the default, 32 GiB, is four times the users report of a million active users.',
      format: 'positive-int',
      default: 32 * 1024 ** 3,
      env: 'REPORT_MAX_BYTES',
    },
    reportMaxLineBytes: {
      doc: 'Longest line (one report row) the exporter reads, in bytes; a longer one fails its collector as `invalid_response`. A users row is about 8 KB and an entity report row a few MB: this guards against a line that never ends.',
      format: 'positive-int',
      default: 64 * 1024 ** 2,
      env: 'REPORT_MAX_LINE_BYTES',
    },
    teamMetrics: {
      doc: 'usage-metrics source: team series (label `team`) from the day\'s users and user-teams reports, for the teams in COPILOT_TEAMS / COPILOT_ENTERPRISE_TEAMS, or all teams GitHub reports when those are empty.',
      format: 'strict-boolean',
      default: true,
      env: 'COPILOT_TEAM_METRICS',
    },
    teamBreakdowns: {
      doc: 'Also export the by-IDE, feature, language and model breakdowns per team (many more series).',
      format: 'strict-boolean',
      default: false,
      env: 'COPILOT_TEAM_BREAKDOWNS',
    },
    repositoryMetrics: {
      doc: 'usage-metrics source: series per repository (label `repository`, and `visibility`) from the day\'s repos-1-day report: pull requests created and merged by the Copilot cloud agent, reviewed by Copilot code review, and its suggestions. Only repositories with activity that day appear.',
      format: 'strict-boolean',
      default: true,
      env: 'COPILOT_REPOSITORY_METRICS',
    },
    seatMetrics: {
      doc: 'Copilot seats: the billing breakdown of organizations, and the seat list of enterprises.',
      format: 'strict-boolean',
      default: true,
      env: 'COPILOT_SEAT_METRICS',
    },
    seatsRefreshInterval: {
      doc: 'Seconds between reads of the seats (they change slowly; polls in between cost no request for them).',
      format: 'positive-int',
      default: 21_600,
      env: 'SEATS_REFRESH_INTERVAL',
    },
    aiCreditMetrics: {
      doc: 'AI credit billing usage (the ai_credits collector): credits and USD by product, SKU and model, for the latest complete UTC day and its month so far. Needs billing permissions, hence off by default.',
      format: 'strict-boolean',
      default: false,
      env: 'COPILOT_AI_CREDIT_METRICS',
    },
    aiCreditsRefreshInterval: {
      doc: 'Seconds between reads of the AI credit usage (two requests per target, counted against the rate limit): GitHub bills usage with a delay, so the values of a day keep changing for a while after it closes, and reading more often than every few hours gains little.',
      format: 'positive-int',
      default: 10_800,
      env: 'AI_CREDITS_REFRESH_INTERVAL',
    },
    userMetrics: {
      doc: 'Per-user series labelled `user` (one series per user and family: mind the cardinality). Off by default.',
      format: 'strict-boolean',
      default: false,
      env: 'COPILOT_USER_METRICS',
    },
    userLabel: {
      doc: 'The `user` label of per-user series: the GitHub login, or a salted hash of it.',
      format: ['login', 'hash'],
      default: 'login' as const,
      env: 'COPILOT_USER_LABEL',
    },
    userHashSalt: {
      doc: 'Salt of the hashed `user` label (required with COPILOT_USER_LABEL=hash); keep it stable, or every series changes.',
      format: String,
      default: '',
      env: 'COPILOT_USER_HASH_SALT',
      sensitive: true,
    },
    userMetricsMaxUsers: {
      doc: 'Most users per target with per-user series; the rest are dropped, logged and counted.',
      format: 'positive-int',
      default: 500,
      env: 'COPILOT_USER_METRICS_MAX_USERS',
    },
    userBreakdowns: {
      doc: 'With COPILOT_USER_METRICS=true, also the by-IDE and by-feature breakdowns per user (many more series).',
      format: 'strict-boolean',
      default: false,
      env: 'COPILOT_USER_BREAKDOWNS',
    },
    maxSeriesPerFamily: {
      doc: 'Cardinality guard: most series one family may have for one target; the rest are dropped, logged and counted in github_copilot_exporter_dropped_series_total.',
      format: 'positive-int',
      default: 20_000,
      env: 'MAX_SERIES_PER_FAMILY',
    },
  },
  poll: {
    refreshInterval: {
      doc: 'Seconds between polls of GitHub. GitHub publishes a new day once a day, so an hour is plenty.',
      format: 'positive-int',
      default: 3600,
      env: 'REFRESH_INTERVAL',
    },
    concurrency: {
      doc: 'How many targets are polled at the same time.',
      format: 'positive-int',
      default: 4,
      env: 'POLL_CONCURRENCY',
    },
    settleDays: {
      doc: 'Full UTC days after which GitHub\'s figures for a day are final (GitHub: a day settles within three full UTC days). Day D is settled from 00:00 UTC of D + SETTLE_DAYS + 1; before that it is provisional: /metrics follows its revisions (PROVISIONAL_REFRESH_INTERVAL), the remote write push waits for it to settle, and the backfill does not cache it.',
      format: 'whole-number',
      default: 3,
      env: 'SETTLE_DAYS',
    },
    provisionalRefreshInterval: {
      doc: 'Seconds between reads of a day-keyed report (main report, people, repositories) whose day is still provisional, so that /metrics follows GitHub\'s revisions; each read downloads the report again (see the README on what it costs). 0: read a day once.',
      format: 'whole-number',
      default: 21_600,
      env: 'PROVISIONAL_REFRESH_INTERVAL',
    },
  },
  server: {
    host: {
      doc: 'Address the HTTP server listens on.',
      format: String,
      default: '0.0.0.0',
      env: 'HOST',
    },
    port: {
      doc: 'Port the HTTP server listens on.',
      format: 'tcp-port',
      default: DEFAULT_PORT,
      env: 'PORT',
    },
    webConfigFile: {
      doc: 'A web config file as for Prometheus exporters (exporter-toolkit): tls_server_config (cert_file, key_file) and basic_auth_users (bcrypt hashes). /healthz and /readyz stay open.',
      format: String,
      default: '',
      env: 'WEB_CONFIG_FILE',
    },
  },
  log: {
    level: {
      doc: 'Log level: debug, info, warn or error. Logs are JSON lines on standard output.',
      format: ['debug', 'info', 'warn', 'error'],
      default: 'info' as const,
      env: 'LOG_LEVEL',
    },
  },
};

export interface SettingDoc {
  env: string;
  path: string;
  doc: string;
  default: unknown;
  sensitive: boolean;
}

/** Every setting as a flat list, in schema order: the README table and CONFIG_FILE keys come from here. */
export function listSettings(): SettingDoc[] {
  const settings: SettingDoc[] = [];
  for (const [group, entries] of Object.entries(configSchema)) {
    for (const [key, entry] of Object.entries(entries as Record<string, Record<string, unknown>>)) {
      settings.push({
        env: String(entry.env),
        path: `${group}.${key}`,
        doc: String(entry.doc),
        default: entry.default,
        sensitive: entry.sensitive === true,
      });
    }
  }
  return settings;
}
