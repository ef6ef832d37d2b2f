/**
 * The Copilot snapshot: every Copilot series /metrics serves (the self-metrics follow it, see
 * scrape-body.ts). Rendered and compressed once when new data arrives (a few times a poll at most, see
 * publisher.ts), not per scrape; immutable, swapped in whole. Scrapes only read `current()` and write its
 * bytes; the poller's SnapshotPublisher is the only caller of `swap()`.
 *
 * The plain bytes are one buffer, which the targets' rendered lines are views of (exposition.ts), so the
 * exposition is held once; the compressed copy, a twentieth of its size, is the only other copy.
 *
 * A rebuild deflates only the blocks (exposition.ts) whose entries changed since the previous one: the
 * others' deflated bytes are reused, each block being a gzip segment of its own (gzip-join.ts). A poll
 * in which every target changes thus deflates its new data about once, however many rebuilds serve it.
 */
import CRC32 from 'crc-32';
import { type Block, type Exposition, type RenderedFamilies, joinFamilies } from './exposition.js';
import { deflateSegment } from './gzip-join.js';

export interface CopilotSnapshot extends Exposition {
  /** The body deflated as a gzip segment, ready for the self-metrics to follow in one stream (gzip-join.ts). */
  readonly deflated: Buffer;
  /** CRC-32 of the body, which the self-metrics' CRC continues from. */
  readonly crc: number;
}

export const EMPTY_SNAPSHOT: CopilotSnapshot = Object.freeze({ body: Buffer.alloc(0), series: 0, blocks: [], deflated: Buffer.alloc(0), crc: 0 });

/** Builds snapshots one after the other, keeping each block's deflated bytes for the next build. */
export class SnapshotBuilder {
  /** By family and block index: the entries a block held and its deflated bytes (views of the last snapshot's `deflated`). */
  private deflatedBlocks = new Map<string, { entries: Block['entries']; deflated: Buffer }>();

  /** The next snapshot, and how many of its blocks had to be deflated (the others were reused). */
  async build(targets: readonly RenderedFamilies[]): Promise<{ snapshot: CopilotSnapshot; blocks: number; deflatedBlocks: number }> {
    const exposition = joinFamilies(targets);
    const { body, blocks } = exposition;
    let deflatedBlocks = 0;
    const deflated = await Promise.all(
      blocks.map((block) => {
        const known = this.deflatedBlocks.get(blockKey(block));
        if (known && sameEntries(known.entries, block.entries)) return known.deflated;
        deflatedBlocks += 1;
        return deflateSegment(body.subarray(block.start, block.end));
      }),
    );
    // One buffer for the compressed body too (a scrape writes it whole); the kept blocks become views of it.
    const joined = Buffer.concat(deflated);
    const kept = new Map<string, { entries: Block['entries']; deflated: Buffer }>();
    let offset = 0;
    blocks.forEach((block, i) => {
      const length = (deflated[i] as Buffer).length;
      kept.set(blockKey(block), { entries: block.entries, deflated: joined.subarray(offset, offset + length) });
      offset += length;
    });
    this.deflatedBlocks = kept;
    return { snapshot: Object.freeze({ ...exposition, crc: CRC32.buf(body), deflated: joined }), blocks: blocks.length, deflatedBlocks };
  }
}

function blockKey(block: Block): string {
  return `${block.family}#${block.index}`;
}

function sameEntries(a: Block['entries'], b: Block['entries']): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}

/** One snapshot on its own (tests and tools). */
export async function buildSnapshot(targets: readonly RenderedFamilies[]): Promise<CopilotSnapshot> {
  return (await new SnapshotBuilder().build(targets)).snapshot;
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
