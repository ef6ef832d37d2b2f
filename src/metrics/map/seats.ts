/**
 * Copilot seats → samples: the billing breakdown of an organization, and a seat list (enterprises, or
 * organizations when per-user metrics are on). "Active in the last 7 / 28 days" is counted from each
 * seat's last_activity_at against `now`, which the caller passes in. Pure: no I/O, no clock of its own.
 * Seat numbers are integers in GitHub's schema (copilot-organization-details, and total_seats of the seat
 * list); a value that is not a non-negative integer is a problem, and the caller rejects the answer.
 * The seats families are declared here, beside the only code that emits them.
 */
import type { UserMetricsConfig } from '../../config/exporter-config.js';
import type { MetricDefinition } from '../definitions.js';
import { type Labels, type Sample, SampleSet } from '../sample.js';
import { type Row, isExpected, isObject, valueProblem } from './report-values.js';
import { userLabel } from './user-label.js';

function seats(name: string, labels: readonly string[], source: string, help: string): MetricDefinition {
  return { name: `github_copilot_${name}`, help, type: 'gauge', labels, source, api: 'seats' };
}

/** Copilot seats (licences), from the billing API, read every SEATS_REFRESH_INTERVAL (not a reported day). */
export const SEAT_METRICS = {
  seats: seats(
    'seats',
    ['state'],
    'GET /orgs/{org}/copilot/billing → seat_breakdown.<state>; enterprises: total_seats of the seat list (state="total")',
    'Copilot seats by state (total, active_this_cycle, inactive_this_cycle, added_this_cycle, pending_invitation, pending_cancellation), as of the last poll.',
  ),
  byPlanType: seats('seats_by_plan_type', ['plan_type'], 'seat list → seats[].plan_type', 'Copilot seats by plan type (business, enterprise, unknown), as of the last poll.'),
  active: seats(
    'seats_active',
    ['window'],
    'seat list → seats[].last_activity_at',
    'Seats with Copilot activity within the window (7d or 28d) before the last poll, from each seat\'s last_activity_at.',
  ),
  lastActivity: seats(
    'seat_last_activity_timestamp_seconds',
    ['user'],
    'seat list → seats[].last_activity_at (COPILOT_USER_METRICS=true)',
    'When the seat holder last used Copilot, as a Unix time (per-user, opt-in).',
  ),
} satisfies Record<string, MetricDefinition>;

export const SEAT_STATES = ['total', 'active_this_cycle', 'inactive_this_cycle', 'added_this_cycle', 'pending_invitation', 'pending_cancellation'] as const;

const DAY_MS = 86_400_000;
export const ACTIVITY_WINDOWS = [
  ['7d', 7 * DAY_MS],
  ['28d', 28 * DAY_MS],
] as const;

export interface SeatsResult {
  samples: Sample[];
  problems: string[];
  dropped: number;
}

/** `GET /orgs/{org}/copilot/billing` → github_copilot_seats{state}. */
export function mapOrgBilling(body: Row, scope: Labels): SeatsResult {
  const breakdown = body.seat_breakdown;
  const samples: Sample[] = [];
  const problems: string[] = [];
  if (!isObject(breakdown)) return { samples, problems: ['the billing answer has no seat_breakdown'], dropped: 0 };
  for (const state of SEAT_STATES) {
    const value = breakdown[state];
    if (value === undefined || value === null) continue;
    if (!isExpected(value, 'a non-negative integer')) problems.push(valueProblem(`seat_breakdown.${state}`, value, 'a non-negative integer'));
    else samples.push({ family: SEAT_METRICS.seats, labels: { ...scope, state }, value });
  }
  return { samples, problems, dropped: 0 };
}

export interface SeatListOptions {
  /**
   * The answer's total_seats, exported as github_copilot_seats{state="total"} (enterprises: there is no
   * billing breakdown). Asked for once every page is folded: it is read off the pages as they pass.
   */
  total?: () => unknown;
  now: number;
  users?: UserMetricsConfig;
}

/**
 * A seat list → seats by plan type, seats active in the last 7 and 28 days, and per-user last activity,
 * folded page by page: an enterprise's list of 100,000 seats is never held whole. Only the per-user
 * candidates are kept, at most twice the cap, trimmed to the cap's most recent whenever they reach it.
 */
export async function mapSeatList(pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>, scope: Labels, options: SeatListOptions): Promise<SeatsResult> {
  const samples = new SampleSet();
  const problems: string[] = [];
  for (const [window] of ACTIVITY_WINDOWS) samples.add(SEAT_METRICS.active, { ...scope, window }, 0);
  const maxUsers = options.users?.maxUsers ?? 0;
  let lastActivity: Array<[string, number]> = [];
  let candidates = 0;
  const mostRecentFirst = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
  for await (const page of pages) {
    for (const seat of page) {
      const planType = typeof seat.plan_type === 'string' ? seat.plan_type : 'unknown';
      samples.add(SEAT_METRICS.byPlanType, { ...scope, plan_type: planType }, 1);
      if (seat.last_activity_at === null || seat.last_activity_at === undefined) continue;
      const at = Date.parse(String(seat.last_activity_at));
      if (!Number.isFinite(at)) {
        problems.push(valueProblem('last_activity_at', seat.last_activity_at, 'a date'));
        continue;
      }
      for (const [window, span] of ACTIVITY_WINDOWS) if (options.now - at <= span) samples.add(SEAT_METRICS.active, { ...scope, window }, 1);
      const login = (seat.assignee as Row | null | undefined)?.login;
      if (!options.users || typeof login !== 'string') continue;
      candidates += 1;
      lastActivity.push([login, at / 1000]);
      if (lastActivity.length >= 2 * maxUsers) lastActivity = lastActivity.sort(mostRecentFirst).slice(0, maxUsers);
    }
  }
  const total = options.total?.();
  if (options.total) {
    if (isExpected(total, 'a non-negative integer')) samples.set(SEAT_METRICS.seats, { ...scope, state: 'total' }, total);
    else problems.push(valueProblem('total_seats', total, 'a non-negative integer'));
  }
  let dropped = 0;
  if (options.users) {
    const kept = lastActivity.sort(mostRecentFirst).slice(0, maxUsers);
    dropped = candidates - kept.length;
    for (const [login, at] of kept) samples.set(SEAT_METRICS.lastActivity, { ...scope, user: userLabel(login, options.users) }, at);
  }
  return { samples: samples.toArray(), problems, dropped };
}
