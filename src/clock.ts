/** Time as the exporter reads and spends it, behind an interface so that tests can run waits and timestamps on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A sleep that another part may end early (at shutdown), leaving no timer behind. */
export interface WakeableSleep {
  /** Resolves when the time is up or wake() was called, whichever comes first. */
  slept: Promise<void>;
  wake(): void;
}

export function wakeableSleep(ms: number): WakeableSleep {
  let wake = () => {};
  const slept = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { slept, wake };
}
