/**
 * The Copilot families' exposition, written by hand (through text-format.ts) rather than through
 * prom-client gauges: the values change once per poll, so they are rendered once per poll into plain
 * text and that text is served to every scrape (prom-client would rebuild label maps and re-render on
 * each scrape). A test renders the same samples through prom-client and compares the output.
 *
 * The text is written in the 0.0.4 format and is valid OpenMetrics 1.0 as well, the two being the same for
 * these families (gauges whose HELP texts have no quotes; text-format.test.ts checks every curated one),
 * so one text serves both formats; the OpenMetrics `# EOF` is written by the self-metrics, which always
 * come after it.
 */
import type { MetricDefinition } from './definitions.js';
import type { Sample } from './sample.js';
import { familyHeader, sampleLine } from './text-format.js';

/** One target's series, grouped by family and already rendered as sample lines (UTF-8 bytes). */
export type RenderedFamilies = Map<string, { family: MetricDefinition; lines: Buffer; series: number }>;

/** Renders one target's samples, grouped by family in the order the families first appear. */
export function renderSamples(samples: Iterable<Sample>): RenderedFamilies {
  const byFamily = new Map<string, { family: MetricDefinition; lines: string[] }>();
  for (const sample of samples) {
    let entry = byFamily.get(sample.family.name);
    if (!entry) {
      entry = { family: sample.family, lines: [] };
      byFamily.set(sample.family.name, entry);
    }
    entry.lines.push(sampleLine(sample.family.name, sample.labels, sample.value));
  }
  const rendered: RenderedFamilies = new Map();
  for (const [name, { family, lines }] of byFamily) rendered.set(name, { family, lines: Buffer.from(lines.join('')), series: lines.length });
  return rendered;
}

/** One target's rendered lines of one family (the object stays the same until the target renders again). */
export type RenderedEntry = RenderedFamilies extends Map<string, infer Entry> ? Entry : never;

/**
 * A run of the body that changes only when one of its entries does: one family's lines from `SLOTS_PER_BLOCK`
 * consecutive (target, collector) slots, the family's header included in its first block.
 */
export interface Block {
  family: string;
  index: number;
  entries: readonly RenderedEntry[];
  start: number;
  end: number;
}

/** An exposition: its bytes, contiguous, how many series they hold, and its blocks in order. */
export interface Exposition {
  body: Buffer;
  series: number;
  blocks: readonly Block[];
}

/**
 * Slots (target and collector pairs) per block: at half a million series (370 organizations, five
 * collectors each) a block holds some 50 KB of a family, large enough to deflate almost as well as one
 * stream (exposition text repeats within a family), small enough that a target's new data re-deflates a
 * few percent of the body.
 */
const SLOTS_PER_BLOCK = 64;

/**
 * Joins the rendered series of all targets into one exposition: families sorted by name, each with
 * one HELP and TYPE header and then the lines of every target in the order given.
 *
 * The body is one buffer, so that a scrape writes it in one call instead of thousands of per-target
 * chunks. The targets' lines are then re-pointed at their place in it (views, not copies): the bytes
 * are held once, and a later join copies them from there.
 */
export function joinFamilies(targets: readonly RenderedFamilies[]): Exposition {
  const families = new Map<string, MetricDefinition>();
  for (const rendered of targets) for (const [name, { family }] of rendered) if (!families.has(name)) families.set(name, family);
  const headers = new Map([...families].map(([name, family]) => [name, Buffer.from(familyHeader(family, 'text'))]));
  let length = 0;
  let series = 0;
  for (const header of headers.values()) length += header.length;
  for (const rendered of targets) {
    for (const entry of rendered.values()) {
      length += entry.lines.length;
      series += entry.series;
    }
  }
  const body = Buffer.allocUnsafeSlow(length);
  const blocks: Block[] = [];
  let offset = 0;
  for (const name of [...families.keys()].sort()) {
    offset += (headers.get(name) as Buffer).copy(body, offset);
    for (let first = 0, index = 0; first < targets.length; first += SLOTS_PER_BLOCK, index += 1) {
      // The first block starts with the header, so that every byte of the body is in a block.
      const start = index === 0 ? offset - (headers.get(name) as Buffer).length : offset;
      const entries: RenderedEntry[] = [];
      for (const rendered of targets.slice(first, first + SLOTS_PER_BLOCK)) {
        const entry = rendered.get(name);
        if (!entry) continue;
        const end = offset + entry.lines.copy(body, offset);
        entry.lines = body.subarray(offset, end);
        offset = end;
        entries.push(entry);
      }
      if (offset > start) blocks.push({ family: name, index, entries, start, end: offset });
    }
  }
  return { body, series, blocks };
}
