/**
 * THE list of collectors. Adding a GitHub report family is one module in this folder and one line here
 * (plus its fake route and tests): the poller, `check`, the self-metrics and the README catalogue all
 * read this list. The order is the order of `check`'s rows; the main report comes first.
 */
import type { ExporterConfig, Target } from '../config/exporter-config.js';
import { DATA_CHANGE_TIMESTAMP } from '../metrics/data-changes.js';
import { type MetricDefinition, SELF_METRICS } from '../metrics/definitions.js';
import { aiCreditsCollector } from './ai-credits.js';
import type { Collector } from './collector.js';
import { legacyCollector } from './legacy.js';
import { peopleCollector } from './people.js';
import { repositoriesCollector } from './repositories.js';
import { seatsCollector } from './seats.js';
import { usageCollector } from './usage.js';

export const COLLECTORS: readonly Collector[] = [usageCollector, legacyCollector, peopleCollector, repositoriesCollector, seatsCollector, aiCreditsCollector] as Collector[];

/** The collectors this configuration turns on. */
export function enabledCollectors(config: ExporterConfig): Collector[] {
  return COLLECTORS.filter((collector) => collector.enabled(config));
}

/** The (collector, target) pairs a configuration polls, main report first for each target. */
export function collectorsOf(config: ExporterConfig, target: Target): Collector[] {
  return enabledCollectors(config).filter((collector) => collector.appliesTo(target));
}

/** Every family the exporter can emit, once each: the README catalogue and the lint tests read this. */
export const DEFINITIONS: readonly MetricDefinition[] = [
  ...new Map([...COLLECTORS.flatMap((collector) => collector.definitions), ...Object.values(SELF_METRICS), DATA_CHANGE_TIMESTAMP].map((definition) => [definition.name, definition])).values(),
];
