import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { oneDayReport } from '../../src/github/endpoints.js';
import { EtagCache, conditionalHeaders } from '../../src/github/etag-cache.js';
import { FakeClock, RecordingObserver, silentLogger, staticCredentials } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const report = oneDayReport({ kind: 'org', slug: 'octo-org' });
const LINKS = { download_links: ['https://copilot-reports.github.test/day.ndjson'], report_day: '2026-11-20' };

describe('EtagCache', () => {
  it('keeps the last 200 of each URL that came with an ETag, with its next page', () => {
    const cache = new EtagCache();
    cache.remember('a?page=1', '"v1"', '{"n":1}', { page: '2' });
    cache.remember('b', 'W/"weak"', '[1,2]');
    expect(cache.get('a?page=1')).toEqual({ etag: '"v1"', text: '{"n":1}', next: { page: '2' } });
    expect(cache.get('b')).toEqual({ etag: 'W/"weak"', text: '[1,2]' });
    expect(cache.get('a')).toBeUndefined();
  });

  it('replaces an older answer, and does not keep one without an ETag', () => {
    const cache = new EtagCache();
    cache.remember('a', '"v1"', '"old"');
    cache.remember('a', '"v2"', '"new"');
    cache.remember('c', undefined, '"no etag"');
    cache.remember('d', ['"x"', '"y"'], '"repeated header"');
    expect(cache.get('a')).toEqual({ etag: '"v2"', text: '"new"' });
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('d')).toBeUndefined();
  });

  it('forgets the least recently used answers once their text passes its bound, and never keeps one larger than it', () => {
    const cache = new EtagCache(10);
    cache.remember('a', '"a"', '1234');
    cache.remember('b', '"b"', '1234');
    expect(cache.get('a')?.etag).toBe('"a"'); // a is now more recent than b
    cache.remember('c', '"c"', '1234');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.etag).toBe('"a"');
    expect(cache.get('c')?.etag).toBe('"c"');
    cache.remember('huge', '"h"', '12345678901');
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')?.etag).toBe('"a"');
    // A URL answered again without an ETag forgets its old answer: a 304 could no longer stand for it.
    cache.remember('a', undefined, '12');
    expect(cache.get('a')).toBeUndefined();
  });

  it('makes a request conditional only on a cached answer', () => {
    expect(conditionalHeaders({ etag: '"v1"', text: 'null' })).toEqual({ 'if-none-match': '"v1"' });
    expect(conditionalHeaders(undefined)).toEqual({});
  });
});

describe('conditional requests of GitHubClient', () => {
  useNock();
  const makeClient = () => {
    const observer = new RecordingObserver();
    const client = new GitHubClient({ apiUrl: API, credentials: staticCredentials('t0ken-for-etag-tests'), timeoutMs: 2000, logger: silentLogger, observer, clock: new FakeClock() });
    return { client, observer };
  };

  it('keeps ETags per query: another day is asked without If-None-Match', async () => {
    nock(API).get(report.path).query({ day: '2026-11-20' }).reply(200, LINKS, { etag: '"d20"' });
    nock(API, { badheaders: ['if-none-match'] })
      .get(report.path)
      .query({ day: '2026-11-21' })
      .reply(204);
    nock(API, { reqheaders: { 'if-none-match': '"d20"' } })
      .get(report.path)
      .query({ day: '2026-11-20' })
      .reply(304);
    const { client } = makeClient();
    await client.getJson(report, { day: '2026-11-20' });
    await expect(client.getJson(report, { day: '2026-11-21' })).resolves.toEqual({ status: 204, body: undefined, notModified: false });
    await expect(client.getJson(report, { day: '2026-11-20' })).resolves.toEqual({ status: 200, body: LINKS, notModified: true });
  });

  it('asks a fresh request without its ETag, and keeps the new answer for the next one', async () => {
    const renewed = { ...LINKS, download_links: ['https://copilot-reports.github.test/day-renewed.ndjson'] };
    nock(API).get(report.path).reply(200, LINKS, { etag: '"v1"' });
    nock(API, { badheaders: ['if-none-match'] })
      .get(report.path)
      .reply(200, renewed, { etag: '"v2"' });
    nock(API, { reqheaders: { 'if-none-match': '"v2"' } })
      .get(report.path)
      .reply(304);
    const { client } = makeClient();
    await client.getJson(report);
    await expect(client.getJson(report, {}, { fresh: true })).resolves.toEqual({ status: 200, body: renewed, notModified: false });
    await expect(client.getJson(report)).resolves.toEqual({ status: 200, body: renewed, notModified: true });
  });

  it('does not cache a 200 without an ETag', async () => {
    nock(API).get(report.path).reply(200, LINKS);
    nock(API, { badheaders: ['if-none-match'] })
      .get(report.path)
      .reply(200, LINKS);
    const { client } = makeClient();
    await client.getJson(report);
    await expect(client.getJson(report)).resolves.toMatchObject({ notModified: false });
  });

  it('takes a 304 it did not ask for as an unexpected answer', async () => {
    nock(API).get(report.path).reply(304);
    const { client, observer } = makeClient();
    const error = await rejection(client.getJson(report));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toContain('GitHub answered an unexpected 304');
    expect(observer.requests.map((request) => request.code)).toEqual(['304']);
  });
});
