/**
 * Outbound proxies, as curl reads them: `HTTPS_PROXY` for https URLs and `HTTP_PROXY` for http URLs (the
 * lower-case forms win when both are set), and `NO_PROXY`, a comma-separated list of hosts that are
 * reached directly. A NO_PROXY entry matches the host itself and every subdomain (`example.com` and
 * `.example.com` both match `api.example.com`), may name a port (`host:8443`), may be an IP address or a
 * CIDR range (`10.0.0.0/8`), and `*` alone matches every host. A proxy URL without a scheme is http.
 *
 * Only the decision lives here; the tunnelling is proxy-agent's (got's requests) and undici's (the
 * GitHub App's token requests), see http-agents.ts.
 */
import { BlockList, isIP } from 'node:net';
import { configError } from '../errors.js';

export interface ProxySettings {
  /** Proxy for https URLs (HTTPS_PROXY / https_proxy). */
  https?: URL;
  /** Proxy for http URLs (HTTP_PROXY / http_proxy). */
  http?: URL;
  /** NO_PROXY entries, as written. */
  noProxy: string[];
}

type Env = Record<string, string | undefined>;

export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** The first of the lower-case and upper-case forms that is set and not empty, with its name. */
function variable(env: Env, name: string): [string, string] | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value) return [key, value];
  }
  return undefined;
}

function proxyUrl(env: Env, name: string): URL | undefined {
  const set = variable(env, name);
  if (!set) return undefined;
  const [key, value] = set;
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw configError(`Configuration error: ${key} must be a proxy URL such as http://proxy.example.com:3128 (got a value that is not a URL).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw configError(`Configuration error: ${key} must be an http:// or https:// proxy URL (got ${url.protocol}//…).`);
  }
  return url;
}

/** The proxy settings of an environment; an invalid proxy URL is a configuration error naming its variable. */
export function proxySettingsFromEnv(env: Env): ProxySettings | undefined {
  const https = proxyUrl(env, 'https_proxy');
  const http = proxyUrl(env, 'http_proxy');
  if (!https && !http) return undefined;
  const noProxy = (variable(env, 'no_proxy')?.[1] ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return { ...(https ? { https } : {}), ...(http ? { http } : {}), noProxy };
}

/** `host`, `host:port`, `[v6]:port` → host (without brackets) and port. */
function splitHostPort(entry: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] as string, ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1] as string, port: Number(withPort[2]) };
  return { host: entry };
}

function matchesEntry(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  const { host: pattern, port: entryPort } = splitHostPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(pattern);
  if (cidr && isIP(cidr[1] as string) && isIP(host)) {
    const family = isIP(host) === 6 ? 'ipv6' : 'ipv4';
    if ((isIP(cidr[1] as string) === 6 ? 'ipv6' : 'ipv4') !== family) return false;
    const list = new BlockList();
    list.addSubnet(cidr[1] as string, Number(cidr[2]), family);
    return list.check(host, family);
  }
  const domain = pattern.replace(/^\*?\./, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/** The proxy a request to `url` goes through, or undefined to connect directly. */
export function proxyForUrl(url: string | URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined;
  const target = typeof url === 'string' ? new URL(url) : url;
  const proxy = target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined;
  if (!proxy) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return settings.noProxy.some((entry) => matchesEntry(entry, host, port)) ? undefined : proxy;
}

/** A proxy URL as it may be logged: without its credentials. */
export function shownProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.username ? '[REDACTED]@' : ''}${proxy.host}`;
}

/** The passwords in the proxy URLs (as written and decoded), for scrubbing logs. */
export function proxySecrets(settings: ProxySettings | undefined): string[] {
  const passwords = [settings?.https, settings?.http].flatMap((url) => (url?.password ? [url.password, decodeURIComponent(url.password)] : []));
  return [...new Set(passwords)];
}
