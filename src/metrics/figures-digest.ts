/**
 * What a collector's samples say, as one short hash, whatever their order: two readings of the same day
 * compare equal when GitHub's figures did not change, even if its files list the rows in another order.
 * The poller counts a revision (docs/contract.md §4g) when a provisional day read again digests differently.
 */
import { createHash } from 'node:crypto';
import type { Sample } from './sample.js';

export function figuresDigest(samples: readonly Sample[]): string {
  const lines = samples.map((sample) => `${sample.family.name}${JSON.stringify(sample.labels)} ${sample.value}`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, 16);
}
