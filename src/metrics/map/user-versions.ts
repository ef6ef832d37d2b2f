/**
 * The versions a `users-1-day` row says its user last ran → info samples (always 1, the versions as
 * labels), so that "who runs an outdated Copilot plugin" is one query. The shape is that of GitHub's
 * user-level example (docs-example-usage-metrics-user-level.json): `totals_by_ide[]` entries carry
 * `last_known_ide_version{ide_version}` and `last_known_plugin_version{plugin, plugin_version}`, and
 * `totals_by_cli` carries `last_known_cli_version{cli_version}`, each with a `sampled_at`.
 *
 * A version GitHub does not know (absent, or empty as the example's plugin is) is no label: Prometheus
 * reads an empty label as a missing one. Malformed entries are left to the day mapper, which reports
 * them. Pure: no I/O, no clock.
 */
import { USER_INFO } from '../definitions.js';
import type { Labels, Sample } from '../sample.js';
import { type Row, isObject } from './report-values.js';

/** `value` when it is a version GitHub knows, else undefined. */
export function knownValue(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{ [label]: value }` when `value` is a version GitHub knows, else nothing. */
export function knownVersion(label: string, value: unknown): Record<string, string> {
  const known = knownValue(value);
  return known === undefined ? {} : { [label]: known };
}

/** A version object (or the section holding one), or an empty one when GitHub left it out. */
export function versionSection(value: unknown): Row {
  return isObject(value) ? value : {};
}

export function mapUserVersions(row: Row, labels: Labels): Sample[] {
  // Keyed by label names and values: the same IDE listed twice with the same versions is one series,
  // and versions that are absent must not make two label sets look alike.
  const info = new Map<string, Sample>();
  const add = (sample: Sample) => info.set(`${sample.family.name}${JSON.stringify(sample.labels)}`, sample);
  for (const entry of Array.isArray(row.totals_by_ide) ? row.totals_by_ide : []) {
    if (!isObject(entry) || typeof entry.ide !== 'string' || entry.ide === '') continue;
    const ide = versionSection(entry.last_known_ide_version);
    const plugin = versionSection(entry.last_known_plugin_version);
    const versions = { ...knownVersion('ide_version', ide.ide_version), ...knownVersion('plugin', plugin.plugin), ...knownVersion('plugin_version', plugin.plugin_version) };
    add({ family: USER_INFO.ide, labels: { ...labels, ide: entry.ide, ...versions }, value: 1 });
  }
  const cli = knownVersion('cli_version', versionSection(versionSection(row.totals_by_cli).last_known_cli_version).cli_version);
  if (cli.cli_version !== undefined) add({ family: USER_INFO.cli, labels: { ...labels, ...cli }, value: 1 });
  return [...info.values()];
}
