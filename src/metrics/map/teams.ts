/**
 * Team series of the usage-metrics source: one day's `users-1-day` rows joined with the same day's
 * `user-teams-1-day` rows on the user (never a 28-day user report with a one-day team snapshot).
 * A team's activity and lines-of-code counters are sums over its members' rows; its daily active users
 * are the members with a row that day (the users report lists the users active that day). A user in two
 * teams counts in both. Pure: no I/O, no clock.
 */
import { ACTIVITY_COUNTERS, BREAKDOWNS } from '../definitions.js';
import type { Labels } from '../sample.js';
import { type MapResult, mapUsageDay } from './usage-day.js';

type Row = Record<string, unknown>;

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

export function mapTeams(users: readonly Row[], memberships: readonly Row[], day: string, scope: Labels, options: TeamOptions): MapResult {
  const problems: string[] = [];
  const byUser = new Map<string, Row>();
  for (const row of users) {
    const key = userKey(row);
    if (row.day === day && key) byUser.set(key, row);
  }
  const members = new Map<string, Set<string>>();
  for (const row of memberships) {
    const key = userKey(row);
    if (row.day !== day || !key) continue;
    if (typeof row.slug !== 'string') {
      problems.push(`a user-teams row of ${day} has no team slug`);
      continue;
    }
    if (options.teams && !options.teams.includes(row.slug)) continue;
    const team = members.get(row.slug) ?? new Set<string>();
    team.add(key);
    members.set(row.slug, team);
  }

  const samples: MapResult['samples'] = [];
  for (const slug of [...members.keys()].sort()) {
    const rows = [...(members.get(slug) as Set<string>)].map((key) => byUser.get(key)).filter((row): row is Row => row !== undefined);
    const teamRow: Row = { day, daily_active_users: rows.length };
    for (const counter of ACTIVITY_COUNTERS) {
      let total = 0;
      for (const row of rows) {
        const value = row[counter];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'number') problems.push(`${counter} of user ${String(row.user_login ?? row.user_id)} is not a number`);
        else total += value;
      }
      teamRow[counter] = total;
    }
    if (options.breakdowns) {
      // The day mapper sums entries with the same labels, which adds the members up.
      for (const { dims } of BREAKDOWNS) teamRow[`totals_by_${dims}`] = rows.flatMap((row) => (Array.isArray(row[`totals_by_${dims}`]) ? (row[`totals_by_${dims}`] as unknown[]) : []));
    }
    const mapped = mapUsageDay(teamRow, { ...scope, team: slug });
    samples.push(...mapped.samples);
    problems.push(...mapped.problems.map((problem) => `team ${slug}: ${problem}`));
  }
  return { samples, problems };
}
