/** Small fakes shared by unit tests: a clock that advances when slept on, a silent logger, a recording observer. */
import { Writable } from 'node:stream';
import type { Clock } from '../../src/clock.js';
import type { ClientObserver } from '../../src/github/client-observer.js';
import type { Credentials } from '../../src/github/credentials.js';
import type { RateLimitInfo } from '../../src/github/rate-limit.js';
import { createLogger, type Logger } from '../../src/log.js';

/** FakeClock's time unless a test sets another. */
export const FAKE_NOW = Date.parse('2026-11-24T12:00:00Z');

/** A day-keyed collector's token for `day`, read at FakeClock's start. */
export const readOn = (day: string) => ({ day, readAt: FAKE_NOW });

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = FAKE_NOW) {}
  now = () => this.time;
  sleep = async (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
  };
}

export class RecordingObserver implements ClientObserver {
  readonly requests: Array<{ endpoint: string; code: string }> = [];
  readonly rateLimits: RateLimitInfo[] = [];
  onRequest(endpoint: string, code: string) {
    this.requests.push({ endpoint, code });
  }
  onRateLimit(info: RateLimitInfo) {
    this.rateLimits.push(info);
  }
}

/** A fixed token, as GITHUB_TOKEN gives. */
export function staticCredentials(token: string): Credentials {
  return { token: async () => token, secrets: () => [token] };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });

/** A logger whose JSON lines are collected, for tests that read what was logged. */
export function capturingLogger(secrets: string[] = [], level: 'debug' | 'info' = 'debug'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level, secrets: () => secrets, destination }), lines };
}
