/**
 * How `npm run demo` and `npm run fake-github` end: on SIGINT (Ctrl+C), on SIGTERM, or as soon as the
 * process that started them is gone. The last is for npm: it passes a SIGTERM on to the shell it runs
 * the script in, and the shell dies without passing it on, which left the demo running and holding its
 * port. A second signal ends the process at once (the handlers are `once`, then Node's default applies).
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  const parent = process.ppid;
  let stopping = false;
  const end = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  // Node cannot ask to die with its parent (Linux's PR_SET_PDEATHSIG), but an orphan's parent id changes.
  setInterval(() => {
    if (process.ppid !== parent) end();
  }, 200).unref();
}
