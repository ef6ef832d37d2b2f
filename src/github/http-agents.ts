/**
 * How every outbound request leaves the process: the GitHub API and report downloads (got), the GitHub
 * App's token exchange (octokit, over fetch) and the OTLP push (the OpenTelemetry exporter's agent).
 * With a proxy configured (HTTPS_PROXY, HTTP_PROXY, NO_PROXY: proxy.ts decides per URL), got and the
 * OTLP exporter get proxy-agent's agent, which tunnels https with CONNECT, and fetch gets undici's
 * ProxyAgent; without one, Node's defaults, untouched. Both agents are loaded only when a proxy is
 * configured: together they hold some 10 MiB that an exporter reaching GitHub directly does not need.
 */
import type { Agent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { ProxyAgent as UndiciProxyAgent, fetch as UndiciFetch } from 'undici';
import { type ProxySettings, proxyForUrl } from './proxy.js';

export interface OutboundHttp {
  /** For got's `agent` option; undefined: Node's global agents. */
  agents?: { http: Agent; https: HttpsAgent };
  /** For octokit's `request.fetch`; undefined: the global fetch. */
  fetch?: typeof fetch;
}

export const DIRECT: OutboundHttp = {};

export async function outboundHttp(proxy: ProxySettings | undefined): Promise<OutboundHttp> {
  if (!proxy) return DIRECT;
  const [{ ProxyAgent: NodeProxyAgent }, { ProxyAgent: UndiciProxyAgent, fetch: undiciFetch }] = await Promise.all([import('proxy-agent'), import('undici')]);
  // One agent for both: proxy-agent picks the proxy (or none) for each request's URL.
  const agent = new NodeProxyAgent({ getProxyForUrl: (url) => proxyForUrl(url, proxy)?.href ?? '' }) as unknown as HttpsAgent;
  const dispatchers = new Map<string, UndiciProxyAgent>();
  const proxiedFetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url;
    const via = proxyForUrl(url, proxy);
    if (!via) return fetch(input, init);
    let dispatcher = dispatchers.get(via.href);
    if (!dispatcher) dispatchers.set(via.href, (dispatcher = new UndiciProxyAgent(via.href)));
    return undiciFetch(input as Parameters<typeof UndiciFetch>[0], { ...(init as Parameters<typeof UndiciFetch>[1]), dispatcher });
  }) as typeof fetch;
  return { agents: { http: agent, https: agent }, fetch: proxiedFetch };
}
