/**
 * `seats`: Copilot licences from the billing API, an optional collector (COPILOT_SEAT_METRICS). The
 * billing breakdown of each organization (`GET /orgs/{org}/copilot/billing`), and the seat list of each
 * enterprise (`GET /enterprises/{enterprise}/copilot/billing/seats`, paginated); with per-user metrics,
 * also the seat list of organizations, for each seat holder's last activity. Team targets have no seats.
 *
 * Seats change slowly and their endpoints need billing permissions many tokens lack: they are read every
 * SEATS_REFRESH_INTERVAL (the token is when they were read), and a refusal costs only the seats series.
 */
import type { Target } from '../config/exporter-config.js';
import { ExporterError } from '../errors.js';
import { describeTarget, orgBilling, seatList } from '../github/endpoints.js';
import { pages } from '../github/paginate.js';
import type { Row } from '../metrics/map/report-values.js';
import { SEAT_METRICS, type SeatsResult, mapOrgBilling, mapSeatList } from '../metrics/map/seats.js';
import { scopeLabels } from '../targets.js';
import { type Collector, type CollectorDeps, summarizeProblems } from './collector.js';

export interface SeatsToken {
  /** When the seats were read (ms since the epoch). */
  readAt: number;
}

/**
 * The seat list's pages, and total_seats as the last page carrying it says (checked by mapSeatList; none
 * counts as 0), known once every page has passed.
 */
function seatListPages(deps: CollectorDeps, target: Target): { pages: AsyncIterable<Row[]>; total: () => unknown } {
  let total: unknown = 0;
  const list = pages(deps.client, seatList(target), { per_page: '100' }, (body) => {
    const page = body as { total_seats?: unknown; seats?: unknown } | null;
    if (page?.total_seats !== undefined && page.total_seats !== null) total = page.total_seats;
    return Array.isArray(page?.seats) ? (page.seats as Row[]) : undefined;
  });
  return { pages: list, total: () => total };
}

export const seatsCollector: Collector<SeatsToken> = {
  name: 'seats',
  main: false,
  switchedBy: 'COPILOT_SEAT_METRICS',
  needs:
    'organizations: classic tokens manage_billing:copilot or read:org, fine-grained tokens and GitHub Apps the "GitHub Copilot Business" (or "Administration") organization permission, read; enterprises: a classic token with manage_billing:copilot or read:enterprise (GitHub documents no fine-grained or App permission for the enterprise seat list), held by an owner or billing manager',
  definitions: Object.values(SEAT_METRICS),
  enabled: (config) => config.seatMetrics,
  appliesTo: (target) => target.team === undefined,
  refreshIntervalMs: (config) => config.seatsRefreshIntervalSeconds * 1000,
  endpoints: (target, config) => [
    ...(target.kind === 'org' ? [{ endpoint: orgBilling(target) }] : []),
    ...(target.kind === 'enterprise' || config.userMetrics ? [{ endpoint: seatList(target), query: { per_page: '1' } }] : []),
  ],

  async collect(deps, target) {
    const users = deps.config.userMetrics;
    const now = deps.clock.now();
    const scope = scopeLabels(target);
    const results: SeatsResult[] = [];
    if (target.kind === 'org') {
      const billing = await deps.client.getJson(orgBilling(target));
      results.push(mapOrgBilling((billing.body ?? {}) as Row, scope));
      if (users) results.push(await mapSeatList(seatListPages(deps, target).pages, scope, { now, users }));
    } else {
      const list = seatListPages(deps, target);
      results.push(await mapSeatList(list.pages, scope, { now, total: list.total, ...(users ? { users } : {}) }));
    }
    const problems = results.flatMap((result) => result.problems);
    if (problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The Copilot seats of ${describeTarget(target)} are malformed: ${summarizeProblems(problems)}.`);
    }
    return {
      token: { readAt: now },
      samples: results.flatMap((result) => result.samples),
      droppedUsers: results.reduce((sum, result) => sum + result.dropped, 0),
    };
  },
};
