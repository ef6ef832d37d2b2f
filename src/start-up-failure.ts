/**
 * How a command that could not start ends (the CLI's and `npm run demo`'s): a configuration mistake,
 * a busy port included, is its one-line message and exit code 2, for the operator to fix; anything
 * else is a fatal log line with the error and exit code 1. Either way the process ends here, whatever
 * it had started already (the demo's fake GitHub, a half-started exporter).
 */
import { isExporterError } from './errors.js';
import { createLogger } from './log.js';

export function exitOnStartUpFailure(error: unknown): never {
  if (isExporterError(error) && error.code === 'CONFIG_INVALID') {
    console.error(error.message);
    process.exit(2);
  }
  const logger = createLogger({ level: 'error' });
  logger.fatal({ err: error }, isExporterError(error) ? error.describe() : 'the exporter failed to start');
  logger.flush();
  process.exit(1);
}
