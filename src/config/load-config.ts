/**
 * loadConfig(): environment (and an optional CONFIG_FILE) → a validated, typed ExporterConfig.
 * Every problem becomes one ExporterError('CONFIG_INVALID') whose message names the variable,
 * says what is wrong and what to do; the CLI prints it and exits with code 2.
 */
import { readFileSync } from 'node:fs';
import convict from 'convict';
import { parse as parseYaml } from 'yaml';
import { configError } from '../errors.js';
import { PROXY_VARIABLES, proxySettingsFromEnv } from '../github/proxy.js';
import { OTLP_VARIABLES, otlpSettingsFromEnv } from '../otlp/settings.js';
import { REMOTE_WRITE_VARIABLES, remoteWriteSettingsFromEnv } from '../remote-write/settings.js';
import { loadWebConfig } from '../web-config.js';
import type { ExporterConfig, GitHubAppConfig, UserMetricsConfig } from './exporter-config.js';
import { configSchema, listSettings, type RawConfig } from './schema.js';
import { closestName, type UnknownVariable, unknownVariables, unknownVariableWarning } from './unknown-variables.js';

export const DEMO_HINT = 'To try the exporter without a GitHub token, run `npm run demo`.';

type Env = Record<string, string | undefined>;
type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

export function loadConfig(env: Env = process.env, readFile: ReadFile = readUtf8): ExporterConfig {
  const settings = listSettings();
  const pathByEnv = new Map(settings.map((setting) => [setting.env, setting.path]));
  const envByPath = new Map(settings.map((setting) => [setting.path, setting.env]));

  const store = convict<RawConfig>(configSchema, { env: withoutEmptyValues(env), args: [] });
  if (env.CONFIG_FILE) {
    // Loaded after the environment was read; convict applies the environment again afterwards,
    // so an environment variable always wins over the file.
    store.load(readConfigFile(env.CONFIG_FILE, pathByEnv, readFile));
  }
  try {
    store.validate({ allowed: 'strict' });
  } catch (error) {
    throw configError(`Configuration error: ${describeConvictErrors(error, envByPath)}.`);
  }
  const unknown = unknownVariables(env, knownVariables());
  const config = settingsFromSchema(store.getProperties(), readFile, unknown);
  const otlp = otlpSettingsFromEnv(env);
  const proxy = proxySettingsFromEnv(env);
  const remoteWrite = remoteWriteSettingsFromEnv(env, readFile);
  const warnings = unknown.map(unknownVariableWarning);
  return { ...config, ...(otlp ? { otlp } : {}), ...(proxy ? { proxy } : {}), ...(remoteWrite ? { remoteWrite } : {}), warnings };
}

/** Every variable the exporter reads. */
function knownVariables(): string[] {
  return [...listSettings().map((setting) => setting.env), 'CONFIG_FILE', ...PROXY_VARIABLES, ...OTLP_VARIABLES, ...REMOTE_WRITE_VARIABLES];
}

/** An empty variable (`COPILOT_ORGS=`) means "not set", as it does for most exporters. */
function withoutEmptyValues(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

function readConfigFile(path: string, pathByEnv: Map<string, string>, readFile: ReadFile): object {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFile(path));
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw configError(`Configuration error: CONFIG_FILE ${path} cannot be read as YAML or JSON (${why}).`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw configError(
      `Configuration error: CONFIG_FILE ${path} must hold a mapping of settings such as "COPILOT_ORGS: my-org".`,
    );
  }
  const nested: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const schemaPath = pathByEnv.get(key);
    if (!schemaPath) {
      const suggestion = closestName(key, [...pathByEnv.keys()]);
      throw configError(
        `Configuration error: CONFIG_FILE ${path} has an unknown key "${key}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; ` +
          `valid keys are the variable names: ${[...pathByEnv.keys()].join(', ')}.`,
      );
    }
    const [group, name] = schemaPath.split('.') as [string, string];
    nested[group] ??= {};
    nested[group][name] = Array.isArray(value) ? value.map(String) : value;
  }
  return nested;
}

/** Convict reports `copilot.api: must be one of …: value was "x"`; users know the variable names. */
function describeConvictErrors(error: unknown, envByPath: Map<string, string>): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([\w.]+): (.*)$/.exec(line);
      if (!match) return line;
      const [, path, rest] = match as unknown as [string, string, string];
      const name = envByPath.get(path) ?? path;
      const said = rest.includes('(got ') ? rest.replace(/: value was .*$/, '') : rest.replace(/: value was (.*)$/, ' (got $1)');
      return `${name} ${said}`;
    })
    .join('; ');
}

