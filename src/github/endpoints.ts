/**
 * GitHub endpoints as (path, template) pairs. The template, never the concrete path or URL, labels
 * `github_copilot_exporter_github_requests_total{endpoint}` so that the label set stays bounded.
 */
import type { Target } from '../config/exporter-config.js';

/** The organization or enterprise a request is about (a GitHub App authenticates per installation). */
export interface Owner {
  kind: 'enterprise' | 'org';
  slug: string;
}

export interface Endpoint {
  /** Concrete path below the API base URL, e.g. `/orgs/acme/copilot/metrics/reports/organization-28-day/latest`. */
  path: string;
  /** The same path with placeholders, e.g. `/orgs/{org}/copilot/metrics/reports/organization-28-day/latest`. */
  template: string;
  owner?: Owner;
}

/** Label for report downloads: signed URLs on a download host, grouped under one bounded value. */
export const DOWNLOAD_ENDPOINT = 'report-download';

function ownerPath(target: Target): Endpoint {
  const slug = encodeURIComponent(target.slug);
  const owner: Owner = { kind: target.kind, slug: target.slug };
  return target.kind === 'enterprise'
    ? { path: `/enterprises/${slug}`, template: '/enterprises/{enterprise}', owner }
    : { path: `/orgs/${slug}`, template: '/orgs/{org}', owner };
}

/** The endpoint at `suffix` under `parent`: the suffix goes on both its path and its template, the owner stays. */
function childOf(parent: Endpoint, suffix: string): Endpoint {
  return { ...parent, path: parent.path + suffix, template: parent.template + suffix };
}

/** `…/copilot/metrics/reports/{enterprise|organization}-28-day/latest` (docs/contract.md §1). */
export function latest28DayReport(target: Target): Endpoint {
  const report = target.kind === 'enterprise' ? 'enterprise-28-day' : 'organization-28-day';
  return childOf(ownerPath(target), `/copilot/metrics/reports/${report}/latest`);
}

/** `…/copilot/metrics/reports/{enterprise|organization}-1-day` (with `?day=YYYY-MM-DD`). */
export function oneDayReport(target: Target): Endpoint {
  const report = target.kind === 'enterprise' ? 'enterprise-1-day' : 'organization-1-day';
  return childOf(ownerPath(target), `/copilot/metrics/reports/${report}`);
}

/** `…/users-1-day` (with `?day=`): one row per user active that day. */
export function usersOneDayReport(target: Target): Endpoint {
  return childOf(ownerPath(target), '/copilot/metrics/reports/users-1-day');
}

/** `…/user-teams-1-day` (with `?day=`): which user belonged to which team that day. */
export function userTeamsOneDayReport(target: Target): Endpoint {
  return childOf(ownerPath(target), '/copilot/metrics/reports/user-teams-1-day');
}

/** `…/repos-1-day` (with `?day=`): one row per repository with Copilot activity that day. */
export function reposOneDayReport(target: Target): Endpoint {
  return childOf(ownerPath(target), '/copilot/metrics/reports/repos-1-day');
}

/** `GET /orgs/{org}/copilot/billing`: the seat breakdown of an organization. */
export function orgBilling(target: Target): Endpoint {
  return childOf(ownerPath(target), '/copilot/billing');
}

/** `GET /orgs/{org}/copilot/billing/seats` or `/enterprises/{enterprise}/copilot/billing/seats` (paginated). */
export function seatList(target: Target): Endpoint {
  return childOf(ownerPath(target), '/copilot/billing/seats');
}

/**
 * `GET /organizations/{org}/settings/billing/ai_credit/usage` or `/enterprises/{enterprise}/settings/billing/ai_credit/usage`:
 * the billing API names organizations `/organizations/`, not `/orgs/` (docs.github.com/rest/billing/usage).
 */
export function aiCreditUsage(target: Target): Endpoint {
  if (target.kind === 'enterprise') return childOf(ownerPath(target), '/settings/billing/ai_credit/usage');
  const owner: Owner = { kind: 'org', slug: target.slug };
  return { path: `/organizations/${encodeURIComponent(target.slug)}/settings/billing/ai_credit/usage`, template: '/organizations/{org}/settings/billing/ai_credit/usage', owner };
}

/** `GET /app/installations`: where the GitHub App is installed (authenticated as the App, with its JWT). */
export const APP_INSTALLATIONS: Endpoint = { path: '/app/installations', template: '/app/installations' };

/**
 * The legacy Copilot Metrics API of a target (closed by GitHub on 2026-04-02):
 * `/enterprises/{enterprise}[/team/{team_slug}]/copilot/metrics` or `/orgs/{org}[/team/{team_slug}]/copilot/metrics`.
 */
export function legacyMetrics(target: Target): Endpoint {
  const owner = ownerPath(target);
  // A team's endpoint keeps its owner: a GitHub App authenticates with the owner's installation.
  const team = target.team ? { ...owner, path: `${owner.path}/team/${encodeURIComponent(target.team)}`, template: `${owner.template}/team/{team_slug}` } : owner;
  return childOf(team, '/copilot/metrics');
}

export function describeTarget(target: Target): string {
  const owner = target.kind === 'enterprise' ? `enterprise ${target.slug}` : `organization ${target.slug}`;
  return target.team ? `${owner}, team ${target.team}` : owner;
}
