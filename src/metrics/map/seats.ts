/**
 * Copilot seats → samples: the billing breakdown of an organization, and a seat list (enterprises, or
 * organizations when per-user metrics are on). "Active in the last 7 / 28 days" is counted from each
 * seat's last_activity_at against `now`, which the caller passes in. Pure: no I/O, no clock of its own.
 * The seats families are declared here, beside the only code that emits them.
 */
import type { UserMetricsConfig } from '../../config/load-config.js';
import type { MetricDefinition } from '../definitions.js';
import { type Labels, type Sample, SampleSet } from '../sample.js';
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

type Row = Record<string, unknown>;

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
  const breakdown = body.seat_breakdown as Row | undefined | null;
  const samples: Sample[] = [];
  const problems: string[] = [];
  if (typeof breakdown !== 'object' || breakdown === null) return { samples, problems: ['the billing answer has no seat_breakdown'], dropped: 0 };
  for (const state of SEAT_STATES) {
    const value = breakdown[state];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || value < 0) problems.push(`seat_breakdown.${state} is ${JSON.stringify(value)}, expected a non-negative number`);
    else samples.push({ family: SEAT_METRICS.seats, labels: { ...scope, state }, value });
  }
  return { samples, problems, dropped: 0 };
}

export interface SeatListOptions {
  /** Export total_seats as github_copilot_seats{state="total"} (enterprises: there is no billing breakdown). */
  total?: number;
  now: number;
  users?: UserMetricsConfig;
}

/** A seat list → seats by plan type, seats active in the last 7 and 28 days, and per-user last activity. */
export function mapSeatList(seats: readonly Row[], scope: Labels, options: SeatListOptions): SeatsResult {
  const samples = new SampleSet();
  const problems: string[] = [];
  if (options.total !== undefined) samples.set(SEAT_METRICS.seats, { ...scope, state: 'total' }, options.total);
  for (const [window] of ACTIVITY_WINDOWS) samples.add(SEAT_METRICS.active, { ...scope, window }, 0);
  const lastActivity: Array<[string, number]> = [];
  for (const seat of seats) {
    const planType = typeof seat.plan_type === 'string' ? seat.plan_type : 'unknown';
    samples.add(SEAT_METRICS.byPlanType, { ...scope, plan_type: planType }, 1);
    if (seat.last_activity_at === null || seat.last_activity_at === undefined) continue;
    const at = Date.parse(String(seat.last_activity_at));
    if (!Number.isFinite(at)) {
      problems.push(`last_activity_at ${JSON.stringify(seat.last_activity_at)} is not a date`);
      continue;
    }
    for (const [window, span] of ACTIVITY_WINDOWS) if (options.now - at <= span) samples.add(SEAT_METRICS.active, { ...scope, window }, 1);
    const login = (seat.assignee as Row | null | undefined)?.login;
    if (options.users && typeof login === 'string') lastActivity.push([login, at / 1000]);
  }
  let dropped = 0;
  if (options.users) {
    lastActivity.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    dropped = Math.max(0, lastActivity.length - options.users.maxUsers);
    for (const [login, at] of lastActivity.slice(0, options.users.maxUsers)) {
      samples.set(SEAT_METRICS.lastActivity, { ...scope, user: userLabel(login, options.users) }, at);
    }
  }
  return { samples: samples.toArray(), problems, dropped };
}
