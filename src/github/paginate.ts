/** Follows `Link: rel="next"` from page to page and gathers the items of every page. */
import { ExporterError } from '../errors.js';
import type { GitHubClient } from './client.js';
import type { Endpoint } from './endpoints.js';

/** A guard against a Link header that never ends (10,000 days at 100 a page is far beyond any real answer). */
const MAX_PAGES = 100;

export async function getAllPages<T>(
  client: GitHubClient,
  endpoint: Endpoint,
  query: Record<string, string>,
  itemsOf: (body: unknown) => T[] | undefined,
): Promise<T[]> {
  const items: T[] = [];
  let params: Record<string, string> | undefined = query;
  for (let page = 1; params; page += 1) {
    if (page > MAX_PAGES) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub kept announcing a next page after ${MAX_PAGES} pages.`, { endpoint: endpoint.template });
    }
    const response = await client.getJson(endpoint, params);
    if (response.status === 204) break;
    const pageItems = itemsOf(response.body);
    if (!pageItems) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `GitHub answered page ${page} of ${endpoint.path} with an unexpected shape.`, {
        status: 200,
        endpoint: endpoint.template,
        hint: 'Check that GITHUB_API_URL points at the GitHub REST API.',
      });
    }
    items.push(...pageItems);
    params = response.next;
  }
  return items;
}
