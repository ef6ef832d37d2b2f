/** The backfill subcommand's arguments, checked with messages that say what to type instead. */
import { parseArgs } from 'node:util';
import { configError } from '../errors.js';
import { addDays, isDay, today } from './days.js';

export interface BackfillArgs {
  since: string;
  until: string;
  output: string;
}

export function parseBackfillArgs(argv: string[], now: number = Date.now()): BackfillArgs {
  let values: { since?: string; until?: string; output?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { since: { type: 'string' }, until: { type: 'string' }, output: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw configError(`backfill: ${(error as Error).message}. Usage: backfill --since YYYY-MM-DD [--until YYYY-MM-DD] --output FILE`);
  }
  const yesterday = addDays(today(now), -1);
  const { since, until = yesterday, output } = values;
  if (!since || !isDay(since)) throw configError(`backfill: --since must be a day such as 2026-01-31 (got ${JSON.stringify(since ?? '')}).`);
  if (!isDay(until)) throw configError(`backfill: --until must be a day such as 2026-01-31 (got ${JSON.stringify(until)}).`);
  if (since > until) throw configError(`backfill: --since ${since} is after --until ${until}.`);
  if (until > yesterday) throw configError(`backfill: --until ${until} has not ended yet; the latest complete day is ${yesterday}.`);
  if (!output) throw configError('backfill: --output FILE is required (the OpenMetrics file to write).');
  return { since, until, output };
}
