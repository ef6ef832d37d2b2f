/**
 * GitHub's current REST API version, sent as `X-GitHub-Api-Version` by the API client and the GitHub App
 * authentication alike (docs.github.com/rest/about-the-rest-api/api-versions).
 */
export const GITHUB_API_VERSION = '2026-03-10';
