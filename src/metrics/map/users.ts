/**
 * Per-user series (COPILOT_USER_METRICS=true) of one day's `users-1-day` rows, with the names of the day
 * totals and a `user` label: activity and lines of code, AI credits and Copilot CLI, mapped by the rule of
 * the day rows (docs/contract.md §4a); with COPILOT_USER_BREAKDOWNS also each user's by-IDE and by-feature split;
 * and the IDE, plugin and CLI versions each user last ran (user-versions.ts). At most `maxUsers` users per
 * target, the most active first; the others are dropped and counted.
 *
 * Streaming: rows are offered one at a time and only the `maxUsers` most active so far are kept (a
 * min-heap on activity), so memory grows with the cap, not with the users report. Only the kept rows
 * are mapped. Pure: no I/O, no clock.
 */
import type { UserMetricsConfig } from '../../config/exporter-config.js';
import { ACTIVITY_COUNTERS, DAY_TIMESTAMP } from '../definitions.js';
import type { Labels, Sample } from '../sample.js';
import { type Row, expectedOfUsageField, isExpected } from './report-values.js';
import { userKey } from './team-join.js';
import { mapUsageDay } from './usage-day.js';
import { userLabel } from './user-label.js';
import { mapUserVersions } from './user-versions.js';

/** The per-user counters at the top of a user row: activity and lines of code, and AI credits. */
export const USER_FIELDS = [...ACTIVITY_COUNTERS, 'ai_credits_used'] as const;
/** Mapped for every kept user too: Copilot CLI sessions, requests, prompts and tokens (`totals_by_cli`). */
export const USER_SECTIONS = ['totals_by_cli'] as const;
/** With COPILOT_USER_BREAKDOWNS: the by-IDE and by-feature split; the language and model ones stay team-level. */
export const USER_BREAKDOWNS = ['totals_by_ide', 'totals_by_feature'] as const;

export interface UsersResult {
  samples: Sample[];
  problems: string[];
  dropped: number;
}

interface Ranked {
  activity: number;
  login: string;
  row: Row;
}

/** How a row ranks; a wrong value counts as 0 here and is reported when the row is kept and mapped. */
function activity(row: Row): number {
  const count = (field: string) => {
    const value = row[field];
    return isExpected(value, expectedOfUsageField(field, true)) ? value : 0;
  };
  return count('code_generation_activity_count') + count('user_initiated_interaction_count');
}

/** Whether `a` ranks below `b`: less active, or as active with a later login. */
function ranksBelow(a: Ranked, b: Ranked): boolean {
  return a.activity < b.activity || (a.activity === b.activity && a.login.localeCompare(b.login) > 0);
}

export class TopUsers {
  /** A min-heap: the lowest-ranked kept user at the root, the first to go when a higher one arrives. */
  private readonly heap: Ranked[] = [];
  private readonly seen = new Set<string>();
  private users = 0;

  constructor(
    private readonly day: string,
    private readonly scope: Labels,
    private readonly options: UserMetricsConfig,
  ) {}

  /** A user listed twice counts once (the first row). */
  offer(row: Row): void {
    const key = userKey(row);
    if (row.day !== this.day || !key || typeof row.user_login !== 'string' || this.seen.has(key)) return;
    this.seen.add(key);
    this.users += 1;
    const entry = { activity: activity(row), login: row.user_login, row };
    if (this.heap.length < this.options.maxUsers) {
      this.heap.push(entry);
      this.siftUp(this.heap.length - 1);
    } else if (ranksBelow(this.heap[0] as Ranked, entry)) {
      this.heap[0] = entry;
      this.siftDown(0);
    }
  }

  finish(): UsersResult {
    const samples: Sample[] = [];
    const problems: string[] = [];
    // Most active first, as the series are rendered in this order.
    const ranked = [...this.heap].sort((a, b) => (ranksBelow(b, a) ? -1 : ranksBelow(a, b) ? 1 : 0));
    for (const { row, login } of ranked) {
      const labels = { ...this.scope, user: userLabel(login, this.options) };
      const mapped = mapUsageDay(this.exportedPart(row), labels);
      // The day is the target's, exported once by the usage collector, not once per user.
      for (const sample of mapped.samples) if (sample.family !== DAY_TIMESTAMP) samples.push(sample);
      problems.push(...mapped.problems.map((problem) => `user ${login}: ${problem}`));
      samples.push(...mapUserVersions(row, labels));
    }
    return { samples, problems, dropped: this.users - this.heap.length };
  }

  /** The fields of a user row that become the user's series. */
  private exportedPart(row: Row): Row {
    const fields: readonly string[] = [...USER_FIELDS, ...USER_SECTIONS, ...(this.options.breakdowns ? USER_BREAKDOWNS : [])];
    return Object.fromEntries([['day', row.day], ...fields.filter((field) => field in row).map((field) => [field, row[field]])]);
  }

  private siftUp(index: number): void {
    const { heap } = this;
    for (let i = index; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!ranksBelow(heap[i] as Ranked, heap[parent] as Ranked)) return;
      [heap[i], heap[parent]] = [heap[parent] as Ranked, heap[i] as Ranked];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const { heap } = this;
    for (let i = index; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let lowest = i;
      if (left < heap.length && ranksBelow(heap[left] as Ranked, heap[lowest] as Ranked)) lowest = left;
      if (right < heap.length && ranksBelow(heap[right] as Ranked, heap[lowest] as Ranked)) lowest = right;
      if (lowest === i) return;
      [heap[i], heap[lowest]] = [heap[lowest] as Ranked, heap[i] as Ranked];
      i = lowest;
    }
  }
}
