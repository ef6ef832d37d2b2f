/**
 * Reads where and how to send Prometheus remote write (RemoteWriteSettings): the receiver's URL, a
 * credential (basic auth or a bearer token, each directly or in a file read again for every request, so
 * a rotated secret needs no restart), extra headers (a tenant's X-Scope-OrgID, say), a CA for a
 * receiver with a private certificate, and the labels added to every series. `serve` reads them from
 * REMOTE_WRITE_* variables, `backfill` from its --remote-write* flags; both go through
 * remoteWriteSettings(), whose messages name what the user typed.
 */
import type { RemoteWriteAuth, RemoteWriteSettings, Secret } from '../config/exporter-config.js';
import { configError } from '../errors.js';
import { redactUrl } from '../log.js';
import { parseExtraLabels } from '../metrics/extra-labels.js';
import type { Labels } from '../metrics/sample.js';

/** What the user gave, as text; each setting may be absent. */
export interface RemoteWriteInput {
  url: string;
  username?: string;
  password?: string;
  passwordFile?: string;
  bearerToken?: string;
  bearerTokenFile?: string;
  /** `Name=value` pairs, comma-separated; one string per setting or repetition of a flag. */
  headers: string[];
  caFile?: string;
  /** Already checked (parseExtraLabels): the backfill uses them for its file too. */
  labels: Labels;
}

/** How each setting is called where the user wrote it (a variable or a flag), for messages. */
export type RemoteWriteNames = Record<keyof RemoteWriteInput, string>;

type ReadFile = (path: string) => string;

export const REMOTE_WRITE_ENV: RemoteWriteNames = {
  url: 'REMOTE_WRITE_URL',
  username: 'REMOTE_WRITE_USERNAME',
  password: 'REMOTE_WRITE_PASSWORD',
  passwordFile: 'REMOTE_WRITE_PASSWORD_FILE',
  bearerToken: 'REMOTE_WRITE_BEARER_TOKEN',
  bearerTokenFile: 'REMOTE_WRITE_BEARER_TOKEN_FILE',
  headers: 'REMOTE_WRITE_HEADERS',
  caFile: 'REMOTE_WRITE_CA_FILE',
  labels: 'REMOTE_WRITE_LABELS',
};

export const REMOTE_WRITE_VARIABLES = Object.values(REMOTE_WRITE_ENV);

