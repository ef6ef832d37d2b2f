/**
 * Backfill progress for people: on a terminal, a progress bar (collector-days done: one collector's one
 * day of one target each, ETA, GitHub API budget left);
 * elsewhere (CI, pipes) one line per tenth of the work, so logs stay short.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(budget: number | undefined): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const shown = (budget: number | undefined) => ({ budget: budget === undefined ? 'unknown' : String(budget) });
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'backfill [{bar}] {value}/{total} collector-days | ETA {eta_formatted} | GitHub API budget left {budget}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, shown(undefined));
    return { tick: (budget) => bar.increment(1, shown(budget)), stop: () => bar.stop() };
  }
  let done = 0;
  const started = Date.now();
  return {
    tick(budget) {
      done += 1;
      if (done === total || Math.floor((done * 10) / total) > Math.floor(((done - 1) * 10) / total)) {
        const eta = done < total ? Math.round(((Date.now() - started) / done) * (total - done) / 1000) : 0;
        stream.write(`backfill: ${done}/${total} collector-days, ETA ${eta}s, GitHub API budget left ${shown(budget).budget}\n`);
      }
    },
    stop() {},
  };
}
