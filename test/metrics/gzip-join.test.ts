import CRC32 from 'crc-32';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateSegment, gzipMember } from '../../src/metrics/gzip-join.js';

/** The gzip member of segments deflated ahead and a tail, with the CRC and length of all their bytes. */
async function member(segments: Buffer[], tail: Buffer): Promise<Buffer> {
  const all = Buffer.concat([...segments, tail]);
  return Buffer.concat(gzipMember(await Promise.all(segments.map(deflateSegment)), tail, CRC32.buf(all), all.length));
}

describe('one gzip stream from segments deflated ahead of time and a tail deflated per scrape', () => {
  it('gunzips (CRC and length checked) to the segments followed by the tail', async () => {
    const segments = [Buffer.from('# HELP a x\n'), Buffer.from('a{org="é"} 1\n'.repeat(5000)), Buffer.from('b 2\n')];
    for (const tail of [Buffer.from('c 3\n# EOF\n'), Buffer.alloc(0)]) {
      expect(gunzipSync(await member(segments, tail)).toString()).toBe(Buffer.concat([...segments, tail]).toString());
    }
    const large = segments[1] as Buffer;
    expect((await deflateSegment(large)).length).toBeLessThan(large.length / 20);
  });

  it('works with empty segments and with none', async () => {
    expect(gunzipSync(await member([Buffer.alloc(0), Buffer.from('x 1\n')], Buffer.from('only self\n'))).toString()).toBe('x 1\nonly self\n');
    expect(gunzipSync(await member([], Buffer.from('only self\n'))).toString()).toBe('only self\n');
  });

  it('is a single gzip member', async () => {
    const gzipped = await member([Buffer.from('x 1\n'), Buffer.from('y 2\n')], Buffer.from('z 3\n'));
    // A second member would start with the gzip magic again.
    expect(gzipped.subarray(2).indexOf(Buffer.from([0x1f, 0x8b, 8]))).toBe(-1);
  });

  it('a wrong CRC is caught by gunzip, so the tests above check it', async () => {
    const body = Buffer.from('x 1\n');
    expect(() => gunzipSync(Buffer.concat(gzipMember([], body, CRC32.buf(body) + 1, body.length)))).toThrow(/incorrect data check/);
  });
});
