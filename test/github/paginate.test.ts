import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { type Endpoint, legacyMetrics, seatList } from '../../src/github/endpoints.js';
import { type PageSource, getAllPages, nextPageQuery } from '../../src/github/paginate.js';
import { FakeClock, RecordingObserver, silentLogger, staticCredentials } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const seats = seatList({ kind: 'enterprise', slug: 'octo-ent' });
const SEATS_URL = `${API}${seats.path}`;
const REQUEST = `GET ${SEATS_URL}?per_page=100`;

const seatsOf = (body: unknown) => {
  const page = body as { seats?: unknown } | null;
  return Array.isArray(page?.seats) ? (page.seats as Array<{ login: string }>) : undefined;
};

describe('nextPageQuery', () => {
  it('reads the query of rel="next" among the other relations', () => {
    const link = `<${SEATS_URL}?per_page=100&page=1>; rel="prev", <${SEATS_URL}?per_page=100&page=3>; rel="next", <${SEATS_URL}?per_page=100&page=9>; rel="last"`;
    expect(nextPageQuery(link, SEATS_URL, seats, REQUEST)).toEqual({ per_page: '100', page: '3' });
  });

  it('takes rel=next without quotes, and keeps every parameter of the link', () => {
    const link = `<${SEATS_URL}?per_page=100&page=2&since=2026-11-01>;rel=next`;
    expect(nextPageQuery(link, SEATS_URL, seats, REQUEST)).toEqual({ per_page: '100', page: '2', since: '2026-11-01' });
  });

  it('finds no next page on the last page, or without a Link header', () => {
    expect(nextPageQuery(`<${SEATS_URL}?page=1>; rel="first", <${SEATS_URL}?page=1>; rel="prev"`, SEATS_URL, seats, REQUEST)).toBeUndefined();
    expect(nextPageQuery(undefined, SEATS_URL, seats, REQUEST)).toBeUndefined();
    expect(nextPageQuery(['repeated'], SEATS_URL, seats, REQUEST)).toBeUndefined();
  });

  it.each([
    ['another host', `<https://elsewhere.test${seats.path}?page=2>; rel="next"`],
    ['another scheme', `<http://api.github.test${seats.path}?page=2>; rel="next"`],
    ['another endpoint', `<${API}/enterprises/other-ent/copilot/billing/seats?page=2>; rel="next"`],
  ])('refuses a next page on %s, so that the token stays with the endpoint', (_where, link) => {
    let error: unknown;
    try {
      nextPageQuery(link, SEATS_URL, seats, REQUEST);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ reason: 'invalid_response', message: `GitHub's Link header points away from the endpoint (${REQUEST}).` });
    expect(error).toMatchObject({ details: { endpoint: seats.template } });
  });
});

describe('getAllPages over GitHubClient', () => {
  useNock();
  const makeClient = () => {
    const observer = new RecordingObserver();
    const client = new GitHubClient({ apiUrl: API, credentials: staticCredentials('ghp_paginationTests'), timeoutMs: 2000, logger: silentLogger, observer, clock: new FakeClock() });
    return { client, observer };
  };
  const next = (page: number) => ({ link: `<${SEATS_URL}?per_page=100&page=${page}>; rel="next"` });

  it('follows rel="next" from page to page and gathers the items of every page, in order', async () => {
    nock(API).get(seats.path).query({ per_page: '100' }).reply(200, { seats: [{ login: 'ann' }, { login: 'bob' }] }, next(2));
    nock(API).get(seats.path).query({ per_page: '100', page: '2' }).reply(200, { seats: [{ login: 'cid' }] }, next(3));
    nock(API).get(seats.path).query({ per_page: '100', page: '3' }).reply(200, { seats: [{ login: 'dee' }] });
    const { client, observer } = makeClient();
    const all = await getAllPages(client, seats, { per_page: '100' }, seatsOf);
    expect(all.map((seat) => seat.login)).toEqual(['ann', 'bob', 'cid', 'dee']);
    expect(observer.requests).toHaveLength(3);
  });

  it('ends at a 204', async () => {
    const legacy = legacyMetrics({ kind: 'org', slug: 'octo-org' });
    nock(API).get(legacy.path).query({ per_page: '100' }).reply(204);
    const items = await getAllPages(makeClient().client, legacy, { per_page: '100' }, (body) => (Array.isArray(body) ? body : undefined));
    expect(items).toEqual([]);
  });

  it('rejects a page of the wrong shape, naming the page', async () => {
    nock(API).get(seats.path).query({ per_page: '100' }).reply(200, { seats: [{ login: 'ann' }] }, next(2));
    nock(API).get(seats.path).query({ per_page: '100', page: '2' }).reply(200, { message: 'not seats' });
    const error = await rejection(getAllPages(makeClient().client, seats, { per_page: '100' }, seatsOf));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`GitHub answered page 2 of ${seats.path} with an unexpected shape.`);
  });

  it('does not follow a Link header that leaves the API', async () => {
    nock(API).get(seats.path).query({ per_page: '100' }).reply(200, { seats: [] }, { link: '<https://elsewhere.test/steal?page=2>; rel="next"' });
    const error = await rejection(getAllPages(makeClient().client, seats, { per_page: '100' }, seatsOf));
    expect(error.reason).toBe('invalid_response');
  });
});

describe('the page cap of getAllPages', () => {
  /** A seat list of `total` seats, 100 a page, each page linking the next; `endless` keeps announcing one. */
  function seatPages(total: number, endless = false): PageSource & { requests: number } {
    const source = {
      requests: 0,
      async getJson(_endpoint: Endpoint, query: Record<string, string>) {
        source.requests += 1;
        const page = Number(query.page ?? 1);
        const first = (page - 1) * 100;
        const count = Math.max(0, Math.min(100, total - first));
        const body = { total_seats: total, seats: Array.from({ length: count }, (_, index) => ({ login: `user-${first + index}` })) };
        const last = first + count >= total;
        return { status: 200, body, ...(endless || !last ? { next: { per_page: '100', page: String(page + 1) } } : {}) };
      },
    };
    return source;
  }

  it('reads an enterprise seat list of 150,000 seats whole (1,500 pages)', async () => {
    const source = seatPages(150_000);
    const all = await getAllPages(source, seats, { per_page: '100' }, seatsOf);
    expect(all).toHaveLength(150_000);
    expect(all.at(-1)).toEqual({ login: 'user-149999' });
    expect(source.requests).toBe(1500);
  });

  it('reads 200,000 seats (2,000 pages), the most it follows', async () => {
    const source = seatPages(200_000);
    expect(await getAllPages(source, seats, { per_page: '100' }, seatsOf)).toHaveLength(200_000);
  });

  it('gives up on a Link header that never ends after 2,000 pages, without asking for page 2,001', async () => {
    const source = seatPages(0, true);
    const error = await rejection(getAllPages(source, seats, { per_page: '100' }, seatsOf));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe('GitHub kept announcing a next page after 2000 pages.');
    expect(error.details).toMatchObject({ endpoint: seats.template });
    expect(source.requests).toBe(2000);
  });
});
