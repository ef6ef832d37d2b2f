/**
 * Serves new series as soon as they are rendered, without rebuilding the snapshot once per change.
 *
 * Collectors finish at different times within a poll; waiting for the slowest (a large users report)
 * before serving any would let one collector delay the others' series. `publish()` asks for a snapshot
 * that includes everything rendered so far and resolves once one is swapped in. At most one rebuild
 * runs at a time, and requests made while it runs, or while the next one waits its turn, are served
 * together by the next one.
 *
 * A rebuild copies the whole snapshot (and deflates what changed, see snapshot.ts), so each one waits as
 * long as the previous one took before it starts: rebuilds take at most half of a poll's time, and as the
 * snapshot grows they come further apart, so a poll in which every target changes costs a bounded number
 * of rebuilds (the bench counts them), not one per target and collector. Small snapshots, such as the
 * first series of a poll, are still served within milliseconds. The wait is short because the poller
 * waits for it: a collector's attempt ends once its series are served.
 */
import type { Logger } from '../log.js';
import type { RenderedFamilies } from './exposition.js';
import { SnapshotBuilder, type SnapshotStore } from './snapshot.js';

export class SnapshotPublisher {
  /** Counts publish() calls; `served` is the count the snapshot now served had seen. */
  private requested = 0;
  private served = 0;
  private rebuilding: Promise<void> | undefined;
  /** When the next rebuild may start (ms since the epoch). */
  private nextStart = 0;
  private readonly builder = new SnapshotBuilder();

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
    const wait = this.nextStart - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
    // Everything rendered before this point is in `renderedSeries()`: renders are synchronous and precede publish().
    const covers = this.requested;
    const started = Date.now();
    const { snapshot, blocks, deflatedBlocks } = await this.builder.build(this.renderedSeries());
    this.store.swap(snapshot);
    this.served = covers;
    const renderMs = Date.now() - started;
    this.nextStart = Date.now() + renderMs;
    this.logger.info({ series: snapshot.series, bytes: snapshot.length, compressedBytes: snapshot.deflated.length, blocks, deflatedBlocks, renderMs }, 'snapshot swapped in');
  }
}
