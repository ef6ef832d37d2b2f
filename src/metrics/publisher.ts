/**
 * Serves new series as soon as they are rendered, without rebuilding the snapshot once per change.
 *
 * Collectors finish at different times within a poll; waiting for the slowest (a large users report)
 * before serving any would let one collector delay the others' series. `publish()` asks for a snapshot
 * that includes everything rendered so far and resolves once one is swapped in. At most one rebuild
 * runs at a time, and requests made while it runs are served together by the next one, so a poll in
 * which every target changes costs a few rebuilds, not one per target.
 */
import type { Logger } from '../log.js';
import type { RenderedFamilies } from './exposition.js';
import { type SnapshotStore, buildSnapshot } from './snapshot.js';

export class SnapshotPublisher {
  /** Counts publish() calls; `served` is the count the snapshot now served had seen. */
  private requested = 0;
  private served = 0;
  private rebuilding: Promise<void> | undefined;

  constructor(
    private readonly store: SnapshotStore,
    /** Every (target, collector)'s rendered series, in exposition order, as they are now. */
    private readonly renderedSeries: () => RenderedFamilies[],
    private readonly logger: Logger,
  ) {}

  async publish(): Promise<void> {
    const wanted = ++this.requested;
    while (this.served < wanted) {
      this.rebuilding ??= this.rebuild().finally(() => {
        this.rebuilding = undefined;
      });
      await this.rebuilding;
    }
  }

  private async rebuild(): Promise<void> {
    // Everything rendered before this point is in `renderedSeries()`: renders are synchronous and precede publish().
    const covers = this.requested;
    const started = Date.now();
    const snapshot = await buildSnapshot(this.renderedSeries());
    this.store.swap(snapshot);
    this.served = covers;
    this.logger.info({ series: snapshot.series, bytes: snapshot.length, compressedBytes: snapshot.deflated.deflated.length, renderMs: Date.now() - started }, 'snapshot swapped in');
  }
}
