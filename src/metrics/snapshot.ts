/**
 * The Copilot part of /metrics as of the last completed poll: immutable, rendered once, swapped in
 * whole. Scrapes only read `current()`; the poller is the only caller of `swap()`.
 */
import { type RenderedFamilies, joinFamilies } from './exposition.js';

export interface CopilotSnapshot {
  /** Exposition text of every Copilot family (valid as 0.0.4 text and as OpenMetrics without `# EOF`). */
  readonly text: string;
  readonly series: number;
}

export const EMPTY_SNAPSHOT: CopilotSnapshot = Object.freeze({ text: '', series: 0 });

export function buildSnapshot(targets: readonly RenderedFamilies[]): CopilotSnapshot {
  return Object.freeze(joinFamilies(targets));
}

export class SnapshotStore {
  private snapshot: CopilotSnapshot = EMPTY_SNAPSHOT;

  current(): CopilotSnapshot {
    return this.snapshot;
  }

  swap(next: CopilotSnapshot): void {
    this.snapshot = next;
  }
}
