/** What every GitHub source gives the poller: the samples of a target's latest complete day. */
import type { Target } from '../config/load-config.js';
import type { Sample } from '../metrics/sample.js';

export interface TargetData {
  samples: Sample[];
  /** Identifies the report the samples came from: when GitHub still offers the same report, nothing is downloaded. */
  reportKey: string;
  /** The day the samples describe (YYYY-MM-DD), when GitHub reported one. */
  day?: string;
}

export interface Source {
  /**
   * Polls one target. Returns `unchanged` when GitHub still offers the report identified by
   * `previousKey` (the last good values stay as they are); throws an ExporterError on failure.
   */
  poll(target: Target, previousKey: string | undefined): Promise<TargetData | 'unchanged'>;
}

/** The first few problems of a rejected report, for one log line. */
export function summarizeProblems(problems: readonly string[]): string {
  return problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}
