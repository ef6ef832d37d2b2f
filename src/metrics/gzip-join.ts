/**
 * One gzip stream made of a prefix compressed once per snapshot (the Copilot series) and a small suffix
 * compressed per scrape (the self-metrics).
 *
 * The Copilot snapshot is deflated once, ending with a full flush (a byte-aligned, non-final block with
 * no dictionary carried over), so that the self-metrics, deflated per scrape with a final block, can
 * follow it in the same deflate stream. The gzip trailer's CRC-32 continues from the snapshot's CRC
 * over the self-metrics. The result is a single gzip member (RFC 1952), which every client reads, curl
 * included (two concatenated members would be valid too, but curl stops after the first).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createDeflateRaw, deflateRawSync } from 'node:zlib';
import CRC32 from 'crc-32';

/** Magic, deflate, no flags, no mtime, no extra flags, unknown OS (RFC 1952 §2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export interface DeflatedPrefix {
  deflated: Buffer;
  crc: number;
  length: number;
}

export const EMPTY_PREFIX: DeflatedPrefix = Object.freeze({ deflated: Buffer.alloc(0), crc: 0, length: 0 });

export async function deflatePrefix(chunks: readonly Buffer[]): Promise<DeflatedPrefix> {
  let crc = 0;
  let length = 0;
  for (const chunk of chunks) {
    crc = CRC32.buf(chunk, crc);
    length += chunk.length;
  }
  const output: Buffer[] = [];
  await pipeline(Readable.from(chunks), createDeflateRaw({ finishFlush: constants.Z_FULL_FLUSH }), async (deflated: AsyncIterable<Buffer>) => {
    for await (const chunk of deflated) output.push(chunk);
  });
  return { deflated: Buffer.concat(output), crc, length };
}

/** The gzip stream of prefix + suffix, as chunks to write in order. */
export function gzipWithSuffix(prefix: DeflatedPrefix, suffix: Buffer): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(CRC32.buf(suffix, prefix.crc) >>> 0, 0);
  trailer.writeUInt32LE((prefix.length + suffix.length) % 2 ** 32, 4);
  return [GZIP_HEADER, prefix.deflated, deflateRawSync(suffix), trailer];
}
