/**
 * Preloaded into the exporter process (`--import`) to move its clock on without waiting days: Date.now()
 * answers the real time plus the milliseconds written in the file named by FAKE_CLOCK_SHIFT_FILE (0 while
 * it is absent), read on every call, so that a test can let provisional days settle in the middle of a run.
 * Timers are not shifted: polls still come every REFRESH_INTERVAL of real time.
 */
import { readFileSync } from 'node:fs';

const shiftFile = process.env.FAKE_CLOCK_SHIFT_FILE;
const realNow = Date.now.bind(Date);

function shift(): number {
  if (shiftFile === undefined) return 0;
  try {
    return Number(readFileSync(shiftFile, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

Date.now = () => realNow() + shift();
