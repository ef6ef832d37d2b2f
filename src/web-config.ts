/**
 * Optional protection of the HTTP endpoints, configured like Prometheus's exporter-toolkit web config
 * (WEB_CONFIG_FILE): `tls_server_config` (cert_file, key_file; relative to the file) and
 * `basic_auth_users` (user: bcrypt hash). /healthz and /readyz stay open for probes; they say nothing.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import bcrypt from 'bcryptjs';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseYaml } from 'yaml';
import { configError } from './errors.js';

export interface WebConfig {
  tls?: { cert: string; key: string };
  /** user → bcrypt hash */
  users?: Map<string, string>;
}

type ReadFile = (path: string) => string;

const SUPPORTED = { tls_server_config: ['cert_file', 'key_file'], basic_auth_users: undefined } as const;

export function loadWebConfig(path: string, readFile: ReadFile): WebConfig {
  const fail = (what: string) => configError(`Configuration error: WEB_CONFIG_FILE ${path} ${what}`);
  let parsed: unknown;
  try {
    parsed = parseYaml(readFile(path));
  } catch (error) {
    throw fail(`cannot be read as YAML (${(error as Error).message.split('\n')[0]}).`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw fail('must hold a mapping with tls_server_config and/or basic_auth_users.');
  const config: WebConfig = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(key in SUPPORTED)) throw fail(`has "${key}", which this exporter does not support (it supports tls_server_config and basic_auth_users).`);
    if (key === 'tls_server_config') config.tls = tlsConfig(value, path, readFile, fail);
    if (key === 'basic_auth_users') config.users = users(value, fail);
  }
  return config;
}

function tlsConfig(value: unknown, path: string, readFile: ReadFile, fail: (what: string) => Error): WebConfig['tls'] {
  const section = (value ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(section)) {
    if (!SUPPORTED.tls_server_config.includes(key as 'cert_file')) throw fail(`has tls_server_config.${key}, which this exporter does not support (only cert_file and key_file).`);
  }
  const read = (key: 'cert_file' | 'key_file') => {
    const file = section[key];
    if (typeof file !== 'string' || file === '') throw fail(`needs tls_server_config.${key}.`);
    const full = resolve(dirname(path), file);
    try {
      return readFile(full);
    } catch (error) {
      throw fail(`names tls_server_config.${key} ${full}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  };
  return { cert: read('cert_file'), key: read('key_file') };
}

function users(value: unknown, fail: (what: string) => Error): Map<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('needs basic_auth_users as a mapping of user names to bcrypt hashes.');
  const map = new Map<string, string>();
  for (const [user, hash] of Object.entries(value)) {
    if (typeof hash !== 'string' || !/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash)) {
      throw fail(`has basic_auth_users.${user}, which is not a bcrypt hash (make one with: htpasswd -nBC 10 "" | tr -d ':\\n').`);
    }
    map.set(user, hash);
  }
  return map;
}

/** Paths probes use: open even with basic auth. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Basic auth against bcrypt hashes. bcrypt is slow on purpose, so a verified user and password pair is
 * remembered (by a hash of it) for later scrapes, as exporter-toolkit does.
 */
export function basicAuth(users: Map<string, string>) {
  const verified = new Set<string>();
  return async (req: Request, res: Response, next: NextFunction) => {
    if (OPEN_PATHS.has(req.path)) return next();
    const header = req.headers.authorization ?? '';
    const decoded = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '';
    const colon = decoded.indexOf(':');
    const [user, password] = colon === -1 ? ['', ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    const hash = users.get(user);
    const key = createHash('sha256').update(`${user}\u0000${password}`).digest('hex');
    if (hash && (verified.has(key) || (await bcrypt.compare(password, hash)))) {
      if (verified.size > 1000) verified.clear();
      verified.add(key);
      return next();
    }
    res.status(401).set('WWW-Authenticate', 'Basic realm="github-copilot-exporter"').type('text/plain').send('unauthorized\n');
  };
}
