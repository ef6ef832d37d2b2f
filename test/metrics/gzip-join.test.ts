import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EMPTY_PREFIX, deflatePrefix, gzipWithSuffix } from '../../src/metrics/gzip-join.js';

describe('one gzip stream from a prefix deflated once and a suffix deflated per scrape', () => {
  it('gunzips (CRC and length checked) to the prefix followed by the suffix', async () => {
    const chunks = [Buffer.from('# HELP a x\n'), Buffer.from('a{org="é"} 1\n'.repeat(5000)), Buffer.from('b 2\n')];
    const prefix = await deflatePrefix(chunks);
    for (const suffix of [Buffer.from('c 3\n# EOF\n'), Buffer.alloc(0)]) {
      const gzipped = Buffer.concat(gzipWithSuffix(prefix, suffix));
      expect(gunzipSync(gzipped).toString()).toBe(Buffer.concat([...chunks, suffix]).toString());
    }
    expect(prefix.deflated.length).toBeLessThan(prefix.length / 20);
  });

  it('works with an empty prefix', () => {
    expect(gunzipSync(Buffer.concat(gzipWithSuffix(EMPTY_PREFIX, Buffer.from('only self\n')))).toString()).toBe('only self\n');
  });

  it('is a single gzip member', async () => {
    const gzipped = Buffer.concat(gzipWithSuffix(await deflatePrefix([Buffer.from('x 1\n')]), Buffer.from('y 2\n')));
    // A second member would start with the gzip magic again.
    expect(gzipped.subarray(2).indexOf(Buffer.from([0x1f, 0x8b, 8]))).toBe(-1);
  });
});
