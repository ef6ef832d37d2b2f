/**
 * The values docs/contract.md §4a says a usage-metrics day row must produce, written out independently of
 * src/metrics (the end-to-end tests compare the exporter's /metrics with this).
 */
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { sampleKey } from './exposition.js';

type Row = Record<string, unknown>;

/** docs/contract.md §4: an enterprise's series carry `enterprise`, an organization's `org`. */
export function scopeOf(entity: EntityProfile): Record<string, string> {
  return entity.kind === 'enterprise' ? { enterprise: entity.slug } : { org: entity.slug };
}

const LABELS_OF: Record<string, string[]> = {
  ide: ['ide'],
  feature: ['feature'],
  language_feature: ['language', 'feature'],
  language_model: ['language', 'model'],
  model_feature: ['model', 'feature'],
  // Rule 4b's exceptions; any other array is labelled by its elements' text keys.
  '3rd_party_agent': ['agent_id', 'agent_name'],
  ai_adoption_phase: ['phase', 'version'],
};
/** Rule 4b: numbers of an array element that are neither metric nor label. */
const NOT_METRICS = ['phase_number'];

const strip = (field: string) => field.replace(/_(count|sum)$/, '');
const skip = (key: string) => key === 'day' || key.endsWith('_id') || key.endsWith('_partition') || key === 'etl_id' || key.startsWith('last_known_');

export function expectedUsageSamples(row: Row, scope: Record<string, string>): Map<string, number> {
  const expected = new Map<string, number>();
  const add = (name: string, labels: Record<string, string>, value: unknown) => {
    if (typeof value !== 'number') return;
    const key = sampleKey(`github_copilot_${name}`, { ...scope, ...labels });
    expected.set(key, (expected.get(key) ?? 0) + value);
  };
  add('metrics_day_timestamp_seconds', {}, Date.parse(`${String(row.day)}T00:00:00Z`) / 1000);
  for (const [key, value] of Object.entries(row)) {
    if (skip(key) || value === null) continue;
    if (key === 'pull_requests') {
      for (const [field, number] of Object.entries(value as Row)) add(`pull_requests_${strip(field).replace(/^total_/, '')}`, {}, number);
    } else if (key.startsWith('totals_by_') && !Array.isArray(value)) {
      // Rules 4 and 4b: `totals_by_cli`, `totals_by_copilot_app`, … with their own prefix.
      const walk = (prefix: string, section: Row) => {
        for (const [field, inner] of Object.entries(section)) {
          if (skip(field)) continue;
          if (typeof inner === 'object' && inner !== null) walk(`${prefix}_${field}`, inner as Row);
          else add(`${prefix}_${strip(field)}`, {}, inner);
        }
      };
      walk(key.slice('totals_by_'.length), value as Row);
    } else if (key.startsWith('totals_by_')) {
      const dims = key.slice('totals_by_'.length);
      for (const entry of value as Row[]) {
        const labelNames = LABELS_OF[dims] ?? Object.keys(entry).filter((field) => typeof entry[field] === 'string');
        const labels = Object.fromEntries(labelNames.map((name) => [name, String(entry[name])]));
        for (const [field, number] of Object.entries(entry)) if (!labelNames.includes(field) && !NOT_METRICS.includes(field)) add(`${strip(field)}_by_${dims}`, labels, number);
      }
    } else {
      add(strip(key), {}, value);
    }
  }
  return expected;
}

/** The latest `day_totals[]` entry across the rows of an entity report. */
export function latestDay(rows: Row[]): Row {
  const days = rows.flatMap((row) => row.day_totals as Row[]);
  return days.reduce((latest, day) => (String(day.day) >= String(latest.day) ? day : latest));
}
