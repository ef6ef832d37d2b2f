/**
 * One day row of the usage-metrics reports (a `day_totals[]` element, or a user row) → samples,
 * by the rules of docs/contract.md §4a. Pure: no I/O, no clock, no logging, no exceptions.
 *
 * Unknown fields follow the same rules (GitHub keeps adding fields). A *known* field holding something
 * other than what it must be (report-values.ts), and any number that is negative or not finite, are
 * reported in `problems`: the caller rejects the report rather than export a wrong value. Text or
 * booleans in a field the exporter does not know are no metric and are passed over.
 */
import {
  ARRAY_TOTALS,
  BREAKDOWNS,
  DAY_TIMESTAMP,
  findDefinition,
  genericDefinition,
  nestedObjectName,
  pullRequestName,
  stripCountSum,
} from '../definitions.js';
import { type Labels, type Sample, SampleSet, dayToUnixSeconds } from '../sample.js';
import { type Row, expectedOfUsageField, isExpected, isObject, valueProblem } from './report-values.js';

export interface MapResult {
  samples: Sample[];
  problems: string[];
}

const KNOWN_BREAKDOWN_LABELS = new Map(BREAKDOWNS.map((breakdown) => [breakdown.dims, breakdown.labels]));
/** Rule 4b's exceptions: arrays whose labels the contract fixes (an identifier among them), and their numbers that are no metric. */
const FIXED_LABELS = new Map(ARRAY_TOTALS.filter((array) => array.fixedLabels).map((array) => [array.dims, array]));
const PREFIX = 'github_copilot_';

/** docs/contract.md §4a rule 5: identifiers and bookkeeping are never metrics. */
export function isBookkeeping(key: string): boolean {
  return key === 'day' || key === 'etl_id' || key.endsWith('_id') || key.endsWith('_partition') || key.startsWith('last_known_');
}

/** A field name as a metric or label name may spell it. */
export function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

class DayMapper {
  readonly samples = new SampleSet();
  readonly problems: string[] = [];

  constructor(private readonly scope: Labels) {}

  map(row: Row): void {
    const timestamp = dayToUnixSeconds(row.day);
    if (timestamp === undefined) {
      this.problems.push(`day ${JSON.stringify(row.day)} is not a YYYY-MM-DD date`);
      return;
    }
    this.samples.add(DAY_TIMESTAMP, this.scope, timestamp);

    for (const [key, value] of Object.entries(row)) {
      if (value === null || value === undefined || isBookkeeping(key)) continue;
      const dims = key.startsWith('totals_by_') ? key.slice('totals_by_'.length) : undefined;
      if (dims !== undefined && Array.isArray(value)) this.breakdown(dims, value);
      else if (dims !== undefined && isObject(value)) this.nested(dims, key, [], value);
      else if (key === 'pull_requests' && isObject(value)) this.pullRequests(value);
      else this.field(stripCountSum(key), `day_totals[].${key}`, {}, value);
    }
  }

  /** Rules 2 and 4b: `totals_by_<dims>[]`, each numeric field becomes `<F'>_by_<dims>` labelled by the element's keys. */
  private breakdown(dims: string, entries: unknown[]): void {
    const known = KNOWN_BREAKDOWN_LABELS.get(dims);
    const fixed = FIXED_LABELS.get(dims);
    const notMetrics = fixed?.notMetrics ?? [];
    entries.forEach((entry, index) => {
      const where = `totals_by_${dims}[${index}]`;
      if (!isObject(entry)) {
        this.problems.push(`${where} is not an object`);
        return;
      }
      const labelNames = known ?? fixed?.labels ?? Object.keys(entry).filter((key) => typeof entry[key] === 'string' && !isBookkeeping(key));
      const labels: Record<string, string> = {};
      for (const name of labelNames) {
        const value = entry[name];
        if (typeof value === 'string') labels[sanitize(name)] = value;
        // GitHub documents the 2026 arrays only in its changelog: a fixed label left out is absent and a
        // numeric one is its text, rather than a reason to reject the whole report.
        else if (fixed && (value === undefined || value === null)) continue;
        else if (fixed && typeof value === 'number') labels[sanitize(name)] = String(value);
        else {
          this.problems.push(valueProblem(`${where}.${name}`, value, 'a string'));
          return;
        }
      }
      for (const [key, value] of Object.entries(entry)) {
        if (value === null || labelNames.includes(key) || notMetrics.includes(key) || isBookkeeping(key) || isObject(value)) continue;
        this.field(`${stripCountSum(key)}_by_${dims}`, `day_totals[].totals_by_${dims}[].${key}`, labels, value);
      }
    });
  }

  /** Rule 3: `pull_requests.F` → `pull_requests_<F''>`; its `<x>_by_<dim>[]` arrays get labels like rule 2. */
  private pullRequests(section: Row): void {
    for (const [key, value] of Object.entries(section)) {
      if (value === null || isBookkeeping(key)) continue;
      const byDim = /^(.*)_by_([a-z0-9_]+)$/.exec(key);
      if (Array.isArray(value) && byDim) {
        for (const entry of value) {
          if (!isObject(entry)) continue;
          const labels: Record<string, string> = {};
          for (const [name, label] of Object.entries(entry)) if (typeof label === 'string') labels[sanitize(name)] = label;
          for (const [field, number] of Object.entries(entry)) {
            if (typeof number !== 'number') continue;
            this.field(`${pullRequestName(field)}_by_${byDim[2]}`, `day_totals[].pull_requests.${key}[].${field}`, labels, number);
          }
        }
      } else {
        this.field(pullRequestName(key), `day_totals[].pull_requests.${key}`, {}, value);
      }
    }
  }

  /** Rule 4: `totals_by_<x>` objects, nested objects joined with `_`; version objects skipped. */
  private nested(prefix: string, path: string, keys: string[], section: Row): void {
    for (const [key, value] of Object.entries(section)) {
      if (value === null || isBookkeeping(key)) continue;
      if (isObject(value)) this.nested(prefix, `${path}.${key}`, [...keys, key], value);
      else this.field(nestedObjectName(prefix, [...keys, key]), `day_totals[].${path}.${key}`, {}, value);
    }
  }

  /** A leaf: a number is exported; text or booleans are skipped unless the table says a number belongs here. */
  private field(suffix: string, source: string, labels: Labels, value: unknown): void {
    const name = PREFIX + sanitize(suffix);
    const known = findDefinition(name, 'usage-metrics');
    const expected = expectedOfUsageField(source.slice(source.lastIndexOf('.') + 1), known !== undefined);
    if (!isExpected(value, expected)) {
      if (known || typeof value === 'number') this.problems.push(valueProblem(source.replace('day_totals[].', ''), value, expected));
      return;
    }
    const family = known ?? genericDefinition(name, source, Object.keys(labels), 'usage-metrics');
    this.samples.add(family, { ...this.scope, ...labels }, value);
  }
}

export function mapUsageDay(row: Row, scope: Labels): MapResult {
  const mapper = new DayMapper(scope);
  mapper.map(row);
  return { samples: mapper.samples.toArray(), problems: mapper.problems };
}
