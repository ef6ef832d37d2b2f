/**
 * Labels the user adds to every series the exporter writes elsewhere (`backfill --label`, REMOTE_WRITE_LABELS):
 * typically the `job` and `instance` Prometheus gives the scraped series, so that history and live
 * series are one series (docs/contract.md §4g). Given as `name=value` pairs, comma-separated, and checked
 * against Prometheus' label name rule and the exporter's own labels, which they must not replace.
 */
import { configError } from '../errors.js';
import { DATA_CHANGE_TIMESTAMP } from './data-changes.js';
import { CLIENT_VERSIONS, LEGACY_DEFINITIONS, type MetricDefinition, SCOPE_LABELS, SELF_METRICS, TEAM_MEMBERS, USAGE_DEFINITIONS, USER_INFO } from './definitions.js';
import { AI_CREDIT_METRICS } from './map/ai-credits.js';
import { REPOSITORY_ARRAY_DEFINITIONS, REPOSITORY_DEFINITIONS } from './map/repositories.js';
import { SEAT_METRICS } from './map/seats.js';
import type { Labels } from './sample.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Every family the metric definitions declare: those the collectors export, and the self-metrics. Taken
 * from the definitions, not from the collectors list, because reading the configuration must not depend
 * on the collectors, which depend on the configuration; test/architecture.test.ts checks that every
 * label of the collectors' families is still among these.
 */
const FAMILIES: readonly MetricDefinition[] = [
  ...USAGE_DEFINITIONS,
  ...LEGACY_DEFINITIONS,
  ...Object.values(USER_INFO),
  TEAM_MEMBERS,
  ...Object.values(CLIENT_VERSIONS),
  ...REPOSITORY_DEFINITIONS,
  ...REPOSITORY_ARRAY_DEFINITIONS,
  ...Object.values(SEAT_METRICS),
  ...Object.values(AI_CREDIT_METRICS),
  ...Object.values(SELF_METRICS),
  DATA_CHANGE_TIMESTAMP,
];

/** Every label name the exporter sets itself: the scope labels and each family's own. */
const EXPORTER_LABELS: ReadonlySet<string> = new Set([...SCOPE_LABELS, ...FAMILIES.flatMap((definition) => definition.labels)]);

/**
 * `name=value` pairs, comma-separated, from one or more settings (a repeated flag); `where` names the
 * setting in messages. Throws a configuration error naming the first problem.
 */
export function parseExtraLabels(items: readonly string[], where: string): Labels {
  const labels: Record<string, string> = {};
  for (const pair of items.flatMap((item) => item.split(',')).map((text) => text.trim()).filter(Boolean)) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw configError(`Configuration error: ${where} takes NAME=VALUE pairs separated by commas, such as job=github-copilot,instance=copilot-exporter:9847 (got ${JSON.stringify(pair)}).`);
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (!LABEL_NAME.test(name)) {
      throw configError(`Configuration error: ${where}: ${JSON.stringify(name)} is not a Prometheus label name (a letter or _, then letters, digits and _).`);
    }
    if (name.startsWith('__')) throw configError(`Configuration error: ${where}: ${name} starts with __, which Prometheus keeps for itself; choose a name without it.`);
    if (EXPORTER_LABELS.has(name)) {
      throw configError(`Configuration error: ${where}: ${name} is a label the exporter sets on its own series; adding it would change or hide theirs. Choose another name.`);
    }
    if (value === '') throw configError(`Configuration error: ${where}: ${name} has an empty value, and Prometheus drops a label without a value; give it one or leave it out.`);
    if (name in labels) throw configError(`Configuration error: ${where}: ${name} is given twice (${labels[name]} and ${value}); give each label once.`);
    labels[name] = value;
  }
  return labels;
}
