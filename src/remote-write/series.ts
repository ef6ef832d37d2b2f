/**
 * The exporter's samples as remote write series: `__name__`, the sample's labels and the extra labels,
 * sorted by name as the specification asks, each sample at 00:00 UTC of its day (docs/contract.md §4g), and
 * split into requests of a bounded number of samples.
 */
import type { Labels, Sample } from '../metrics/sample.js';
import { dayToUnixSeconds } from '../metrics/sample.js';
import type { Label, TimeSeries } from './write-request.js';

/**
 * Samples per request. Prometheus sends 2,000 at most by default; a few thousand keep each request well
 * under every receiver's size limit (a few hundred KB compressed) while a year of history stays a few
 * thousand requests.
 */
const SAMPLES_PER_REQUEST = 5000;

/** 00:00 UTC of a day, in milliseconds: where each of the day's samples is written. */
export function dayStartMs(day: string): number {
  const seconds = dayToUnixSeconds(day);
  if (seconds === undefined) throw new Error(`not a day: ${day}`);
  return seconds * 1000;
}

/** A sample's full label set, sorted by name (`__name__` included). */
export function seriesLabels(name: string, labels: Labels, extra: Labels): Label[] {
  return Object.entries({ ...labels, ...extra, __name__: name })
    .map(([labelName, value]) => ({ name: labelName, value }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One day's samples, one series each. */
export function daySeries(samples: readonly Sample[], day: string, extra: Labels): TimeSeries[] {
  const timestamp = dayStartMs(day);
  return samples.map((sample) => ({ labels: seriesLabels(sample.family.name, sample.labels, extra), samples: [{ value: sample.value, timestamp }] }));
}

/** Consecutive groups of whole series with at most SAMPLES_PER_REQUEST samples each (a longer series is a group of its own). */
export function* requests(series: readonly TimeSeries[]): Generator<TimeSeries[]> {
  let batch: TimeSeries[] = [];
  let count = 0;
  for (const entry of series) {
    if (count > 0 && count + entry.samples.length > SAMPLES_PER_REQUEST) {
      yield batch;
      batch = [];
      count = 0;
    }
    batch.push(entry);
    count += entry.samples.length;
  }
  if (batch.length > 0) yield batch;
}
