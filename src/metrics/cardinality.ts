/**
 * The cardinality guard: at most `max` series per family for one target. A report with, say, 100,000
 * distinct languages would otherwise blow up Prometheus; the first `max` series of each family (in the
 * report's order) are kept, and the rest are counted so that the poller can log and count them.
 */
import type { Sample } from './sample.js';

export interface Capped {
  kept: Sample[];
  /** family name → series dropped */
  dropped: Map<string, number>;
}

export function capSeries(samples: readonly Sample[], max: number): Capped {
  const seen = new Map<string, number>();
  const dropped = new Map<string, number>();
  const kept: Sample[] = [];
  for (const sample of samples) {
    const count = (seen.get(sample.family.name) ?? 0) + 1;
    seen.set(sample.family.name, count);
    if (count <= max) kept.push(sample);
    else dropped.set(sample.family.name, (dropped.get(sample.family.name) ?? 0) + 1);
  }
  return { kept, dropped };
}