/** Headers remote write 1.0 fixes, which the exporter sets on every request. */
const PROTOCOL_HEADERS = new Set(['content-type', 'content-encoding', 'content-length', 'x-prometheus-remote-write-version', 'host', 'transfer-encoding']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The settings of REMOTE_WRITE_* variables, or undefined when REMOTE_WRITE_URL is not set. */
export function remoteWriteSettingsFromEnv(env: Record<string, string | undefined>, readFile: ReadFile): RemoteWriteSettings | undefined {
  const get = (name: string) => env[name] || undefined;
  const url = get(REMOTE_WRITE_ENV.url);
  if (!url) {
    const stray = REMOTE_WRITE_VARIABLES.find((name) => get(name));
    if (stray) throw configError(`Configuration error: ${stray} is set but REMOTE_WRITE_URL is not; set REMOTE_WRITE_URL to the receiver's write URL (e.g. http://prometheus:9090/api/v1/write), or unset ${stray}.`);
    return undefined;
  }
  const optional = (key: keyof RemoteWriteInput) => {
    const value = get(REMOTE_WRITE_ENV[key]);
    return value === undefined ? {} : { [key]: value };
  };
  const list = (key: 'headers' | 'labels') => [get(REMOTE_WRITE_ENV[key])].filter((value): value is string => value !== undefined);
  const labels = parseExtraLabels(list('labels'), REMOTE_WRITE_ENV.labels);
  return remoteWriteSettings(
    { url, ...optional('username'), ...optional('password'), ...optional('passwordFile'), ...optional('bearerToken'), ...optional('bearerTokenFile'), ...optional('caFile'), headers: list('headers'), labels },
    REMOTE_WRITE_ENV,
    readFile,
  );
}

export function remoteWriteSettings(input: RemoteWriteInput, names: RemoteWriteNames, readFile: ReadFile): RemoteWriteSettings {
  const url = checkUrl(input.url, names);
  const auth = checkAuth(input, names, readFile);
  const headers = checkHeaders(input.headers, names, auth !== undefined);
  const ca = input.caFile === undefined ? undefined : readCa(input.caFile, names.caFile, readFile);
  return { url, shownUrl: redactUrl(url), ...(auth ? { auth } : {}), headers, ...(ca ? { ca } : {}), labels: input.labels };
}

function checkUrl(text: string, names: RemoteWriteNames): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw configError(`Configuration error: ${names.url} must be the receiver's write URL, such as http://prometheus:9090/api/v1/write (got a value that is not a URL).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw configError(`Configuration error: ${names.url} must be an http:// or https:// URL, such as http://prometheus:9090/api/v1/write (got one starting with ${url.protocol}).`);
  if (url.username || url.password) {
    throw configError(`Configuration error: ${names.url} must not hold a user name or password; give them in ${names.username} and ${names.passwordFile}, which are kept out of logs.`);
  }
  return text;
}

function checkAuth(input: RemoteWriteInput, names: RemoteWriteNames, readFile: ReadFile): RemoteWriteAuth | undefined {
  const password = secret(input.password, input.passwordFile, names.password, names.passwordFile, readFile);
  const token = secret(input.bearerToken, input.bearerTokenFile, names.bearerToken, names.bearerTokenFile, readFile);
  if (token && (input.username !== undefined || password)) {
    throw configError(`Configuration error: set either basic auth (${names.username} with a password) or a bearer token (${names.bearerToken} or ${names.bearerTokenFile}), not both.`);
  }
  if (token) return { kind: 'bearer', token };
  if (input.username !== undefined && !password) throw configError(`Configuration error: ${names.username} needs a password: set ${names.passwordFile} (or ${names.password}).`);
  if (password && input.username === undefined) throw configError(`Configuration error: a remote-write password needs ${names.username}, the user name it belongs to.`);
  return input.username !== undefined && password ? { kind: 'basic', username: input.username, password } : undefined;
}

/** A secret given directly or as a file; a file must be readable and not empty now, so that a typo fails at start-up. */
function secret(value: string | undefined, file: string | undefined, valueName: string, fileName: string, readFile: ReadFile): Secret | undefined {
  if (value !== undefined && file !== undefined) throw configError(`Configuration error: set only one of ${valueName} and ${fileName}, not both.`);
  if (value !== undefined) return { value };
  if (file === undefined) return undefined;
  if (readSecret({ file }, fileName, readFile) === '') throw configError(`Configuration error: ${fileName} ${file} is empty; it must hold the secret.`);
  return { file };
}

/** The secret's current value: a file is read again each time (trailing newline removed). */
export function readSecret(secretValue: Secret, name: string, readFile: ReadFile): string {
  if ('value' in secretValue) return secretValue.value;
  try {
    return readFile(secretValue.file).trim();
  } catch (error) {
    throw configError(`Configuration error: ${name} ${secretValue.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
}

function checkHeaders(items: readonly string[], names: RemoteWriteNames, hasAuth: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of items.flatMap((item) => item.split(',')).map((text) => text.trim()).filter(Boolean)) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, Math.max(equals, 0)).trim();
    if (equals < 1 || !HEADER_NAME.test(name)) {
      throw configError(`Configuration error: ${names.headers} takes Name=value pairs separated by commas, such as X-Scope-OrgID=team-a (got a pair without a valid header name).`);
    }
    const lower = name.toLowerCase();
    if (PROTOCOL_HEADERS.has(lower)) throw configError(`Configuration error: ${names.headers}: ${name} is set by the exporter, as remote write 1.0 requires; leave it out.`);
    if (lower === 'authorization' && hasAuth) throw configError(`Configuration error: ${names.headers} has an Authorization header and a credential is set too; give the credential once.`);
    headers[name] = pair.slice(equals + 1).trim();
  }
  return headers;
}

function readCa(file: string, name: string, readFile: ReadFile): string {
  let pem: string;
  try {
    pem = readFile(file);
  } catch (error) {
    throw configError(`Configuration error: ${name} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); it must hold the CA certificate(s) of the receiver, in PEM.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw configError(`Configuration error: ${name} ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return pem;
}

/** The credential and header values as they are now, for scrubbing logs. */
export function remoteWriteSecrets(settings: RemoteWriteSettings, readFile: ReadFile): string[] {
  const { auth } = settings;
  const credential = !auth ? [] : auth.kind === 'basic' ? [safeRead(auth.password, readFile)] : [safeRead(auth.token, readFile)];
  return [...credential, ...Object.values(settings.headers)].filter(Boolean);
}

function safeRead(value: Secret, readFile: ReadFile): string {
  try {
    return readSecret(value, '', readFile);
  } catch {
    return '';
  }
}
