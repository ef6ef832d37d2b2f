/**
 * The Copilot snapshot: every Copilot series /metrics serves (the self-metrics, rendered per scrape,
 * follow it). Rendered and compressed once when new data arrives (a few times a poll at most, see
 * publisher.ts), not per scrape; immutable, swapped in whole. Scrapes only read `current()` and write its
 * bytes; the poller's SnapshotPublisher is the only caller of `swap()`.
 *
 * The plain bytes are the targets' own rendered chunks (referenced, not copied into one buffer), so the
 * exposition is held once; the compressed copy, a fraction of its size, is the only other copy.
 */
import { type Exposition, type RenderedFamilies, joinFamilies } from './exposition.js';
import { type DeflatedPrefix, EMPTY_PREFIX, deflatePrefix } from './gzip-join.js';

export interface CopilotSnapshot extends Exposition {
  /** The same bytes deflated, ready for the self-metrics to follow in one gzip stream (gzip-join.ts). */
  readonly deflated: DeflatedPrefix;
}

export const EMPTY_SNAPSHOT: CopilotSnapshot = Object.freeze({ chunks: [], length: 0, series: 0, deflated: EMPTY_PREFIX });

export async function buildSnapshot(targets: readonly RenderedFamilies[]): Promise<CopilotSnapshot> {
  const exposition = joinFamilies(targets);
  return Object.freeze({ ...exposition, deflated: await deflatePrefix(exposition.chunks) });
}

/** The exposition as text (for tests and tools; scrapes write the chunks). */
export function snapshotText(snapshot: Exposition): string {
  return Buffer.concat(snapshot.chunks).toString('utf8');
}

export class SnapshotStore {
  private snapshot: CopilotSnapshot = EMPTY_SNAPSHOT;

  current(): CopilotSnapshot {
    return this.snapshot;
  }

  swap(next: CopilotSnapshot): void {
    this.snapshot = next;
  }
}
