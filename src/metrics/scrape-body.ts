/**
 * What one scrape of /metrics writes: the Copilot snapshot, the recorded self-metrics and the process
 * metrics, plain or as one gzip member. The first two were rendered (and deflated) when their data
 * changed; only the process metrics, a few kilobytes, are rendered and deflated here. The plain body is
 * the snapshot's blocks (a few thousand at half a million series) and two buffers, written corked, so
 * that they leave in as few writev calls as the kernel takes; the gzip body is five buffers.
 */
import CRC32 from 'crc-32';
import { gzipMember } from './gzip-join.js';
import type { RecordedPart } from './self-metrics.js';
import type { CopilotSnapshot } from './snapshot.js';

export interface ScrapeBody {
  chunks: Buffer[];
  length: number;
}

export class ScrapeBodies {
  /** For each recorded part (one per format and change), the CRC-32 of the snapshot followed by it: it changes only when one of them does. */
  private readonly crcs = new WeakMap<RecordedPart, { snapshot: CopilotSnapshot; crc: number }>();

  plain(snapshot: CopilotSnapshot, recorded: RecordedPart, perScrape: Buffer): ScrapeBody {
    const chunks = [...snapshot.blocks.map((block) => block.bytes), recorded.bytes, perScrape];
    return { chunks, length: snapshot.length + recorded.bytes.length + perScrape.length };
  }

  gzip(snapshot: CopilotSnapshot, recorded: RecordedPart, perScrape: Buffer): ScrapeBody {
    const crc = CRC32.buf(perScrape, this.crcThrough(snapshot, recorded));
    const chunks = gzipMember([snapshot.deflated, recorded.deflated], perScrape, crc, snapshot.length + recorded.bytes.length + perScrape.length);
    return { chunks, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0) };
  }

  private crcThrough(snapshot: CopilotSnapshot, recorded: RecordedPart): number {
    let known = this.crcs.get(recorded);
    if (known?.snapshot !== snapshot) {
      known = { snapshot, crc: CRC32.buf(recorded.bytes, snapshot.crc) };
      this.crcs.set(recorded, known);
    }
    return known.crc;
  }
}
