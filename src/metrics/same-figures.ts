/**
 * Whether two renderings of a collector's series say the same, whatever the order of their lines: a
 * provisional day read again (docs/contract.md §4g) is a revision only when GitHub's figures changed, not
 * when its files list the same rows in another order. The usual case, the same bytes, costs one memcmp per
 * family; only a family whose bytes differ is compared line by line.
 */
import type { RenderedFamilies } from './exposition.js';

export function sameFigures(before: RenderedFamilies, after: RenderedFamilies): boolean {
  if (before.size !== after.size) return false;
  for (const [name, entry] of after) {
    const previous = before.get(name);
    if (!previous || previous.series !== entry.series) return false;
    if (!previous.lines.equals(entry.lines) && !sameLines(previous.lines, entry.lines)) return false;
  }
  return true;
}

function sameLines(a: Buffer, b: Buffer): boolean {
  const sorted = (lines: Buffer) => lines.toString('utf8').split('\n').sort();
  const [left, right] = [sorted(a), sorted(b)];
  return left.length === right.length && left.every((line, index) => line === right[index]);
}
