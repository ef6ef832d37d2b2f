/**
 * Pagination (docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api): the client reads
 * where the `Link: rel="next"` header of a page points, and `pages` follows it from page to page.
 */
import { ExporterError } from '../errors.js';
import type { Endpoint } from './endpoints.js';

/**
 * A guard against a Link header that never ends, not a limit on real answers. The longest real list is
 * an enterprise's seat list, 100 seats a page, and the largest Copilot enterprises have more than
 * 100,000 seats: 2,000 pages hold 200,000. (The legacy metrics take 100 days a page: even years of a
 * mirror's history are a few dozen pages.)
 */
const MAX_PAGES = 2000;

/** What getAllPages asks of the client (GitHubClient.getJson), one page at a time. */
export interface PageSource {
  getJson(endpoint: Endpoint, query: Record<string, string>): Promise<{ status: number; body: unknown; next?: Record<string, string> }>;
}

/**
 * The query of the page a `Link` header's `rel="next"` points to, or undefined on the last page.
 * The link must stay on the same endpoint: the token is only ever sent to the API.
 */
export function nextPageQuery(link: unknown, expectedUrl: string, endpoint: Endpoint, request: string): Record<string, string> | undefined {
  if (typeof link !== 'string') return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!match) return undefined;
  const next = new URL(match[1] as string);
  const expected = new URL(expectedUrl);
  if (next.origin !== expected.origin || next.pathname !== expected.pathname) {
    throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub's Link header points away from the endpoint (${request}).`, {
      endpoint: endpoint.template,
      hint: 'The next page was not requested, so the token stays with the API.',
    });
  }
  return Object.fromEntries(next.searchParams);
}

/**
 * Every page of a paginated list, one at a time, as GitHub answers them: a caller that folds each page
 * into its result holds one page (100 seats), not the whole list.
 */
export async function* pages<T>(
  client: PageSource,
  endpoint: Endpoint,
  query: Record<string, string>,
  itemsOf: (body: unknown) => T[] | undefined,
): AsyncGenerator<T[]> {
  let params: Record<string, string> | undefined = query;
  for (let page = 1; params; page += 1) {
    if (page > MAX_PAGES) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub kept announcing a next page after ${MAX_PAGES} pages.`, { endpoint: endpoint.template });
    }
    const response = await client.getJson(endpoint, params);
    if (response.status === 204) return;
    const pageItems = itemsOf(response.body);
    if (!pageItems) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub answered page ${page} of ${endpoint.path} with an unexpected shape.`, {
        status: 200,
        endpoint: endpoint.template,
        hint: 'Check that GITHUB_API_URL points at the GitHub REST API.',
      });
    }
    yield pageItems;
    params = response.next;
  }
}

/** Every page's items in one list, for lists that are small however long they get (the legacy metrics' days). */
export async function getAllPages<T>(
  client: PageSource,
  endpoint: Endpoint,
  query: Record<string, string>,
  itemsOf: (body: unknown) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  for await (const pageItems of pages(client, endpoint, query, itemsOf)) items.push(...pageItems);
  return items;
}
