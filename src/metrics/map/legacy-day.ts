/**
 * One day of the legacy Copilot Metrics API (`copilot-usage-metrics-day`) → samples, driven by the
 * legacy rows of the definitions table (docs/contract.md §4b): each definition's `source` path is walked;
 * every `[]` array contributes its entries' `name` as a label; entries with the same names are summed.
 * Pure: no I/O, no clock, no exceptions. Every field but `date` is optional and sections may be null;
 * every number of GitHub's schema is an integer (test/fixtures/github-api/copilot-usage-metrics-day.schema.json),
 * and a present value that is not a non-negative integer is a problem: the caller rejects the day.
 */
import {
  DAY_TIMESTAMP,
  LEGACY_ARRAY_LABELS,
  LEGACY_DEFINITIONS,
  LEGACY_MODEL_ARRAYS,
  MODEL_INFO,
  type MetricDefinition,
} from '../definitions.js';
import { type Labels, SampleSet, dayToUnixSeconds } from '../sample.js';
import { type Row, isExpected, isObject, valueProblem } from './report-values.js';
import type { MapResult } from './usage-day.js';

const LEGACY_FAMILIES = LEGACY_DEFINITIONS.filter((definition) => definition.api === 'legacy-metrics' && definition !== MODEL_INFO);

interface Found {
  labels: Record<string, string>;
  /** The leaf value, or for a path ending in `[]` the entry itself. */
  value: unknown;
  where: string;
}

/**
 * Every value at `path` below `node`, with the labels of the arrays crossed on the way. Entries
 * without a `name` cannot be labelled and are passed over, as are missing or null sections.
 */
function walk(node: unknown, segments: readonly string[], labels: Record<string, string>, where: string, found: Found[], problems: string[]): void {
  const [segment, ...rest] = segments;
  if (segment === undefined || !isObject(node)) return;
  if (!segment.endsWith('[]')) {
    const child = node[segment];
    if (rest.length === 0) found.push({ labels, value: child, where: `${where}${segment}` });
    else walk(child, rest, labels, `${where}${segment}.`, found, problems);
    return;
  }
  const key = segment.slice(0, -2);
  const entries = node[key];
  if (entries === undefined || entries === null) return;
  if (!Array.isArray(entries)) {
    problems.push(`${where}${key} is not an array`);
    return;
  }
  const label = LEGACY_ARRAY_LABELS[key] ?? key;
  entries.forEach((entry, index) => {
    const name = isObject(entry) ? entry.name : undefined;
    if (typeof name !== 'string') return;
    const next = { ...labels, [label]: name };
    const at = `${where}${key}[${index}]`;
    if (rest.length === 0) found.push({ labels: next, value: entry, where: at });
    else walk(entry, rest, next, `${at}.`, found, problems);
  });
}

function find(row: Row, source: string, problems: string[]): Found[] {
  const found: Found[] = [];
  walk(row, source.split('.'), {}, '', found, problems);
  return found;
}

export function mapLegacyDay(row: Row, scope: Labels): MapResult {
  const samples = new SampleSet();
  const problems: string[] = [];
  const timestamp = dayToUnixSeconds(row.date);
  if (timestamp === undefined) return { samples: [], problems: [`date ${JSON.stringify(row.date)} is not a YYYY-MM-DD date`] };
  samples.add(DAY_TIMESTAMP, scope, timestamp);

  for (const family of LEGACY_FAMILIES) addFamily(samples, family, find(row, family.source, problems), scope, problems);

  for (const path of LEGACY_MODEL_ARRAYS) {
    for (const { labels, value } of find(row, path, problems)) {
      const entry = value as Row;
      const info: Record<string, string> = { ...scope, model: labels.model as string, is_custom_model: String(entry.is_custom_model === true) };
      if (typeof entry.custom_model_training_date === 'string') info.custom_model_training_date = entry.custom_model_training_date;
      samples.set(MODEL_INFO, info, 1);
    }
  }
  return { samples: samples.toArray(), problems };
}

function addFamily(samples: SampleSet, family: MetricDefinition, found: Found[], scope: Labels, problems: string[]): void {
  for (const { labels, value, where } of found) {
    if (value === undefined || value === null) continue;
    if (!isExpected(value, 'a non-negative integer')) {
      problems.push(valueProblem(where, value, 'a non-negative integer'));
      continue;
    }
    samples.add(family, { ...scope, ...labels }, value);
  }
}
