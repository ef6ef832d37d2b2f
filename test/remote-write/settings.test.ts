/** REMOTE_WRITE_* variables: what they give, and a message naming the variable for each mistake. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { ExporterError } from '../../src/errors.js';
import { remoteWriteSecrets, remoteWriteSettingsFromEnv } from '../../src/remote-write/settings.js';

const FILES: Record<string, string> = {
  '/run/secrets/token': 'a-bearer-token-from-a-file\n',
  '/run/secrets/empty': '\n',
  '/run/secrets/password': 'a-password-from-a-file\n',
  '/etc/ssl/receiver-ca.pem': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  '/etc/ssl/not-a-ca.pem': 'hello',
};

function readFile(path: string): string {
  const content = FILES[path];
  if (content === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return content;
}

const URL = 'https://mimir.example.com/api/v1/push';

function settings(env: Record<string, string>) {
  return remoteWriteSettingsFromEnv(env, readFile);
}

function message(env: Record<string, string>): string {
  try {
    settings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ExporterError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('REMOTE_WRITE_* settings', () => {
  it('are off without REMOTE_WRITE_URL', () => {
    expect(settings({})).toBeUndefined();
  });

  it('read the URL, a credential, headers, a CA and labels', () => {
    expect(
      settings({
        REMOTE_WRITE_URL: URL,
        REMOTE_WRITE_BEARER_TOKEN_FILE: '/run/secrets/token',
        REMOTE_WRITE_HEADERS: 'X-Scope-OrgID=copilot, X-Extra=1',
        REMOTE_WRITE_CA_FILE: '/etc/ssl/receiver-ca.pem',
        REMOTE_WRITE_LABELS: 'job=github-copilot,instance=copilot-exporter:9847',
      }),
    ).toEqual({
      url: URL,
      shownUrl: URL,
      auth: { kind: 'bearer', token: { file: '/run/secrets/token' } },
      headers: { 'X-Scope-OrgID': 'copilot', 'X-Extra': '1' },
      ca: FILES['/etc/ssl/receiver-ca.pem'],
      labels: { job: 'github-copilot', instance: 'copilot-exporter:9847' },
    });
    expect(settings({ REMOTE_WRITE_URL: URL, REMOTE_WRITE_USERNAME: 'copilot', REMOTE_WRITE_PASSWORD_FILE: '/run/secrets/password' })?.auth).toEqual({ kind: 'basic', username: 'copilot', password: { file: '/run/secrets/password' } });
  });

  it('keep the credential and header values for scrubbing logs, reading a file as it is now', () => {
    const configured = settings({ REMOTE_WRITE_URL: URL, REMOTE_WRITE_BEARER_TOKEN_FILE: '/run/secrets/token', REMOTE_WRITE_HEADERS: 'X-Api-Key=a-long-api-key-value' });
    expect(remoteWriteSecrets(configured!, readFile)).toEqual(['a-bearer-token-from-a-file', 'a-long-api-key-value']);
  });

  it.each([
    [{ REMOTE_WRITE_LABELS: 'job=x' }, 'Configuration error: REMOTE_WRITE_LABELS is set but REMOTE_WRITE_URL is not; set REMOTE_WRITE_URL to the receiver\'s write URL (e.g. http://prometheus:9090/api/v1/write), or unset REMOTE_WRITE_LABELS.'],
    [{ REMOTE_WRITE_URL: 'prometheus:9090' }, 'Configuration error: REMOTE_WRITE_URL must be an http:// or https:// URL, such as http://prometheus:9090/api/v1/write (got one starting with prometheus:).'],
    [{ REMOTE_WRITE_URL: 'not a url' }, 'Configuration error: REMOTE_WRITE_URL must be the receiver\'s write URL, such as http://prometheus:9090/api/v1/write (got a value that is not a URL).'],
    [
      { REMOTE_WRITE_URL: URL, REMOTE_WRITE_USERNAME: 'u', REMOTE_WRITE_PASSWORD: 'p', REMOTE_WRITE_BEARER_TOKEN: 't' },
      'Configuration error: set either basic auth (REMOTE_WRITE_USERNAME with a password) or a bearer token (REMOTE_WRITE_BEARER_TOKEN or REMOTE_WRITE_BEARER_TOKEN_FILE), not both.',
    ],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_PASSWORD: 'p' }, 'Configuration error: a remote-write password needs REMOTE_WRITE_USERNAME, the user name it belongs to.'],
    [
      { REMOTE_WRITE_URL: URL, REMOTE_WRITE_USERNAME: 'u', REMOTE_WRITE_PASSWORD: 'p', REMOTE_WRITE_PASSWORD_FILE: '/run/secrets/password' },
      'Configuration error: set only one of REMOTE_WRITE_PASSWORD and REMOTE_WRITE_PASSWORD_FILE, not both.',
    ],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_BEARER_TOKEN_FILE: '/run/secrets/empty' }, 'Configuration error: REMOTE_WRITE_BEARER_TOKEN_FILE /run/secrets/empty is empty; it must hold the secret.'],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_BEARER_TOKEN_FILE: '/run/secrets/missing' }, 'Configuration error: REMOTE_WRITE_BEARER_TOKEN_FILE /run/secrets/missing cannot be read (ENOENT).'],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_CA_FILE: '/etc/ssl/not-a-ca.pem' }, 'Configuration error: REMOTE_WRITE_CA_FILE /etc/ssl/not-a-ca.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----).'],
    [
      { REMOTE_WRITE_URL: URL, REMOTE_WRITE_BEARER_TOKEN: 't', REMOTE_WRITE_HEADERS: 'Authorization=Basic abc' },
      'Configuration error: REMOTE_WRITE_HEADERS has an Authorization header and a credential is set too; give the credential once.',
    ],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_HEADERS: 'X-Scope-OrgID' }, 'Configuration error: REMOTE_WRITE_HEADERS takes Name=value pairs separated by commas, such as X-Scope-OrgID=team-a (got a pair without a valid header name).'],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_LABELS: 'team=core' }, 'Configuration error: REMOTE_WRITE_LABELS: team is a label the exporter sets on its own series; adding it would change or hide theirs. Choose another name.'],
    [{ REMOTE_WRITE_URL: URL, REMOTE_WRITE_LABELS: 'instance=a:1,job=' }, 'Configuration error: REMOTE_WRITE_LABELS: job has an empty value, and Prometheus drops a label without a value; give it one or leave it out.'],
  ])('reject %j', (env, expected) => {
    expect(message(env)).toBe(expected);
  });

  it('are part of the configuration, and a mistyped one is named', () => {
    const base = { GITHUB_TOKEN: 'ghp_x', COPILOT_ORGS: 'acme' };
    expect(loadConfig({ ...base, REMOTE_WRITE_URL: 'http://prometheus:9090/api/v1/write' }, readFile).remoteWrite?.url).toBe('http://prometheus:9090/api/v1/write');
    expect(loadConfig({ ...base, REMOTE_WRITE_URLS: 'http://prometheus:9090/api/v1/write' }, readFile).warnings.join(' ')).toContain('REMOTE_WRITE_URLS');
  });
});
