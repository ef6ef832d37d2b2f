import { describe, expect, it } from 'vitest';
import { DEMO_HINT, loadConfig } from '../src/config/load-config.js';
import { DEFAULT_PORT, listSettings } from '../src/config/schema.js';
import { ExporterError } from '../src/errors.js';

const TOKEN = 'ghp_configTestSecretValue1234567890';
const base = { GITHUB_TOKEN: TOKEN, COPILOT_ORGS: 'octo-org' };
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n';

function files(contents: Record<string, string>) {
  return (path: string) => {
    const content = contents[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return content;
  };
}

function errorOf(run: () => unknown): ExporterError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExporterError);
    return error as ExporterError;
  }
  throw new Error('expected a configuration error');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      github: { apiUrl: 'https://api.github.com', token: TOKEN, requestTimeoutMs: 30_000 },
      api: 'usage-metrics',
      orgs: ['octo-org'],
      enterprises: [],
      refreshIntervalSeconds: 3600,
      server: { host: '0.0.0.0', port: DEFAULT_PORT },
      logLevel: 'info',
    });
  });

  it('reads comma-separated lists, trimming blanks and duplicates', () => {
    const config = loadConfig({
      ...base,
      COPILOT_ENTERPRISES: ' big-corp , ',
      COPILOT_ORGS: 'a,b, a',
      COPILOT_TEAMS: 'a/platform,b/data-eng',
      COPILOT_ENTERPRISE_TEAMS: 'big-corp/ai',
    });
    expect(config.enterprises).toEqual(['big-corp']);
    expect(config.orgs).toEqual(['a', 'b']);
    expect(config.teams).toEqual([
      { org: 'a', team: 'platform' },
      { org: 'b', team: 'data-eng' },
    ]);
    expect(config.enterpriseTeams).toEqual([{ enterprise: 'big-corp', team: 'ai' }]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...base, COPILOT_ENTERPRISES: '', REFRESH_INTERVAL: '' }).refreshIntervalSeconds).toBe(3600);
  });

  it('strips a trailing slash from GITHUB_API_URL', () => {
    expect(loadConfig({ ...base, GITHUB_API_URL: 'https://api.octo.ghe.com/' }).github.apiUrl).toBe('https://api.octo.ghe.com');
  });

  it('reads a YAML CONFIG_FILE keyed by the variable names, the environment winning', () => {
    const read = files({
      '/etc/exporter.yaml': 'COPILOT_ORGS: [one, two]\nREFRESH_INTERVAL: 600\nLOG_LEVEL: debug\nGITHUB_TOKEN: from-file-token-123\n',
    });
    const config = loadConfig({ CONFIG_FILE: '/etc/exporter.yaml', LOG_LEVEL: 'warn' }, read);
    expect(config.orgs).toEqual(['one', 'two']);
    expect(config.refreshIntervalSeconds).toBe(600);
    expect(config.logLevel).toBe('warn');
    expect(config.github.token).toBe('from-file-token-123');
  });

  it('reads a JSON CONFIG_FILE too', () => {
    const read = files({ '/c.json': JSON.stringify({ COPILOT_ENTERPRISES: 'big-corp', GITHUB_TOKEN: TOKEN }) });
    expect(loadConfig({ CONFIG_FILE: '/c.json' }, read).enterprises).toEqual(['big-corp']);
  });

  it('reads the token file and keeps only its path (the file is read again on every request)', () => {
    const config = loadConfig({ GITHUB_TOKEN_FILE: '/run/secrets/token', COPILOT_ORGS: 'o' }, files({ '/run/secrets/token': `${TOKEN}\n` }));
    expect(config.github.tokenFile).toBe('/run/secrets/token');
    expect(config.github.token).toBeUndefined();
  });

  it('reads a GitHub App from its id, key file and installation id', () => {
    const config = loadConfig({ COPILOT_ORGS: 'o', GITHUB_APP_ID: '42', GITHUB_APP_PRIVATE_KEY_FILE: '/key.pem', GITHUB_APP_INSTALLATION_ID: '7' }, files({ '/key.pem': PEM }));
    expect(config.github).toMatchObject({ app: { appId: '42', privateKeyFile: '/key.pem', installationId: 7 } });
    expect(config.github.token).toBeUndefined();
  });

  it('turns team, repository and seat metrics on and per-user metrics off by default', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ teamMetrics: true, teamBreakdowns: false, repositoryMetrics: true, seatMetrics: true });
    expect(loadConfig({ ...base, COPILOT_REPOSITORY_METRICS: 'false' }).repositoryMetrics).toBe(false);
    expect(config.userMetrics).toBeUndefined();
    expect(loadConfig({ ...base, COPILOT_USER_METRICS: '1', COPILOT_TEAM_METRICS: 'false' })).toMatchObject({
      teamMetrics: false,
      userMetrics: { label: 'login', maxUsers: 500, breakdowns: false },
    });
    expect(loadConfig({ ...base, COPILOT_USER_METRICS: 'true', COPILOT_USER_BREAKDOWNS: 'true' }).userMetrics?.breakdowns).toBe(true);
    // Per-user breakdowns need per-user series.
    expect(loadConfig({ ...base, COPILOT_USER_BREAKDOWNS: 'true' }).userMetrics).toBeUndefined();
  });

  it('caps report downloads at 32 GiB a file and 64 MiB a line by default, both settable', () => {
    expect(loadConfig(base)).toMatchObject({ reportMaxBytes: 32 * 1024 ** 3, reportMaxLineBytes: 64 * 1024 ** 2 });
    // Above 2^32: a file size is not a 32-bit number.
    expect(loadConfig({ ...base, REPORT_MAX_BYTES: String(64 * 1024 ** 3), REPORT_MAX_LINE_BYTES: '1048576' })).toMatchObject({
      reportMaxBytes: 64 * 1024 ** 3,
      reportMaxLineBytes: 1_048_576,
    });
  });

  it('documents every setting with its environment variable', () => {
    const names = listSettings().map((setting) => setting.env);
    for (const required of [
      'GITHUB_TOKEN',
      'GITHUB_TOKEN_FILE',
      'GITHUB_APP_ID',
      'GITHUB_APP_PRIVATE_KEY',
      'GITHUB_APP_PRIVATE_KEY_FILE',
      'GITHUB_APP_INSTALLATION_ID',
      'GITHUB_API_URL',
      'COPILOT_ENTERPRISES',
      'COPILOT_ORGS',
      'COPILOT_TEAMS',
      'COPILOT_ENTERPRISE_TEAMS',
      'COPILOT_API',
      'COPILOT_REPOSITORY_METRICS',
      'REPORT_MAX_BYTES',
      'REPORT_MAX_LINE_BYTES',
      'REFRESH_INTERVAL',
      'HOST',
      'PORT',
      'LOG_LEVEL',
    ]) {
      expect(names).toContain(required);
    }
    for (const setting of listSettings()) expect(setting.doc.length).toBeGreaterThan(10);
    expect(listSettings().filter((setting) => setting.sensitive).map((setting) => setting.env)).toEqual(['GITHUB_TOKEN', 'GITHUB_APP_PRIVATE_KEY', 'COPILOT_USER_HASH_SALT']);
  });
});

