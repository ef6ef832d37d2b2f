/**
 * How a long-running command ends: on SIGINT (Ctrl+C), on SIGTERM, and, when asked, as soon as the
 * process that started it is gone. The last is for npm (`npm start`, `npm run demo`): a supervisor that
 * kills npm outright (SIGKILL) leaves its script running under PID 1, holding its port, and npm's own
 * SIGTERM reaches the script only when the script's shell exec'd it. A second signal ends the process at
 * once (the handlers are `once`, then Node's default applies).
 */
export type StopCause = 'SIGINT' | 'SIGTERM' | 'parent exited';

export function stopOnSignals(stop: (cause: StopCause) => Promise<void>, { withParent }: { withParent: boolean }): void {
  const parent = process.ppid;
  let stopping = false;
  const end = (cause: StopCause) => {
    if (stopping) return;
    stopping = true;
    stop(cause).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => end('SIGINT'));
  process.once('SIGTERM', () => end('SIGTERM'));
  if (!withParent) return;
  // Node cannot ask to die with its parent (Linux's PR_SET_PDEATHSIG; macOS has nothing like it), but an
  // orphan's parent id changes (to 1, or to a subreaper), on both.
  setInterval(() => {
    if (process.ppid !== parent) end('parent exited');
  }, 200).unref();
}
