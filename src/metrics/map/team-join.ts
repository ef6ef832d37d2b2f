/**
 * Team series of the usage-metrics reports: one day's `users-1-day` rows joined with the same day's
 * `user-teams-1-day` rows on the user (never a 28-day user report with a one-day team snapshot).
 *
 * Streaming: the membership report (one small row per user and team) is read first into a user → teams
 * index; then the users report (one large row per active user) flows through `TeamJoin.offer()` row by
 * row, each row added to the running totals of its teams and then dropped. Memory grows with the
 * index and with teams × families, never with the users report.
 *
 * A team's activity and lines-of-code counters, and its AI credits, are sums over its members' rows; its
 * daily active users are the members with a row that day (the users report lists the users active that
 * day), and its members are the users the membership report lists for it, active or not (docs/contract.md
 * §4i), so that adoption is one division. A user in two teams counts in both. Every member value is
 * checked before it is added (report-values.ts): a value that is wrong for one member is a problem that
 * rejects the report, never a team sum silently lower or higher than its members'. Pure: no I/O, no clock.
 */
import { ACTIVITY_COUNTERS, BREAKDOWNS, TEAM_MEMBERS } from '../definitions.js';
import type { Labels, Sample } from '../sample.js';
import { type Row, expectedOfUsageField, isExpected, isObject, valueProblem } from './report-values.js';
import { type MapResult, mapUsageDay } from './usage-day.js';

export interface TeamOptions {
  /** Only these team slugs; every team GitHub reports when undefined. */
  teams?: readonly string[];
  /** Also the totals_by_* breakdowns per team. */
  breakdowns: boolean;
}

/** A user row's identity: its id, or its login when GitHub left the id out. */
export function userKey(row: Row): string | undefined {
  if (typeof row.user_id === 'number' || typeof row.user_id === 'string') return `id:${row.user_id}`;
  return typeof row.user_login === 'string' ? `login:${row.user_login.toLowerCase()}` : undefined;
}

/** The day's memberships as user → team slugs, built from the `user-teams-1-day` rows as they stream. */
export class MembershipIndex {
  readonly teamsOf = new Map<string, string[]>();
  readonly problems: string[] = [];

  constructor(
    private readonly day: string,
    private readonly only?: readonly string[],
  ) {}

  offer(row: Row): void {
    const key = userKey(row);
    if (row.day !== this.day || !key) return;
    if (typeof row.slug !== 'string') {
      this.problems.push(`a user-teams row of ${this.day} has no team slug`);
      return;
    }
    if (this.only && !this.only.includes(row.slug)) return;
    const teams = this.teamsOf.get(key);
    if (!teams) this.teamsOf.set(key, [row.slug]);
    else if (!teams.includes(row.slug)) teams.push(row.slug);
  }
}

/** One breakdown's entries of a team, summed by their label values. */
type BreakdownTotals = Map<string, Row>;

interface TeamTotals {
  members: number;
  activeUsers: number;
  counters: Map<string, number>;
  breakdowns: Map<string, BreakdownTotals>;
}

/** A user row's AI credits (docs/contract.md §4i): summed per team like the counters, an amount rather than a count. */
const AI_CREDITS = 'ai_credits_used';

/** The fields of a breakdown entry the exporter knows (docs/contract.md §4a rule 2); any other is one GitHub added later. */
const ACTIVITY_FIELDS: ReadonlySet<string> = new Set(ACTIVITY_COUNTERS);

export class TeamJoin {
  private readonly totals = new Map<string, TeamTotals>();
  private readonly seen = new Set<string>();
  private readonly problems: string[];
  /** Whether any row of the day carries AI credits: a report from before GitHub added the field gives no team credits, not zeros. */
  private creditsReported = false;

  constructor(
    private readonly memberships: MembershipIndex,
    private readonly day: string,
    private readonly scope: Labels,
    private readonly options: TeamOptions,
  ) {
    this.problems = [...memberships.problems];
    // Every team with members exists from the start: a team nobody in was active still reports 0.
    for (const teams of memberships.teamsOf.values()) {
      for (const team of teams) {
        const totals = this.totals.get(team);
        if (totals) totals.members += 1;
        else this.totals.set(team, { members: 1, activeUsers: 0, counters: new Map(), breakdowns: new Map() });
      }
    }
  }

