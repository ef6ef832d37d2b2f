/**
 * Per-user series (COPILOT_USER_METRICS=true): selected counters of one day's `users-1-day` rows, with
 * the same names as the day totals and a `user` label. At most `maxUsers` users per target, the most
 * active first; the others are dropped and counted. Pure: no I/O, no clock.
 */
import type { UserMetricsConfig } from '../../config/load-config.js';
import { ACTIVITY_COUNTERS, findDefinition, type MetricDefinition, stripCountSum } from '../definitions.js';
import { type Labels, type Sample, SampleSet } from '../sample.js';
import { userKey } from './teams.js';
import { userLabel } from './user-label.js';

type Row = Record<string, unknown>;

/** The per-user families: activity and lines of code, and AI credits. */
export const USER_FIELDS = [...ACTIVITY_COUNTERS, 'ai_credits_used'] as const;

export interface UsersResult {
  samples: Sample[];
  problems: string[];
  dropped: number;
}

function activity(row: Row): number {
  const number = (field: string) => (typeof row[field] === 'number' ? (row[field] as number) : 0);
  return number('code_generation_activity_count') + number('user_initiated_interaction_count');
}

export function mapUsers(users: readonly Row[], day: string, scope: Labels, options: UserMetricsConfig): UsersResult {
  const rows = new Map<string, Row>();
  for (const row of users) {
    const key = userKey(row);
    if (row.day === day && key && typeof row.user_login === 'string') rows.set(key, row);
  }
  const ranked = [...rows.values()].sort((a, b) => activity(b) - activity(a) || String(a.user_login).localeCompare(String(b.user_login)));
  const kept = ranked.slice(0, options.maxUsers);
  const samples = new SampleSet();
  const problems: string[] = [];
  for (const row of kept) {
    const labels = { ...scope, user: userLabel(row.user_login as string, options) };
    for (const field of USER_FIELDS) {
      const value = row[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push(`${field} of user ${String(row.user_login)} is ${JSON.stringify(value)}, expected a non-negative number`);
        continue;
      }
      samples.add(findDefinition(`github_copilot_${stripCountSum(field)}`, 'usage-metrics') as MetricDefinition, labels, value);
    }
  }
  return { samples: samples.toArray(), problems, dropped: ranked.length - kept.length };
}
