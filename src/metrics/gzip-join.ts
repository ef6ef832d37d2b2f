/**
 * One gzip stream made of segments deflated ahead of time (the Copilot snapshot, once per snapshot; the
 * recorded self-metrics, once per change) and a small tail deflated per scrape (the process metrics).
 *
 * Each segment is deflated on its own, ending with a full flush (a byte-aligned, non-final block with
 * no dictionary carried over), so that the next segment, and finally the tail with its final block, can
 * follow it in the same deflate stream. The gzip trailer's CRC-32 is the caller's, over all the bytes.
 * The result is a single gzip member (RFC 1952), which every client reads, curl included (concatenated
 * members would be valid too, but curl stops after the first).
 */
import { promisify } from 'node:util';
import { constants, deflateRaw, deflateRawSync } from 'node:zlib';

/** Magic, deflate, no flags, no mtime, no extra flags, unknown OS (RFC 1952 §2.3). */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

const deflateRawAsync = promisify(deflateRaw);
const MAX_OUTPUT_CHUNK = 1024 * 1024;

/**
 * Deflates a segment off the event loop (in libuv's thread pool, so scrapes are not held up while a
 * snapshot of tens of megabytes is compressed). The output chunk is sized after the input (exposition
 * text deflates to about a twentieth) so that the compressed bytes come back in a few callbacks, not
 * one per 16 KiB, and a small segment does not keep a large output buffer alive.
 */
export function deflateSegment(bytes: Buffer): Promise<Buffer> {
  const chunkSize = Math.min(MAX_OUTPUT_CHUNK, Math.max(constants.Z_DEFAULT_CHUNK, bytes.length >> 4));
  return deflateRawAsync(bytes, { finishFlush: constants.Z_FULL_FLUSH, chunkSize });
}

/** The gzip member of the segments and the tail, as chunks to write in order; `crc` and `length` cover all the uncompressed bytes. */
export function gzipMember(segments: readonly Buffer[], tail: Buffer, crc: number, length: number): Buffer[] {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return [GZIP_HEADER, ...segments, deflateRawSync(tail), trailer];
}
