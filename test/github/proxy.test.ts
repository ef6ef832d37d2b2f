import { describe, expect, it } from 'vitest';
import { ExporterError } from '../../src/errors.js';
import { proxyForUrl, proxySecrets, proxySettingsFromEnv, shownProxy } from '../../src/github/proxy.js';

const settings = (env: Record<string, string>) => proxySettingsFromEnv(env);

describe('proxy settings, as curl reads them', () => {
  it('is undefined without a proxy variable, whatever NO_PROXY says', () => {
    expect(settings({ NO_PROXY: 'example.com' })).toBeUndefined();
  });

  it('takes HTTPS_PROXY for https URLs and HTTP_PROXY for http URLs, the lower-case forms first', () => {
    const proxies = settings({ HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'plain:8080' });
    expect(proxyForUrl('https://api.github.com/orgs/x', proxies)?.href).toBe('http://lower:3128/');
    // No scheme: http, as curl assumes.
    expect(proxyForUrl('http://collector:4318/v1/metrics', proxies)?.href).toBe('http://plain:8080/');
    expect(proxyForUrl('https://api.github.com/', settings({ HTTP_PROXY: 'http://only-http:1' }))).toBeUndefined();
  });

  describe.each([
    ['*', 'https://api.github.com/', false],
    ['github.com', 'https://api.github.com/', false],
    ['.github.com', 'https://api.github.com/', false],
    ['*.github.com', 'https://api.github.com/', false],
    ['github.com', 'https://github.com/', false],
    ['hub.com', 'https://api.github.com/', true],
    ['api.github.com:443', 'https://api.github.com/', false],
    ['api.github.com:8443', 'https://api.github.com/', true],
    ['10.0.0.0/8', 'http://10.1.2.3:4318/', false],
    ['10.0.0.0/8', 'http://11.1.2.3:4318/', true],
    ['127.0.0.1', 'http://127.0.0.1:9000/', false],
    ['[::1]:9000', 'http://[::1]:9000/', false],
    ['::1', 'http://[::1]:9000/', false],
    ['other.example, GitHub.com ', 'https://API.github.com/', false],
  ])('NO_PROXY=%s for %s', (noProxy, url, proxied) => {
    it(proxied ? 'goes through the proxy' : 'connects directly', () => {
      const proxies = settings({ HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128', NO_PROXY: noProxy });
      expect(proxyForUrl(url, proxies) !== undefined).toBe(proxied);
    });
  });

  it.each([
    ['HTTPS_PROXY', 'socks5://proxy:1080', 'Configuration error: HTTPS_PROXY must be an http:// or https:// proxy URL (got socks5://…).'],
    ['http_proxy', 'http://[bad', 'Configuration error: http_proxy must be a proxy URL such as http://proxy.example.com:3128 (got a value that is not a URL).'],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      settings({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExporterError);
    expect((error as ExporterError).message).toBe(message);
  });

  it('keeps the credentials of a proxy URL out of what it shows, and lists them for scrubbing', () => {
    const proxies = settings({ HTTPS_PROXY: 'http://me:p%40ss@proxy.corp:3128' });
    expect(shownProxy(proxies?.https as URL)).toBe('http://[REDACTED]@proxy.corp:3128');
    expect(proxySecrets(proxies)).toEqual(['p%40ss', 'p@ss']);
  });
});
