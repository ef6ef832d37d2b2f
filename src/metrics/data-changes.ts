/**
 * THE list of GitHub's announced changes that move the figures (docs/contract.md §4h), exported as
 * `github_copilot_data_change_timestamp_seconds{change}` (value: 00:00 UTC of the day the change takes
 * effect) so that every dashboard marks them and nobody reads a step in the data as a change in
 * adoption. The README and docs/runbook.md show the same list (`npm run docs` writes it there).
 *
 * Sources: GitHub's changelog and the usage-metrics docs ("reconciling usage metrics"), as summarised in
 * docs/github-usage-fields.md ("How GitHub says to read the figures").
 */
import type { MetricDefinition } from './definitions.js';
import { type Sample, dayToUnixSeconds } from './sample.js';

export interface DataChange {
  /** A short snake_case id: the `change` label. */
  id: string;
  /** The day it takes effect (YYYY-MM-DD, UTC); for an announced undercount, the day GitHub announced it. */
  day: string;
  /** Which figures move, and which way. */
  moved: string;
  /** What GitHub said, summarised. */
  github: string;
}

export const DATA_CHANGES: readonly DataChange[] = [
  {
    id: 'server_side_active_users',
    day: '2026-06-15',
    moved: 'Daily active users of enterprises step up; breakdown sums (by IDE, feature) fall below the total.',
    github: 'Server-side telemetry adds users that IDE telemetry missed; those users have no IDE or feature breakdown.',
  },
  {
    id: 'ai_credits_used_per_user',
    day: '2026-06-19',
    moved: 'ai_credits_used appears in user rows, and so per team and per user.',
    github: 'A usage signal, not a billed total, and not split by feature or model.',
  },
  {
    id: 'cli_lines_and_ide_attribution',
    day: '2026-07-02',
    moved: 'Lines suggested (loc_suggested_to_*) rise; users seen only server-side get their IDE; AI credits are attributed more completely.',
    github: 'Copilot CLI 1.0.57 and later contributes to lines suggested (duplicates fixed in 1.0.64).',
  },
  {
    id: 'agent_activity_undercount_outdated_ide',
    day: '2026-10-06',
    moved: 'Agent activity and agent lines (agent_edit) of outdated IDE clients were undercounted and partly counted as Copilot CLI (CLI inflated); not recoverable.',
    github:
      'IDE agent sessions run through the Copilot SDK did not say their IDE; fixed in VS Code 1.139.0, Visual Studio 18.12, the JetBrains plugin of late October 2026 and the Eclipse and Xcode plugins of November 2026. Outdated clients show in last_known_ide_version / last_known_plugin_version.',
  },
];

export const DATA_CHANGE_TIMESTAMP: MetricDefinition = {
  name: 'github_copilot_data_change_timestamp_seconds',
  help: 'A change GitHub announced as moving the Copilot figures, by change id: 00:00 UTC of the day it takes effect, as a Unix time (dashboards draw it as an annotation). No scope labels.',
  type: 'gauge',
  labels: ['change'],
  source: 'the exporter’s list of GitHub’s announced data changes (src/metrics/data-changes.ts)',
  api: 'data-changes',
};

/** One sample per change of the list. */
export function dataChangeSamples(changes: readonly DataChange[] = DATA_CHANGES): Sample[] {
  return changes.map((change) => {
    const value = dayToUnixSeconds(change.day);
    if (value === undefined) throw new Error(`data change ${change.id}: ${change.day} is not a YYYY-MM-DD day`);
    return { family: DATA_CHANGE_TIMESTAMP, labels: { change: change.id }, value };
  });
}
