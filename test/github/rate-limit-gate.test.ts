import { describe, expect, it } from 'vitest';
import { latest28DayReport, seatList } from '../../src/github/endpoints.js';
import { RateLimitGate } from '../../src/github/rate-limit-gate.js';
import { FakeClock, capturingLogger, silentLogger } from '../helpers/fakes.js';
import { rejection } from '../helpers/nock.js';

const report = latest28DayReport({ kind: 'org', slug: 'octo-org' });
const seats = seatList({ kind: 'enterprise', slug: 'octo-ent' });
const REQUEST = 'GET https://api.github.test/orgs/octo-org/copilot/metrics/reports/organization-28-day/latest';

function makeGate(maxWaitMs = 120_000) {
  const clock = new FakeClock();
  const gate = new RateLimitGate({ clock, random: () => 0.5, maxWaitMs, logger: silentLogger });
  return { clock, gate };
}

describe('RateLimitGate', () => {
  it('lets requests through without waiting while GitHub has not limited them', async () => {
    const { clock, gate } = makeGate();
    expect(gate.limited(200, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1795550000' }, '{}')).toBe(false);
    await gate.wait(report, REQUEST);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not take a 403 without a rate-limit signal, or a 5xx, for a rate limit', () => {
    const { gate } = makeGate();
    expect(gate.limited(403, {}, '{"message":"Resource not accessible by integration"}')).toBe(false);
    expect(gate.limited(503, { 'retry-after': '5' }, '')).toBe(false);
  });

  it('after a 429 with retry-after, holds back every request, of any endpoint, that long', async () => {
    const { clock, gate } = makeGate();
    expect(gate.limited(429, { 'retry-after': '30' }, '')).toBe(true);
    await gate.wait(seats, REQUEST);
    expect(clock.sleeps).toEqual([30_000]);
    // The pause is over for everyone once it has been slept out.
    await gate.wait(report, REQUEST);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('waits until x-ratelimit-reset, plus a second, when the primary limit is spent', async () => {
    const { clock, gate } = makeGate();
    const reset = Math.floor(clock.now() / 1000) + 90;
    expect(gate.limited(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, '{"message":"API rate limit exceeded"}')).toBe(true);
    await gate.wait(report, REQUEST);
    expect(clock.sleeps).toEqual([reset * 1000 + 1000 - Date.parse('2026-11-24T12:00:00Z')]);
  });

  it('backs a secondary limit without headers off a minute and more, longer while it keeps coming, and starts over after a good answer', async () => {
    const { clock, gate } = makeGate(10 * 60_000);
    const secondary = '{"message":"You have exceeded a secondary rate limit"}';
    gate.limited(403, {}, secondary);
    await gate.wait(report, REQUEST);
    gate.limited(403, {}, secondary);
    await gate.wait(report, REQUEST);
    gate.limited(200, {}, '{}');
    gate.limited(403, {}, secondary);
    await gate.wait(report, REQUEST);
    // One minute doubling, plus up to a minute at random (random() = 0.5 here).
    expect(clock.sleeps).toEqual([90_000, 150_000, 90_000]);
  });

  it('never shortens a pause: a later, shorter retry-after waits for the longer one', async () => {
    const { clock, gate } = makeGate();
    gate.limited(429, { 'retry-after': '60' }, '');
    gate.limited(429, { 'retry-after': '5' }, '');
    await gate.wait(report, REQUEST);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('fails as rate_limited, without sleeping, when the pause is longer than the bound, until the pause has passed', async () => {
    const { clock, gate } = makeGate(120_000);
    gate.limited(429, { 'retry-after': '3600' }, '');
    const error = await rejection(gate.wait(seats, REQUEST));
    expect(error.reason).toBe('rate_limited');
    expect(error.details).toMatchObject({ endpoint: seats.template });
    expect(error.message).toBe(`GitHub's rate limit is exhausted (${REQUEST}).`);
    expect(error.describe()).toContain(`Requests pause until ${new Date(Date.parse('2026-11-24T13:00:00Z')).toISOString()}`);
    expect(clock.sleeps).toEqual([]);
    clock.time += 3600_000;
    await gate.wait(seats, REQUEST);
    expect(clock.sleeps).toEqual([]);
  });

  it('says so in the log when it holds a request back', async () => {
    const { logger, lines } = capturingLogger([], 'info');
    const gate = new RateLimitGate({ clock: new FakeClock(), random: () => 0.5, maxWaitMs: 120_000, logger });
    gate.limited(429, { 'retry-after': '2' }, '');
    await gate.wait(report, REQUEST);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ msg: 'rate limited by GitHub; waiting', endpoint: report.template, waitMs: 2000 }),
    ]);
  });
});
