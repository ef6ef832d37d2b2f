/** "Older than" as a regular expression over a version label (mixin/client-versions.ts), against a comparison written here. */
import { describe, expect, it } from 'vitest';
import { olderThan } from '../../mixin/client-versions.js';
import { mixinConfig } from '../../mixin/config.js';
import { randomInt, seededRandom } from '../fake-github/random.js';
import { reportSeedOnFailure, testSeed } from '../helpers/seed.js';

/** The oracle: dot-separated whole numbers compared part by part, a missing part read as 0; a suffix after `-` ignored. */
function isOlder(version: string, first: string): boolean {
  const parts = (text: string) => text.split('-')[0]!.split('.').map(Number);
  const [a, b] = [parts(version), parts(first)];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x < y;
  }
  return false;
}

/** Prometheus anchors a `=~` match at both ends. */
const matches = (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`).test(value);

describe('versions older than the first fully counted one', () => {
  it.each([
    ['1.139.0', ['1.138.2', '1.99.0', '1.9', '0.1.0', '1', '1.138.99-insider'], ['1.139.0', '1.139', '1.139.1', '1.140.0', '1.1390.0', '2.0.0', '10.0', '1.139.0-insider']],
    ['18.12', ['18.11.9', '17.14.16', '18', '9.0', '18.0.1'], ['18.12', '18.12.0', '18.12.1', '18.13', '19.0', '118.0']],
    ['2026.3', ['2026.2.1', '2025.9', '999.0'], ['2026.3', '2026.10', '2027.1']],
  ])('%s', (first, older, notOlder) => {
    const pattern = olderThan(first);
    for (const version of older) expect(matches(pattern, version), `${version} < ${first}`).toBe(true);
    for (const version of notOlder) expect(matches(pattern, version), `${version} ≥ ${first}`).toBe(false);
  });

  const seed = testSeed(20261006);
  it(`agrees with a part-by-part comparison on random versions (seed ${seed})`, () => {
    reportSeedOnFailure(seed);
    const random = seededRandom('older-than', String(seed));
    const part = () => String(random() < 0.3 ? randomInt(random, 0, 3) : randomInt(random, 0, 250));
    const version = () => Array.from({ length: randomInt(random, 1, 4) }, part).join('.');
    for (let i = 0; i < 300; i += 1) {
      const first = version();
      const pattern = olderThan(first);
      for (let j = 0; j < 30; j += 1) {
        const candidate = version();
        expect(matches(pattern, candidate), `${candidate} against ${first}`).toBe(isOlder(candidate, first));
      }
    }
  });

  it('says what is wrong with a version that is no dotted whole numbers', () => {
    expect(() => olderThan('1.x')).toThrow('1.x is not a version of whole numbers separated by dots');
  });

  it('holds the versions GitHub names, and no invented ones for the plugins it names only by month', () => {
    const firsts = Object.fromEntries(mixinConfig.fullyCountedClients.map((client) => [client.ide, client.first]));
    expect(firsts).toEqual({ vscode: '1.139.0', visualstudio: '18.12', jetbrains: null, eclipse: null, xcode: null });
  });
});