/**
 * The schema's settings as ExporterConfig fields (OTLP, the proxies and remote write read variables of
 * their own): units converted, lists de-duplicated, team pairs split, the web config file and the
 * credential read, and checked that there is a target and exactly one credential.
 */
function settingsFromSchema(raw: RawConfig, readFile: ReadFile, unknown: readonly UnknownVariable[]): Omit<ExporterConfig, 'warnings'> {
  const { github, copilot } = raw;
  const config: Omit<ExporterConfig, 'warnings'> = {
    github: { apiUrl: github.apiUrl.replace(/\/+$/, ''), requestTimeoutMs: github.requestTimeout * 1000, rateLimitMaxWaitMs: github.rateLimitMaxWait * 1000 },
    maxSeriesPerFamily: copilot.maxSeriesPerFamily,
    api: copilot.api,
    enterprises: unique(copilot.enterprises),
    orgs: unique(copilot.orgs),
    teams: unique(copilot.teams).map((pair) => {
      const [org, team] = pair.split('/') as [string, string];
      return { org, team };
    }),
    enterpriseTeams: unique(copilot.enterpriseTeams).map((pair) => {
      const [enterprise, team] = pair.split('/') as [string, string];
      return { enterprise, team };
    }),
    reportMaxBytes: copilot.reportMaxBytes,
    reportMaxLineBytes: copilot.reportMaxLineBytes,
    teamMetrics: copilot.teamMetrics,
    teamBreakdowns: copilot.teamBreakdowns,
    repositoryMetrics: copilot.repositoryMetrics,
    seatMetrics: copilot.seatMetrics,
    seatsRefreshIntervalSeconds: copilot.seatsRefreshInterval,
    aiCreditMetrics: copilot.aiCreditMetrics,
    aiCreditsRefreshIntervalSeconds: copilot.aiCreditsRefreshInterval,
    ...(copilot.userMetrics ? { userMetrics: userMetrics(raw) } : {}),
    refreshIntervalSeconds: raw.poll.refreshInterval,
    pollConcurrency: raw.poll.concurrency,
    settleDays: raw.poll.settleDays,
    provisionalRefreshIntervalSeconds: raw.poll.provisionalRefreshInterval,
    server: {
      host: raw.server.host,
      port: raw.server.port,
      ...(raw.server.webConfigFile ? { web: loadWebConfig(raw.server.webConfigFile, readFile) } : {}),
    },
    logLevel: raw.log.level,
  };
  checkTargets(config, unknown);
  checkCredential(raw, config, readFile, unknown);
  return config;
}

const TARGET_VARIABLES = ['COPILOT_ENTERPRISES', 'COPILOT_ORGS', 'COPILOT_TEAMS', 'COPILOT_ENTERPRISE_TEAMS'];
const CREDENTIAL_VARIABLES = ['GITHUB_TOKEN', 'GITHUB_TOKEN_FILE', 'GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_FILE', 'GITHUB_APP_INSTALLATION_ID'];

/**
 * The unknown variables that were meant as one of `variables` (COPILOT_ORG for COPILOT_ORGS), as the
 * start of an error's sentence: a missing setting is most often a mistyped one, and the start-up
 * warning that would say so is never logged when the configuration fails.
 */
function nearMisses(unknown: readonly UnknownVariable[], variables: readonly string[]): string {
  const misses = unknown.filter(({ suggestion }) => suggestion !== undefined && variables.includes(suggestion));
  return misses.map(({ name, suggestion }) => ` ${name} is set, but it is not a setting: did you mean ${suggestion}?`).join('');
}

/** The demo is for who has set nothing yet, not for who mistyped a setting. */
function demoHint(unknown: readonly UnknownVariable[], variables: readonly string[]): string {
  return nearMisses(unknown, variables) === '' ? ` ${DEMO_HINT}` : '';
}

function checkTargets(config: Omit<ExporterConfig, 'warnings'>, unknown: readonly UnknownVariable[]): void {
  if (config.api === 'usage-metrics' && config.enterprises.length + config.orgs.length === 0) {
    throw configError(
      `Configuration error: no target to export.${nearMisses(unknown, TARGET_VARIABLES)} Set COPILOT_ENTERPRISES (enterprise slugs) or ` +
        `COPILOT_ORGS (organization logins), comma-separated.${demoHint(unknown, TARGET_VARIABLES)}`,
    );
  }
  const legacyTargets =
    config.enterprises.length + config.orgs.length + config.teams.length + config.enterpriseTeams.length;
  if (config.api === 'legacy-metrics' && legacyTargets === 0) {
    throw configError(
      `Configuration error: no target to export.${nearMisses(unknown, TARGET_VARIABLES)} Set COPILOT_ENTERPRISES, COPILOT_ORGS, COPILOT_TEAMS ` +
        `(org/team) or COPILOT_ENTERPRISE_TEAMS (enterprise/team), comma-separated.${demoHint(unknown, TARGET_VARIABLES)}`,
    );
  }
}

