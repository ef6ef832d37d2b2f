/** One read of an exporter's /metrics, parsed: the text, its samples, and the samples by sampleKey. */
import { type ParsedSample, parseExposition, toMap } from './exposition.js';

export interface Scraped {
  text: string;
  samples: ParsedSample[];
  values: Map<string, number>;
}

/** GET `url`/metrics (the text format) and parse what it serves. */
export async function scrape(url: string): Promise<Scraped> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const samples = parseExposition(text);
  return { text, samples, values: toMap(samples) };
}

/** What the exporter at `url` serves on /metrics now, by sampleKey. */
export async function scrapeValues(url: string): Promise<Map<string, number>> {
  return (await scrape(url)).values;
}
