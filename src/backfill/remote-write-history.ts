/**
 * Sends the cached days to a remote write receiver. Each target's days go a week at a time: within a
 * week every series carries its days' samples in time order, in one request, and a week is sent only
 * once the week before it is written, so every series reaches the receiver in time order. A week's
 * requests hold different series, so a few of them go out at once. The same days give the same
 * requests, so a second run writes identical samples (which receivers keep once).
 */
import pLimit from 'p-limit';
import type { Labels } from '../metrics/sample.js';
import type { RemoteWriteClient } from '../remote-write/client.js';
import { dayStartMs, requests, seriesLabels } from '../remote-write/series.js';
import type { Label, TimeSeries } from '../remote-write/write-request.js';
import type { DayCache, TargetHistory } from './day-cache.js';

/** Days whose samples are grouped by series: memory holds one target's week at a time. */
const DAYS_PER_GROUP = 7;
/** Requests in flight at once, as Prometheus' own remote write shards do. */
const PARALLEL_REQUESTS = 4;

export interface WrittenRemote {
  samples: number;
  requests: number;
}

export async function writeRemoteHistory(cache: DayCache, plan: readonly TargetHistory[], days: readonly string[], extraLabels: Labels, client: RemoteWriteClient): Promise<WrittenRemote> {
  const written: WrittenRemote = { samples: 0, requests: 0 };
  const limit = pLimit(PARALLEL_REQUESTS);
  for (const entry of plan) {
    // A series' full label set, made once per target rather than once per week.
    const labelsOf = new Map<string, Label[]>();
    for (let start = 0; start < days.length; start += DAYS_PER_GROUP) {
      const bySeries = new Map<string, TimeSeries>();
      for (const cached of cache.daysOf(entry, days.slice(start, start + DAYS_PER_GROUP))) {
        const timestamp = dayStartMs(cached.day);
        for (const [name, family] of Object.entries(cached.families)) {
          for (const [labels, value] of family.series) {
            // The mappers write a series' labels in the same order every day.
            const key = name + JSON.stringify(labels);
            let series = bySeries.get(key);
            if (!series) {
              let full = labelsOf.get(key);
              if (!full) labelsOf.set(key, (full = seriesLabels(name, labels, extraLabels)));
              bySeries.set(key, (series = { labels: full, samples: [] }));
            }
            series.samples.push({ value, timestamp });
          }
        }
      }
      // After a refusal no request of the week starts; those in flight end before the run stops with it.
      let refused: { error: unknown } | undefined;
      const week = [...requests([...bySeries.values()])].map((batch) =>
        limit(async () => {
          if (refused) return;
          try {
            await client.write(batch);
          } catch (error) {
            refused ??= { error };
            return;
          }
          written.requests += 1;
          written.samples += batch.reduce((sum, series) => sum + series.samples.length, 0);
        }),
      );
      await Promise.all(week);
      if (refused) throw refused.error;
    }
  }
  return written;
}
