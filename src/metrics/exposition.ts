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
 * A run of the body that changes only when one of its entries does: one family's lines from
 * `SLOTS_PER_BLOCK` consecutive (target, collector) slots, the family's header included in its first
 * block, in one buffer of its own.
 */
export interface Block {
  family: string;
  index: number;
  entries: readonly RenderedEntry[];
  bytes: Buffer;
}

/** An exposition: its blocks in order (their bytes are the body), its length and how many series it holds. */
export interface Exposition {
  blocks: readonly Block[];
  length: number;
  series: number;
}

/**
 * Slots (target and collector pairs) per block: at half a million series (375 organizations, five
 * collectors each) a block holds some 50 KB of a large family, large enough to deflate almost as well as
 * one stream (exposition text repeats within a family), small enough that a target's new data touches a
 * few percent of the body.
 */
const SLOTS_PER_BLOCK = 64;

function blockKey(family: string, index: number): string {
  return `${family}#${index}`;
}

/**
 * Joins the rendered series of all targets into one exposition: families sorted by name, each with
 * one HELP and TYPE header and then the lines of every target in the order given.
 *
 * A block of `previous` whose entries are the same is reused as it is; any other block is copied into a
 * new buffer and its entries' lines re-pointed at their place in it (views, not copies). So the bytes
 * are held once, and a rebuild allocates only what changed, not a second copy of the whole body.
 */
export function joinFamilies(targets: readonly RenderedFamilies[], previous: ReadonlyMap<string, Block> = new Map()): Exposition {
  const families = new Map<string, MetricDefinition>();
  for (const rendered of targets) for (const [name, { family }] of rendered) if (!families.has(name)) families.set(name, family);
  const blocks: Block[] = [];
  let length = 0;
  let series = 0;
  for (const name of [...families.keys()].sort()) {
    for (let first = 0, index = 0; first < targets.length; first += SLOTS_PER_BLOCK, index += 1) {
      const entries: RenderedEntry[] = [];
      for (const rendered of targets.slice(first, first + SLOTS_PER_BLOCK)) {
        const entry = rendered.get(name);
        if (entry) entries.push(entry);
      }
      for (const entry of entries) series += entry.series;
      const known = previous.get(blockKey(name, index));
      const block = known && sameEntries(known.entries, entries) ? known : copyBlock(name, index, entries, index === 0 ? Buffer.from(familyHeader(families.get(name) as MetricDefinition, 'text')) : undefined);
      if (block.bytes.length > 0) {
        blocks.push(block);
        length += block.bytes.length;
      }
    }
  }
  return { blocks, length, series };
}

/** The blocks of an exposition by family and index, for the next join to reuse. */
export function blocksByKey(exposition: Exposition): Map<string, Block> {
  return new Map(exposition.blocks.map((block) => [blockKey(block.family, block.index), block]));
}

function copyBlock(family: string, index: number, entries: readonly RenderedEntry[], header: Buffer | undefined): Block {
  const bytes = Buffer.allocUnsafeSlow(entries.reduce((sum, entry) => sum + entry.lines.length, header?.length ?? 0));
  let offset = header ? header.copy(bytes, 0) : 0;
  for (const entry of entries) {
    const end = offset + entry.lines.copy(bytes, offset);
    entry.lines = bytes.subarray(offset, end);
    offset = end;
  }
  return { family, index, entries, bytes };
}

function sameEntries(a: readonly RenderedEntry[], b: readonly RenderedEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}
