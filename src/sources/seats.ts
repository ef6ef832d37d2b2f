/**
 * Copilot seats, polled with the usage data every REFRESH_INTERVAL: the billing breakdown of each
 * organization (`GET /orgs/{org}/copilot/billing`), and the seat list of each enterprise
 * (`GET /enterprises/{enterprise}/copilot/billing/seats`, paginated); with per-user metrics, also the seat
 * list of organizations, for each seat holder's last activity. Team targets have no seats of their own.
 * Seats are read every SEATS_REFRESH_INTERVAL, not on every poll, so that an unchanged poll still costs
 * one request per target.
 */
import type { UserMetricsConfig } from '../config/load-config.js';
import { ExporterError } from '../errors.js';
import { type Clock, type GitHubClient, systemClock } from '../github/client.js';
import { describeTarget, orgBilling, seatList } from '../github/endpoints.js';
import { getAllPages } from '../github/paginate.js';
import { type SeatsResult, mapOrgBilling, mapSeatList } from '../metrics/map/seats.js';
import { scopeLabels, targetKey, type Target } from '../targets.js';
import { type Source, type TargetData, summarizeProblems } from './source.js';

type Row = Record<string, unknown>;

export class SeatsSource implements Source {
  readonly part = 'seats';

  private readonly readAt = new Map<string, number>();

  constructor(
    private readonly client: GitHubClient,
    private readonly options: { refreshIntervalMs: number; users?: UserMetricsConfig },
    private readonly clock: Clock = systemClock,
  ) {}

  private get users(): UserMetricsConfig | undefined {
    return this.options.users;
  }

  /** Seats change slowly: they are read again only once refreshIntervalMs has passed since the last good read. */
  async poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'> {
    if (target.team) return { samples: [], reportKey: 'team' };
    const now = this.clock.now();
    const last = this.readAt.get(targetKey(target));
    if (previousKey !== undefined && last !== undefined && now - last < this.options.refreshIntervalMs) return 'unchanged';
    const scope = scopeLabels(target);
    const results: SeatsResult[] = [];
    if (target.kind === 'org') {
      const billing = await this.client.getJson(orgBilling(target));
      results.push(mapOrgBilling((billing.body ?? {}) as Row, scope));
      if (this.users) results.push(mapSeatList((await this.seats(target)).seats, scope, { now, users: this.users }));
    } else {
      const { seats, total } = await this.seats(target);
      results.push(mapSeatList(seats, scope, { now, total, ...(this.users ? { users: this.users } : {}) }));
    }
    const problems = results.flatMap((result) => result.problems);
    if (problems.length > 0) {
      throw new ExporterError('GITHUB_INVALID_RESPONSE', `The Copilot seats of ${describeTarget(target)} are malformed: ${summarizeProblems(problems)}.`);
    }
    this.readAt.set(targetKey(target), now);
    return {
      samples: results.flatMap((result) => result.samples),
      reportKey: `seats@${now}`,
      droppedUsers: results.reduce((sum, result) => sum + result.dropped, 0),
    };
  }

  private async seats(target: Target): Promise<{ seats: Row[]; total: number }> {
    let total = 0;
    const seats = await getAllPages(this.client, seatList(target), { per_page: '100' }, (body) => {
      const page = body as { total_seats?: unknown; seats?: unknown } | null;
      if (typeof page?.total_seats === 'number') total = page.total_seats;
      return Array.isArray(page?.seats) ? (page.seats as Row[]) : undefined;
    });
    return { seats, total };
  }
}
