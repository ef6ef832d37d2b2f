/**
 * The one writer of exposition text, in the Prometheus 0.0.4 text format and in OpenMetrics 1.0
 * (docs/contract.md §3). Every producer writes through it, so they cannot drift apart: the Copilot
 * snapshot, rendered when new data arrives (exposition.ts); the self-metrics, rendered when they change
 * and the process metrics per scrape (self-metrics.ts); and the backfill's OpenMetrics file (backfill/openmetrics-file.ts).
 *
 * The two formats differ only in family headers and the end: OpenMetrics also escapes `"` in HELP texts,
 * names a counter family without the `_total` its samples carry, and ends with `# EOF`. Sample lines are
 * the same in both; only the backfill file carries timestamps, in seconds as OpenMetrics counts them.
 */

export type ExpositionFormat = 'text' | 'openmetrics';

/** Label name → value, in output order; numbers are prom-client's (a histogram bucket's `le`). */
export type LabelValues = Readonly<Record<string, string | number>>;

/** What a family header says; a MetricDefinition is one. */
export interface FamilyDescription {
  name: string;
  help: string;
  /** `gauge`, `counter`, or prom-client's `histogram` and `summary`. */
  type: string;
}

const LABEL_VALUE_SPECIALS = /[\\\n"]/;

export function escapeLabelValue(value: string): string {
  // Most values need no escaping: testing first spares the three replacements on the render path.
  if (!LABEL_VALUE_SPECIALS.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string, format: ExpositionFormat): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  // The 0.0.4 format defines only these two escapes in a HELP text (older parsers reject `\"`).
  return format === 'openmetrics' ? escaped.replace(/"/g, '\\"') : escaped;
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Object.is(value, -0) ? '0' : String(value);
}

/** The `# HELP` and `# TYPE` lines that open a family. */
export function familyHeader(family: FamilyDescription, format: ExpositionFormat): string {
  const name = format === 'openmetrics' && family.type === 'counter' ? family.name.replace(/_total$/, '') : family.name;
  return `# HELP ${name} ${escapeHelp(family.help, format)}\n# TYPE ${name} ${family.type}\n`;
}

/** One sample: `name{labels} value`, then the timestamp when given (in seconds: OpenMetrics only), and a newline. */
export function sampleLine(name: string, labels: LabelValues, value: number, timestampSeconds?: number): string {
  // One pass over the keys into an array, joined once: this is the per-poll render's inner loop, and
  // appending to one string per label (or Object.entries) measured slower.
  const names = Object.keys(labels);
  const pairs = new Array<string>(names.length);
  for (let i = 0; i < names.length; i += 1) {
    const label = names[i] as string;
    pairs[i] = `${label}="${escapeLabelValue(String(labels[label]))}"`;
  }
  const series = names.length === 0 ? name : `${name}{${pairs.join(',')}}`;
  return timestampSeconds === undefined ? `${series} ${formatValue(value)}\n` : `${series} ${formatValue(value)} ${timestampSeconds}\n`;
}

/** What ends an exposition: `# EOF` in OpenMetrics, nothing in the 0.0.4 format. */
export function expositionEnd(format: ExpositionFormat): string {
  return format === 'openmetrics' ? '# EOF\n' : '';
}
