/**
 * The Copilot snapshot: every Copilot series /metrics serves (the self-metrics follow it, see
 * scrape-body.ts). Rendered and compressed once when new data arrives (a few times a poll at most, see
 * publisher.ts), not per scrape; immutable, swapped in whole. Scrapes only read `current()` and write its
 * bytes; the poller's SnapshotPublisher is the only caller of `swap()`.
 *
 * The plain bytes are one buffer, which the targets' rendered lines are views of (exposition.ts), so the
 * exposition is held once; the compressed copy, a twentieth of its size, is the only other copy.
 */
import CRC32 from 'crc-32';
import { type Exposition, type RenderedFamilies, joinFamilies } from './exposition.js';
import { deflateSegment } from './gzip-join.js';

export interface CopilotSnapshot extends Exposition {
  /** The body deflated as a gzip segment, ready for the self-metrics to follow in one stream (gzip-join.ts). */
  readonly deflated: Buffer;
  /** CRC-32 of the body, which the self-metrics' CRC continues from. */
  readonly crc: number;
}

export const EMPTY_SNAPSHOT: CopilotSnapshot = Object.freeze({ body: Buffer.alloc(0), series: 0, deflated: Buffer.alloc(0), crc: 0 });

export async function buildSnapshot(targets: readonly RenderedFamilies[]): Promise<CopilotSnapshot> {
  const exposition = joinFamilies(targets);
  return Object.freeze({ ...exposition, crc: CRC32.buf(exposition.body), deflated: await deflateSegment(exposition.body) });
}

/** The exposition as text (for tests and tools; scrapes write the bytes). */
export function snapshotText(snapshot: Exposition): string {
  return snapshot.body.toString('utf8');
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
