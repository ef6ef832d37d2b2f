/**
 * The Copilot snapshot: every Copilot series /metrics serves (the self-metrics follow it, see
 * scrape-body.ts). Rendered and compressed when new data arrives (a few times a poll at most, see
 * publisher.ts), not per scrape; immutable, swapped in whole. Scrapes only read `current()` and write its
 * bytes; the poller's SnapshotPublisher is the only caller of `swap()`.
 *
 * The plain bytes are the blocks of exposition.ts, which the targets' rendered lines are views of, so the
 * exposition is held once; the compressed copy, a fifteenth of its size, is the only other copy. A
 * rebuild copies and deflates only the blocks whose entries changed since the previous one: the others'
 * bytes and deflated bytes are reused, each block being a gzip segment of its own (gzip-join.ts). A poll
 * in which every target changes thus copies and deflates its new data about once, however many rebuilds
 * serve it.
 */
import CRC32 from 'crc-32';
import pLimit from 'p-limit';
import { type Block, type Exposition, type RenderedFamilies, blocksByKey, joinFamilies } from './exposition.js';
import { deflateSegment } from './gzip-join.js';

export interface CopilotSnapshot extends Exposition {
  /** The body deflated block by block into one buffer, ready for the self-metrics to follow in one gzip stream (gzip-join.ts). */
  readonly deflated: Buffer;
  /** CRC-32 of the body, which the self-metrics' CRC continues from. */
  readonly crc: number;
}

export const EMPTY_SNAPSHOT: CopilotSnapshot = Object.freeze({ blocks: [], length: 0, series: 0, deflated: Buffer.alloc(0), crc: 0 });

/**
 * Blocks deflated at once. Each deflate holds some 300 KB of zlib state until it ends: thousands of them
 * started together (a snapshot's first build) would lift peak RSS by hundreds of megabytes, and libuv's
 * thread pool runs four at a time anyway.
 */
const DEFLATE_CONCURRENCY = 4;

/** Builds snapshots one after the other, reusing the previous one's unchanged blocks. */
export class SnapshotBuilder {
  private previous = new Map<string, Block>();
  /** Each block's deflated bytes (views of the last snapshot's `deflated`). */
  private deflatedBlocks = new WeakMap<Block, Buffer>();

  /** The next snapshot, and how many of its blocks had to be copied and deflated (the others were reused). */
  async build(targets: readonly RenderedFamilies[]): Promise<{ snapshot: CopilotSnapshot; blocks: number; deflatedBlocks: number }> {
    const exposition = joinFamilies(targets, this.previous);
    let deflatedBlocks = 0;
    const limit = pLimit(DEFLATE_CONCURRENCY);
    const deflated = await Promise.all(
      exposition.blocks.map((block) => {
        const known = this.deflatedBlocks.get(block);
        if (known) return known;
        deflatedBlocks += 1;
        return limit(() => deflateSegment(block.bytes));
      }),
    );
    // One buffer for the compressed body (a scrape writes it whole); the blocks' deflated bytes become views of it.
    const joined = Buffer.concat(deflated);
    const kept = new WeakMap<Block, Buffer>();
    let offset = 0;
    exposition.blocks.forEach((block, i) => {
      const length = (deflated[i] as Buffer).length;
      kept.set(block, joined.subarray(offset, offset + length));
      offset += length;
    });
    this.deflatedBlocks = kept;
    this.previous = blocksByKey(exposition);
    let crc = 0;
    for (const block of exposition.blocks) crc = CRC32.buf(block.bytes, crc);
    return { snapshot: Object.freeze({ ...exposition, crc, deflated: joined }), blocks: exposition.blocks.length, deflatedBlocks };
  }
}

/** One snapshot on its own (tests and tools). */
export async function buildSnapshot(targets: readonly RenderedFamilies[]): Promise<CopilotSnapshot> {
  return (await new SnapshotBuilder().build(targets)).snapshot;
}

/** The exposition as text (for tests and tools; scrapes write the blocks). */
export function snapshotText(snapshot: Exposition): string {
  return Buffer.concat(snapshot.blocks.map((block) => block.bytes)).toString('utf8');
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