describe('configuration errors', () => {
  it.each([
    [
      'no target',
      { GITHUB_TOKEN: TOKEN },
      `Configuration error: no target to export. Set COPILOT_ENTERPRISES (enterprise slugs) or COPILOT_ORGS (organization logins), comma-separated. ${DEMO_HINT}`,
    ],
    [
      'no target for the legacy source',
      { GITHUB_TOKEN: TOKEN, COPILOT_API: 'legacy-metrics' },
      `Configuration error: no target to export. Set COPILOT_ENTERPRISES, COPILOT_ORGS, COPILOT_TEAMS (org/team) or COPILOT_ENTERPRISE_TEAMS (enterprise/team), comma-separated. ${DEMO_HINT}`,
    ],
    [
      'no credential',
      { COPILOT_ORGS: 'octo-org' },
      `Configuration error: no GitHub credential. Set GITHUB_TOKEN (or GITHUB_TOKEN_FILE) to a token that may read Copilot metrics, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY (see "Token permissions" in the README). ${DEMO_HINT}`,
    ],
    [
      'a mistyped only target',
      { GITHUB_TOKEN: TOKEN, COPILOT_ORG: 'octo-org' },
      'Configuration error: no target to export. COPILOT_ORG is set, but it is not a setting: did you mean COPILOT_ORGS? Set COPILOT_ENTERPRISES (enterprise slugs) or COPILOT_ORGS (organization logins), comma-separated.',
    ],
    [
      'a mistyped only target and no credential',
      { COPILOT_ORG: 'octo-org' },
      'Configuration error: no target to export. COPILOT_ORG is set, but it is not a setting: did you mean COPILOT_ORGS? Set COPILOT_ENTERPRISES (enterprise slugs) or COPILOT_ORGS (organization logins), comma-separated.',
    ],
    [
      'a mistyped credential',
      { COPILOT_ORGS: 'octo-org', GITHUB_TOKN: TOKEN },
      'Configuration error: no GitHub credential. GITHUB_TOKN is set, but it is not a setting: did you mean GITHUB_TOKEN? Set GITHUB_TOKEN (or GITHUB_TOKEN_FILE) to a token that may read Copilot metrics, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY (see "Token permissions" in the README).',
    ],
    [
      'a word where seconds belong',
      { ...base, REFRESH_INTERVAL: 'hourly' },
      `Configuration error: REFRESH_INTERVAL must be a whole number of at least 1 (got "hourly").`,
    ],
    [
      'an unknown source',
      { ...base, COPILOT_API: 'metrics' },
      `Configuration error: COPILOT_API must be one of the possible values: ["usage-metrics","legacy-metrics"] (got "metrics").`,
    ],
    [
      'a port out of range',
      { ...base, PORT: '70000' },
      'Configuration error: PORT must be a port number from 0 to 65535 (got 70000).',
    ],
    [
      'an API URL that is not http(s)',
      { ...base, GITHUB_API_URL: 'ftp://github.example' },
      `Configuration error: GITHUB_API_URL must use http or https (got "ftp://github.example").`,
    ],
    [
      'a team without its organization',
      { ...base, COPILOT_TEAMS: 'platform' },
      `Configuration error: COPILOT_TEAMS "platform" is not of the form owner/team_slug (got ["platform"]).`,
    ],
    [
      'an org login with a space',
      { ...base, COPILOT_ORGS: 'octo org' },
      `Configuration error: COPILOT_ORGS "octo org" is not a GitHub slug or login (got ["octo org"]).`,
    ],
    [
      'an unknown log level',
      { ...base, LOG_LEVEL: 'trace' },
      `Configuration error: LOG_LEVEL must be one of the possible values: ["debug","info","warn","error"] (got "trace").`,
    ],
    ['both token forms', { ...base, GITHUB_TOKEN_FILE: '/t' }, 'Configuration error: set only one of GITHUB_TOKEN and GITHUB_TOKEN_FILE, not both.'],
    [
      'a token and an App',
      { ...base, GITHUB_APP_ID: '1' },
      'Configuration error: set either a token (GITHUB_TOKEN or GITHUB_TOKEN_FILE) or a GitHub App (GITHUB_APP_*), not both.',
    ],
    ['an App id that is a name', { COPILOT_ORGS: 'o', GITHUB_APP_ID: 'my-app', GITHUB_APP_PRIVATE_KEY: PEM }, 'Configuration error: GITHUB_APP_ID must be the numeric id of the GitHub App (got "my-app").'],
    ['an App without its key', { COPILOT_ORGS: 'o', GITHUB_APP_ID: '12' }, 'Configuration error: a GitHub App needs exactly one of GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_FILE.'],
    [
      'an App key that is not PEM',
      { COPILOT_ORGS: 'o', GITHUB_APP_ID: '12', GITHUB_APP_PRIVATE_KEY: 'not-a-key-at-all' },
      "Configuration error: GITHUB_APP_PRIVATE_KEY does not hold a PEM private key (-----BEGIN RSA PRIVATE KEY-----); download one from the App's settings.",
    ],
    ['an installation id that is a name', { COPILOT_ORGS: 'o', GITHUB_APP_ID: '12', GITHUB_APP_PRIVATE_KEY: PEM, GITHUB_APP_INSTALLATION_ID: 'acme' }, 'Configuration error: GITHUB_APP_INSTALLATION_ID must be a number (got "acme").'],
    [
      'hashed user labels without a salt',
      { ...base, COPILOT_USER_METRICS: 'true', COPILOT_USER_LABEL: 'hash' },
      'Configuration error: COPILOT_USER_LABEL=hash needs COPILOT_USER_HASH_SALT, a secret of at least 8 characters that stays the same across restarts.',
    ],
    [
      'a line cap that is not a whole number',
      { ...base, REPORT_MAX_LINE_BYTES: '1.5' },
      `Configuration error: REPORT_MAX_LINE_BYTES must be a whole number of at least 1 (got 1.5).`,
    ],
    ['a switch that is not a boolean', { ...base, COPILOT_TEAM_METRICS: 'yes' }, `Configuration error: COPILOT_TEAM_METRICS must be true or false (got "yes").`],
  ])('%s', (_case, env, message) => {
    const error = errorOf(() => loadConfig(env, files({})));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(message);
  });

  it('names every invalid variable in one message', () => {
    const error = errorOf(() => loadConfig({ ...base, REFRESH_INTERVAL: '0', POLL_CONCURRENCY: 'x' }));
    expect(error.message).toContain('REFRESH_INTERVAL must be a whole number of at least 1 (got 0)');
    expect(error.message).toContain('POLL_CONCURRENCY must be a whole number of at least 1');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('never shows a secret value in a message', () => {
    const error = errorOf(() => loadConfig({ GITHUB_TOKEN: TOKEN, COPILOT_ORGS: 'bad org', GITHUB_APP_PRIVATE_KEY: 'x'.repeat(40) }));
    expect(error.message).not.toContain(TOKEN);
  });

  it('explains a missing or empty token file', () => {
    expect(errorOf(() => loadConfig({ GITHUB_TOKEN_FILE: '/missing', COPILOT_ORGS: 'o' }, files({}))).message).toBe(
      'Configuration error: GITHUB_TOKEN_FILE /missing cannot be read (ENOENT); it must hold the token.',
    );
    expect(errorOf(() => loadConfig({ GITHUB_TOKEN_FILE: '/empty', COPILOT_ORGS: 'o' }, files({ '/empty': '\n' }))).message).toBe(
      'Configuration error: GITHUB_TOKEN_FILE /empty is empty; it must hold the token.',
    );
  });

  it('rejects unknown keys and unreadable CONFIG_FILEs', () => {
    const read = files({ '/typo.yaml': 'COPILOT_ORG: octo\n', '/bad.yaml': 'a: [', '/list.yaml': '- a\n' });
    expect(errorOf(() => loadConfig({ ...base, CONFIG_FILE: '/typo.yaml' }, read)).message).toMatch(
      /^Configuration error: CONFIG_FILE \/typo.yaml has an unknown key "COPILOT_ORG" \(did you mean COPILOT_ORGS\?\); valid keys are the variable names: GITHUB_TOKEN, /,
    );
    expect(errorOf(() => loadConfig({ ...base, CONFIG_FILE: '/bad.yaml' }, read)).message).toMatch(
      /^Configuration error: CONFIG_FILE \/bad.yaml cannot be read as YAML or JSON/,
    );
    expect(errorOf(() => loadConfig({ ...base, CONFIG_FILE: '/list.yaml' }, read)).message).toBe(
      'Configuration error: CONFIG_FILE /list.yaml must hold a mapping of settings such as "COPILOT_ORGS: my-org".',
    );
    expect(errorOf(() => loadConfig({ ...base, CONFIG_FILE: '/none.yaml' }, read)).message).toMatch(
      /^Configuration error: CONFIG_FILE \/none.yaml cannot be read as YAML or JSON \(ENOENT/,
    );
  });
});

describe('variables that look like settings but are none', () => {
  const base = { GITHUB_TOKEN: 'ghp_x', COPILOT_ORGS: 'octo' };

  it('are each warned about once, word for word, with the closest known name', () => {
    const config = loadConfig({ ...base, COPILOT_ORG: 'octo', REFRESH_INTERVALL: '60', OTEL_EXPORTER_OTLP_ENDPIONT: 'http://c:4318', WEB_CONFIG: 'web.yml', COPILOT_SOMETHING_ELSE: 'x' }, () => '');
    expect(config.warnings).toEqual([
      'Unknown variable COPILOT_ORG is ignored; did you mean COPILOT_ORGS?',
      'Unknown variable COPILOT_SOMETHING_ELSE is ignored: it is none of the exporter\'s settings (see "Configuration" in the README).',
      'Unknown variable OTEL_EXPORTER_OTLP_ENDPIONT is ignored; did you mean OTEL_EXPORTER_OTLP_ENDPOINT?',
      'Unknown variable REFRESH_INTERVALL is ignored; did you mean REFRESH_INTERVAL?',
      'Unknown variable WEB_CONFIG is ignored; did you mean WEB_CONFIG_FILE?',
    ]);
  });

  it('leave alone what others set: the shell, GitHub Actions, Kubernetes service links, proxies, OpenTelemetry', () => {
    const env = {
      ...base,
      PATH: '/usr/bin',
      HOME: '/root',
      HOSTNAME: 'pod-1',
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: 'abc',
      GITHUB_WORKSPACE: '/w',
      COPILOT_EXPORTER_SERVICE_HOST: '10.0.0.1',
      COPILOT_EXPORTER_PORT_9847_TCP_ADDR: '10.0.0.1',
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      OTEL_SERVICE_NAME: 'copilot',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '1000',
    };
    expect(loadConfig(env, () => '').warnings).toEqual([]);
  });

  it('a CONFIG_FILE key that is none is still an error, with the closest key', () => {
    expect(() => loadConfig({ CONFIG_FILE: 'c.yml' }, () => 'COPILOT_ORG: octo\n')).toThrow(/has an unknown key "COPILOT_ORG" \(did you mean COPILOT_ORGS\?\)/);
  });
});
