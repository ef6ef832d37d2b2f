/** The backfill subcommand's arguments, checked with messages that say what to type instead. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RemoteWriteSettings } from '../config/exporter-config.js';
import { configError } from '../errors.js';
import { parseExtraLabels } from '../metrics/extra-labels.js';
import type { Labels } from '../metrics/sample.js';
import { REMOTE_WRITE_ENV, type RemoteWriteNames, remoteWriteSettings } from '../remote-write/settings.js';
import { addDays, isDay, today } from '../days.js';

export interface BackfillArgs {
  since: string;
  until: string;
  /** The OpenMetrics file to write, if any. */
  output?: string;
  /** Where fetched days are kept between runs. */
  cache: string;
  /** Added to every series written (`--label`). */
  labels: Labels;
  /** The remote write receiver to send the days to, if any. */
  remoteWrite?: RemoteWriteSettings;
  /** Fetch every day of the range again, ignoring and replacing the cache (`--refetch`). */
  refetch: boolean;
}

export const BACKFILL_USAGE =
  'backfill --since YYYY-MM-DD [--until YYYY-MM-DD] [--output FILE] [--remote-write URL] [--label NAME=VALUE]... [--cache DIR] [--refetch]';

/** Without --output, fetched days are kept here (in the working directory), so that a second run resumes. */
export const DEFAULT_CACHE = 'copilot-history.cache';

/** The flags of the remote write settings; secrets go in files (or in the variables serve reads), never on the command line. */
const NAMES: RemoteWriteNames = {
  url: '--remote-write',
  username: '--remote-write-username',
  password: REMOTE_WRITE_ENV.password,
  passwordFile: '--remote-write-password-file',
  bearerToken: REMOTE_WRITE_ENV.bearerToken,
  bearerTokenFile: '--remote-write-bearer-token-file',
  headers: '--remote-write-header',
  caFile: '--remote-write-ca-file',
  labels: '--label',
};

const OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  output: { type: 'string' },
  cache: { type: 'string' },
  refetch: { type: 'boolean' },
  label: { type: 'string', multiple: true },
  'remote-write': { type: 'string' },
  'remote-write-username': { type: 'string' },
  'remote-write-password-file': { type: 'string' },
  'remote-write-bearer-token-file': { type: 'string' },
  'remote-write-header': { type: 'string', multiple: true },
  'remote-write-ca-file': { type: 'string' },
} as const;

type Env = Record<string, string | undefined>;

export function parseBackfillArgs(argv: string[], now: number = Date.now(), env: Env = process.env, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): BackfillArgs {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }));
  } catch (error) {
    throw configError(`backfill: ${(error as Error).message}. Usage: ${BACKFILL_USAGE}`);
  }
  const yesterday = addDays(today(now), -1);
  const { since, until = yesterday, output } = values;
  if (!since || !isDay(since)) throw configError(`backfill: --since must be a day such as 2026-01-31 (got ${JSON.stringify(since ?? '')}).`);
  if (!isDay(until)) throw configError(`backfill: --until must be a day such as 2026-01-31 (got ${JSON.stringify(until)}).`);
  if (since > until) throw configError(`backfill: --since ${since} is after --until ${until}.`);
  if (until > yesterday) throw configError(`backfill: --until ${until} has not ended yet; the latest complete day is ${yesterday}.`);
  const url = values['remote-write'];
  if (!output && !url) {
    throw configError('backfill: say where the history goes: --output FILE (OpenMetrics, for promtool tsdb create-blocks-from openmetrics), --remote-write URL (a Prometheus remote write receiver), or both.');
  }
  const remoteFlag = Object.keys(values).find((name) => name.startsWith('remote-write-'));
  if (!url && remoteFlag) throw configError(`backfill: --${remoteFlag} configures remote write, which needs --remote-write URL.`);
  const labels = parseExtraLabels(values.label ?? [], NAMES.labels);
  const given = (key: string, value: string | undefined) => (value === undefined ? {} : { [key]: value });
  const username = values['remote-write-username'];
  // A password or token in the environment completes a credential the flags ask for, and nothing else.
  const envPassword = username !== undefined && !values['remote-write-password-file'] ? env[REMOTE_WRITE_ENV.password] || undefined : undefined;
  const envToken = username === undefined && !values['remote-write-bearer-token-file'] ? env[REMOTE_WRITE_ENV.bearerToken] || undefined : undefined;
  const remoteWrite =
    url === undefined
      ? undefined
      : remoteWriteSettings(
          {
            url,
            ...given('username', username),
            ...given('password', envPassword),
            ...given('passwordFile', values['remote-write-password-file']),
            ...given('bearerToken', envToken),
            ...given('bearerTokenFile', values['remote-write-bearer-token-file']),
            ...given('caFile', values['remote-write-ca-file']),
            headers: values['remote-write-header'] ?? [],
            labels,
          },
          NAMES,
          readFile,
        );
  const cache = values.cache ?? (output ? `${output}.cache` : DEFAULT_CACHE);
  return { since, until, ...(output ? { output } : {}), cache, labels, ...(remoteWrite ? { remoteWrite } : {}), refetch: values.refetch ?? false };
}