  /** Adds one user row to the totals of the user's teams; a user listed twice counts once (the first row). */
  offer(row: Row): void {
    const key = userKey(row);
    if (row.day !== this.day || !key || this.seen.has(key)) return;
    this.seen.add(key);
    const teams = this.memberships.teamsOf.get(key);
    if (!teams) return;
    const who = String(row.user_login ?? row.user_id);
    // Checked once per row, then added to each of the user's teams.
    const counters: Array<[string, number]> = [];
    for (const counter of ACTIVITY_COUNTERS) {
      const value = row[counter];
      if (value === undefined || value === null) continue;
      const expected = expectedOfUsageField(counter, true);
      if (!isExpected(value, expected)) this.problems.push(valueProblem(`${counter} of user ${who}`, value, expected));
      else counters.push([counter, value]);
    }
    const credits = row[AI_CREDITS];
    if (credits !== undefined && credits !== null) {
      this.creditsReported = true;
      const expected = expectedOfUsageField(AI_CREDITS, true);
      if (!isExpected(credits, expected)) this.problems.push(valueProblem(`${AI_CREDITS} of user ${who}`, credits, expected));
      else counters.push([AI_CREDITS, credits]);
    }
    for (const team of teams) {
      const totals = this.totals.get(team) as TeamTotals;
      totals.activeUsers += 1;
      for (const [counter, value] of counters) totals.counters.set(counter, (totals.counters.get(counter) ?? 0) + value);
      if (this.options.breakdowns) this.addBreakdowns(totals, row, who);
    }
  }

  /** The team series; every problem seen in either report is returned for the caller to reject the report. */
  finish(): MapResult {
    const samples: Sample[] = [];
    const problems = [...this.problems];
    for (const team of [...this.totals.keys()].sort()) {
      const totals = this.totals.get(team) as TeamTotals;
      const teamRow: Row = { day: this.day, daily_active_users: totals.activeUsers };
      for (const counter of ACTIVITY_COUNTERS) teamRow[counter] = totals.counters.get(counter) ?? 0;
      if (this.creditsReported) teamRow[AI_CREDITS] = totals.counters.get(AI_CREDITS) ?? 0;
      for (const [dims, entries] of totals.breakdowns) teamRow[`totals_by_${dims}`] = [...entries.values()];
      const labels = { ...this.scope, team };
      const mapped = mapUsageDay(teamRow, labels);
      samples.push(...mapped.samples, { family: TEAM_MEMBERS, labels, value: totals.members });
      problems.push(...mapped.problems.map((problem) => `team ${team}: ${problem}`));
    }
    return { samples, problems };
  }

  /** Sums the member's breakdown entries into the team's, by the breakdown's label values (as the day mapper would). */
  private addBreakdowns(totals: TeamTotals, row: Row, who: string): void {
    for (const { dims, labels } of BREAKDOWNS) {
      const entries = row[`totals_by_${dims}`];
      if (!Array.isArray(entries)) continue;
      let team = totals.breakdowns.get(dims);
      if (!team) totals.breakdowns.set(dims, (team = new Map()));
      for (const entry of entries as unknown[]) {
        if (!isObject(entry)) {
          this.problems.push(`totals_by_${dims} of user ${who} has an entry that is not an object`);
          continue;
        }
        const key = labels.map((label) => String(entry[label])).join('\u0000');
        let sum = team.get(key);
        if (!sum) {
          sum = Object.fromEntries(labels.map((label) => [label, entry[label]]));
          team.set(key, sum);
        }
        for (const [field, value] of Object.entries(entry)) {
          if (labels.includes(field) || value === null || typeof value === 'object') continue;
          // Checked as the day mapper checks a breakdown entry: a known counter must be a count and any number
          // non-negative; text or a boolean in a field GitHub added later is no metric and is passed over.
          const known = ACTIVITY_FIELDS.has(field);
          const expected = expectedOfUsageField(field, known);
          if (isExpected(value, expected)) sum[field] = (typeof sum[field] === 'number' ? sum[field] : 0) + value;
          else if (known || typeof value === 'number') this.problems.push(valueProblem(`totals_by_${dims}.${field} of user ${who}`, value, expected));
        }
      }
    }
  }
}
