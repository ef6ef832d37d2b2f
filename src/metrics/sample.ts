/**
 * Samples as the mappers produce them, and the set that sums duplicates (docs/contract.md §4a rule 2:
 * entries with the same label values within one row are summed).
 */
import type { MetricDefinition } from './definitions.js';

/** Label name → value, in output order: scope labels first, then the family's own labels. */
export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  family: MetricDefinition;
  labels: Labels;
  value: number;
}

/** One series: the family and its label values (label names follow from the family and the mapper). */
function seriesKey(family: MetricDefinition, labels: Labels): string {
  return `${family.name}\u0000${Object.values(labels).join('\u0000')}`;
}

export class SampleSet {
  private readonly byKey = new Map<string, Sample>();

  add(family: MetricDefinition, labels: Labels, value: number): void {
    const key = seriesKey(family, labels);
    const existing = this.byKey.get(key);
    if (existing) existing.value += value;
    else this.byKey.set(key, { family, labels, value });
  }

  /** Replaces instead of summing: for values that are the same fact seen twice (an info metric). */
  set(family: MetricDefinition, labels: Labels, value: number): void {
    this.byKey.set(seriesKey(family, labels), { family, labels, value });
  }

  toArray(): Sample[] {
    return [...this.byKey.values()];
  }
}

/** 00:00 UTC of a `YYYY-MM-DD` day as Unix seconds, or undefined when the text is not such a day. */
export function dayToUnixSeconds(day: unknown): number | undefined {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(day) ? ms / 1000 : undefined;
}
