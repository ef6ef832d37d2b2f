/** A small parser of the Prometheus text format, for tests that compare scraped samples. */
import type { Sample } from '../../src/metrics/sample.js';

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    const name = text.slice(i, eq).trim();
    let value = '';
    let j = eq + 2; // skip ="
    for (; text[j] !== '"'; j += 1) {
      if (text[j] === '\\') {
        j += 1;
        value += text[j] === 'n' ? '\n' : text[j];
      } else {
        value += text[j];
      }
    }
    labels[name] = value;
    i = j + 1;
    if (text[i] === ',') i += 1;
  }
  return labels;
}

export function parseExposition(text: string): ParsedSample[] {
  const samples: ParsedSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.lastIndexOf(' ');
    if (brace !== -1 && brace < space) {
      const close = line.lastIndexOf('}');
      samples.push({ name: line.slice(0, brace), labels: parseLabels(line.slice(brace + 1, close)), value: Number(line.slice(space + 1)) });
    } else {
      samples.push({ name: line.slice(0, space), labels: {}, value: Number(line.slice(space + 1)) });
    }
  }
  return samples;
}

export interface HistorySample extends ParsedSample {
  /** Unix seconds, as the line has it. */
  timestamp: number;
}

/** The samples of an OpenMetrics history (backfill's file: `name{labels} value timestamp` lines), in file order. */
export function parseHistory(text: string): HistorySample[] {
  const samples: HistorySample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    const [sample] = parseExposition(line.slice(0, cut));
    samples.push({ ...sample!, timestamp: Number(line.slice(cut + 1)) });
  }
  return samples;
}

/** An OpenMetrics history by day (UTC, of each sample's timestamp), each day's samples by sampleKey. */
export function historyByDay(text: string): Map<string, Map<string, number>> {
  const byDay = new Map<string, Map<string, number>>();
  for (const sample of parseHistory(text)) {
    const day = new Date(sample.timestamp * 1000).toISOString().slice(0, 10);
    if (!byDay.has(day)) byDay.set(day, new Map());
    byDay.get(day)!.set(sampleKey(sample.name, sample.labels), sample.value);
  }
  return byDay;
}

/** `name{"a":"1","b":"2"}` with labels sorted, to compare sample sets whatever the label order. */
export function sampleKey(name: string, labels: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  return `${name}${JSON.stringify(sorted)}`;
}

/**
 * A series of Copilot data, not one of the exporter's own (`github_copilot_exporter_*`) nor GitHub's
 * announced data changes (`github_copilot_data_change_timestamp_seconds`, constants of the build, read from
 * no report): for a sample's name, and for a sampleKey (which starts with the name).
 */
export function isCopilotSeries(nameOrKey: string): boolean {
  return nameOrKey.startsWith('github_copilot_') && !nameOrKey.startsWith('github_copilot_exporter_') && !nameOrKey.startsWith('github_copilot_data_change_');
}

/** The Copilot series (isCopilotSeries) of values by sampleKey. */
export function copilotValues(values: Map<string, number>): Map<string, number> {
  return new Map([...values].filter(([key]) => isCopilotSeries(key)));
}

export function toMap(samples: ParsedSample[]): Map<string, number> {
  return new Map(samples.map((sample) => [sampleKey(sample.name, sample.labels), sample.value]));
}

/** Mapper output as `name{labels as JSON}` → value, labels in the order the mapper wrote them. */
export function valuesOf(samples: readonly Sample[]): Record<string, number> {
  return Object.fromEntries(samples.map((sample) => [`${sample.family.name}${JSON.stringify(sample.labels)}`, sample.value]));
}
