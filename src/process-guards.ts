/**
 * An unhandled promise rejection or an uncaught exception is a bug: log it once, loudly, and exit
 * non-zero so that the supervisor (Kubernetes, systemd) restarts a clean process and the bug is seen.
 */
import type { Logger } from './log.js';

export function installProcessGuards(logger: Logger): void {
  const die = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, `${kind}: this is a bug in the exporter; exiting`);
    logger.flush();
    process.exit(1);
  };
  process.on('unhandledRejection', die('unhandled promise rejection'));
  process.on('uncaughtException', die('uncaught exception'));
}
