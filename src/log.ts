/**
 * The one logger factory. JSON lines (pino) for operators; one child logger per component and target.
 *
 * Secrets are kept out twice: the code never logs a credential or a signed download URL, and as a
 * last line of defence every line is scrubbed of the current secret values before it is written.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The credentials in use now (read lazily: a token file may be rotated). */
  secrets?: () => Iterable<string>;
  /** Where lines go; stdout when undefined. Tests pass a stream to read what was logged (pino writes fd 1 directly, out of their reach). */
  destination?: DestinationStream;
}

const REDACTED = '[REDACTED]';

export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? (() => []);
  return pino(
    {
      level: options.level,
      base: { name: 'github-copilot-exporter' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: REDACTED },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets()) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** Replaces every occurrence of each secret (and its JSON-escaped form) with a marker. */
function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would scrub innocent text; real tokens and keys are long.
    if (secret.length < 8) continue;
    result = result.split(secret).join(REDACTED);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) result = result.split(escaped).join(REDACTED);
  }
  return result;
}

/** A signed download link carries its credential in the query string: log only origin and path. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? `?${REDACTED}` : ''}`;
  } catch {
    return '[unparseable URL]';
  }
}
