/**
 * Prometheus text exposition for the Copilot families, written by hand rather than through prom-client
 * gauges: the values change once per poll, so they are rendered once per poll into plain text and that
 * text is served to every scrape (prom-client would rebuild label maps and re-render on each scrape).
 * A test renders the same samples through prom-client and compares the output.
 *
 * The lines are valid in both the 0.0.4 text format and OpenMetrics 1.0 (gauges only, HELP texts
 * without quotes or backslashes, which a test checks), so one text serves both; the OpenMetrics
 * `# EOF` is written by the self-metrics part that always comes last.
 */
import type { MetricDefinition } from './definitions.js';
import type { Labels, Sample } from './sample.js';

/** One target's series, grouped by family and already rendered as sample lines (UTF-8 bytes). */
export type RenderedFamilies = Map<string, { family: MetricDefinition; lines: Buffer; series: number }>;

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function escapeHelpText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Object.is(value, -0) ? '0' : String(value);
}

export function formatLabels(labels: Labels | Readonly<Record<string, string | number>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(String(value))}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** Renders one target's samples, grouped by family in the order the families first appear. */
export function renderSamples(samples: Iterable<Sample>): RenderedFamilies {
  const lines = new Map<string, { family: MetricDefinition; parts: string[] }>();
  for (const sample of samples) {
    let entry = lines.get(sample.family.name);
    if (!entry) {
      entry = { family: sample.family, parts: [] };
      lines.set(sample.family.name, entry);
    }
    entry.parts.push(`${sample.family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}\n`);
  }
  const rendered: RenderedFamilies = new Map();
  for (const [name, { family, parts }] of lines) rendered.set(name, { family, lines: Buffer.from(parts.join('')), series: parts.length });
  return rendered;
}

/** An exposition as a list of byte chunks: the targets' rendered lines are referenced, not copied. */
export interface Exposition {
  chunks: Buffer[];
  length: number;
  series: number;
}

/**
 * Joins the rendered series of all targets into one exposition: families sorted by name, each with
 * one HELP and TYPE header and then the lines of every target in the order given.
 */
export function joinFamilies(targets: readonly RenderedFamilies[]): Exposition {
  const families = new Map<string, MetricDefinition>();
  for (const rendered of targets) for (const [name, { family }] of rendered) if (!families.has(name)) families.set(name, family);
  const chunks: Buffer[] = [];
  let series = 0;
  for (const name of [...families.keys()].sort()) {
    const family = families.get(name) as MetricDefinition;
    chunks.push(Buffer.from(`# HELP ${name} ${escapeHelpText(family.help)}\n# TYPE ${name} ${family.type}\n`));
    for (const rendered of targets) {
      const entry = rendered.get(name);
      if (entry) {
        chunks.push(entry.lines);
        series += entry.series;
      }
    }
  }
  return { chunks, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0), series };
}
