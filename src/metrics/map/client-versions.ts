/**
 * Active users by the client versions their `users-1-day` row last reported (docs/contract.md §4i):
 * `github_copilot_users_by_ide_version{ide, ide_version}`, `…_by_plugin_version{ide, plugin,
 * plugin_version}` and `…_by_cli_version{cli_version}`. GitHub said on 2026-10-06 that older IDE clients
 * undercount agent activity and pointed admins at these versions; counting users per version answers
 * "which clients need updating" without any per-user series.
 *
 * The versions are read as the per-user info series read them (user-versions.ts): a version GitHub does
 * not know, absent or empty, is no label. A user counts once per series, even when GitHub lists the same
 * IDE twice in the row; a user listed twice counts once (the first row).
 *
 * Streaming: rows are offered one at a time and only the counts are kept, so memory grows with the
 * versions in use, not with the users report. Pure: no I/O, no clock.
 */
import { CLIENT_VERSIONS, type MetricDefinition } from '../definitions.js';
import type { Labels, Sample } from '../sample.js';
import { type Row, isObject } from './report-values.js';
import { userKey } from './team-join.js';
import { knownValue, versionSection } from './user-versions.js';

/** The label values of one series, in the family's label order; undefined: a version GitHub does not know, no label. */
type SeriesValues = Record<string, string | undefined>;

export class ClientVersionCounts {
  /** Keyed by family and label values: versions that are absent must not make two label sets look alike. */
  private readonly counts = new Map<string, Sample>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly day: string,
    private readonly scope: Labels,
  ) {}

  offer(row: Row): void {
    const key = userKey(row);
    if (row.day !== this.day || !key || this.seen.has(key)) return;
    this.seen.add(key);
    // The series this user counts in, each once. Keys are the family and the values only, and labels are
    // built only for a series not counted before: this runs for every row of a users report of 100,000.
    const series = new Map<string, { family: MetricDefinition; values: SeriesValues }>();
    const add = (family: MetricDefinition, values: SeriesValues) => series.set(JSON.stringify([family.name, ...Object.values(values)]), { family, values });
    for (const entry of Array.isArray(row.totals_by_ide) ? row.totals_by_ide : []) {
      if (!isObject(entry) || typeof entry.ide !== 'string' || entry.ide === '') continue;
      const ide = versionSection(entry.last_known_ide_version);
      const plugin = versionSection(entry.last_known_plugin_version);
      add(CLIENT_VERSIONS.ide, { ide: entry.ide, ide_version: knownValue(ide.ide_version) });
      add(CLIENT_VERSIONS.plugin, { ide: entry.ide, plugin: knownValue(plugin.plugin), plugin_version: knownValue(plugin.plugin_version) });
    }
    // A user with a Copilot CLI day counts, with or without a version GitHub knows.
    if (isObject(row.totals_by_cli)) add(CLIENT_VERSIONS.cli, { cli_version: knownValue(versionSection(row.totals_by_cli.last_known_cli_version).cli_version) });
    for (const [key, { family, values }] of series) {
      const counted = this.counts.get(key);
      if (counted) counted.value += 1;
      else this.counts.set(key, { family, labels: this.labels(values), value: 1 });
    }
  }

  finish(): Sample[] {
    return [...this.counts.values()];
  }

  private labels(values: SeriesValues): Labels {
    const labels: Record<string, string> = { ...this.scope };
    for (const [name, value] of Object.entries(values)) if (value !== undefined) labels[name] = value;
    return labels;
  }
}
