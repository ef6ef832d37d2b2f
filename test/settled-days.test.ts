/** The one definition of settled and provisional days (docs/contract.md §4g), at its day boundaries. */
import { describe, expect, it } from 'vitest';
import { isSettled, settledFrom, settlesOn } from '../src/settled-days.js';

const at = (iso: string) => Date.parse(iso);

describe('settled days', () => {
  it('with the default three settle days, day D settles at 00:00 UTC of D+4: once D+1, D+2 and D+3 have passed in full', () => {
    expect(settlesOn('2026-12-03', 3)).toBe('2026-12-07');
    expect(settledFrom('2026-12-03', 3)).toBe(at('2026-12-07T00:00:00Z'));
    expect(isSettled('2026-12-03', at('2026-12-06T23:59:59.999Z'), 3)).toBe(false);
    expect(isSettled('2026-12-03', at('2026-12-07T00:00:00Z'), 3)).toBe(true);
    expect(isSettled('2026-12-03', at('2026-12-03T12:00:00Z'), 3)).toBe(false);
  });

  it.each([
    [0, '2026-12-04'],
    [1, '2026-12-05'],
    [7, '2026-12-11'],
  ])('with SETTLE_DAYS=%i, 2026-12-03 settles on %s', (days, on) => {
    expect(settlesOn('2026-12-03', days)).toBe(on);
    expect(isSettled('2026-12-03', at(`${on}T00:00:00Z`) - 1, days)).toBe(false);
    expect(isSettled('2026-12-03', at(`${on}T00:00:00Z`), days)).toBe(true);
  });

  it('counts across month and year ends and leap days', () => {
    expect(settlesOn('2026-12-30', 3)).toBe('2027-01-03');
    expect(settlesOn('2028-02-27', 3)).toBe('2028-03-02');
  });
});