function checkCredential(raw: RawConfig, config: Omit<ExporterConfig, 'warnings'>, readFile: ReadFile, unknown: readonly UnknownVariable[]): void {
  const { token, tokenFile, appId, appPrivateKey, appPrivateKeyFile, appInstallationId } = raw.github;
  const usesApp = Boolean(appId || appPrivateKey || appPrivateKeyFile || appInstallationId);
  if ((token || tokenFile) && usesApp) {
    throw configError('Configuration error: set either a token (GITHUB_TOKEN or GITHUB_TOKEN_FILE) or a GitHub App (GITHUB_APP_*), not both.');
  }
  if (token && tokenFile) {
    throw configError('Configuration error: set only one of GITHUB_TOKEN and GITHUB_TOKEN_FILE, not both.');
  }
  if (tokenFile) {
    const content = readSecretFile('GITHUB_TOKEN_FILE', tokenFile, readFile, 'the token');
    if (content.trim() === '') throw configError(`Configuration error: GITHUB_TOKEN_FILE ${tokenFile} is empty; it must hold the token.`);
    config.github.tokenFile = tokenFile;
    return;
  }
  if (token) {
    config.github.token = token.trim();
    return;
  }
  if (usesApp) {
    config.github.app = appConfig(raw, readFile);
    return;
  }
  throw configError(
    `Configuration error: no GitHub credential.${nearMisses(unknown, CREDENTIAL_VARIABLES)} Set GITHUB_TOKEN (or GITHUB_TOKEN_FILE) to a token that may read ` +
      `Copilot metrics, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY (see "Token permissions" in the README).${demoHint(unknown, CREDENTIAL_VARIABLES)}`,
  );
}

function readSecretFile(variable: string, path: string, readFile: ReadFile, what: string): string {
  try {
    return readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError(`Configuration error: ${variable} ${path} cannot be read (${code}); it must hold ${what}.`);
  }
}

function appConfig(raw: RawConfig, readFile: ReadFile): GitHubAppConfig {
  const { appId, appPrivateKey, appPrivateKeyFile, appInstallationId } = raw.github;
  if (!/^\d+$/.test(appId)) {
    throw configError(`Configuration error: GITHUB_APP_ID must be the numeric id of the GitHub App (got ${JSON.stringify(appId)}).`);
  }
  if (appInstallationId && !/^\d+$/.test(appInstallationId)) {
    throw configError(`Configuration error: GITHUB_APP_INSTALLATION_ID must be a number (got ${JSON.stringify(appInstallationId)}).`);
  }
  if (Boolean(appPrivateKey) === Boolean(appPrivateKeyFile)) {
    throw configError('Configuration error: a GitHub App needs exactly one of GITHUB_APP_PRIVATE_KEY and GITHUB_APP_PRIVATE_KEY_FILE.');
  }
  const key = appPrivateKey || readSecretFile('GITHUB_APP_PRIVATE_KEY_FILE', appPrivateKeyFile, readFile, 'the App private key');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key)) {
    const variable = appPrivateKey ? 'GITHUB_APP_PRIVATE_KEY' : `GITHUB_APP_PRIVATE_KEY_FILE ${appPrivateKeyFile}`;
    throw configError(`Configuration error: ${variable} does not hold a PEM private key (-----BEGIN RSA PRIVATE KEY-----); download one from the App's settings.`);
  }
  return {
    appId,
    ...(appPrivateKey ? { privateKey: appPrivateKey } : { privateKeyFile: appPrivateKeyFile }),
    ...(appInstallationId ? { installationId: Number(appInstallationId) } : {}),
  };
}

function userMetrics(raw: RawConfig): UserMetricsConfig {
  const { userLabel, userHashSalt, userMetricsMaxUsers, userBreakdowns } = raw.copilot;
  if (userLabel === 'hash' && userHashSalt.length < 8) {
    throw configError('Configuration error: COPILOT_USER_LABEL=hash needs COPILOT_USER_HASH_SALT, a secret of at least 8 characters that stays the same across restarts.');
  }
  return { label: userLabel, salt: userHashSalt, maxUsers: userMetricsMaxUsers, breakdowns: userBreakdowns };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
