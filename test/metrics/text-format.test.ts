import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../../src/collectors/index.js';
import { expositionEnd, familyHeader, sampleLine } from '../../src/metrics/text-format.js';

describe('the exposition writer', () => {
  describe('sample lines', () => {
    it('writes the name alone when there are no labels', () => {
      expect(sampleLine('up', {}, 1)).toBe('up 1\n');
    });

    it('writes the labels in their order, escaping backslash, quote and newline in values', () => {
      expect(sampleLine('x', { org: 'a', ide: 'say "hi"\\ to\nnewlines' }, 2)).toBe('x{org="a",ide="say \\"hi\\"\\\\ to\\nnewlines"} 2\n');
      // Each character alone too, since values without any of them are written as they are.
      expect(sampleLine('x', { a: 'back\\slash', b: 'quote"d', c: 'new\nline' }, 2)).toBe('x{a="back\\\\slash",b="quote\\"d",c="new\\nline"} 2\n');
    });

    it('leaves other text in label values as it is', () => {
      expect(sampleLine('x', { team: 'caf\u00e9 {braces}=, \ttab' }, 1)).toBe('x{team="caf\u00e9 {braces}=, \ttab"} 1\n');
    });

    it('writes prom-client label numbers (a bucket bound) as numbers', () => {
      expect(sampleLine('gc_bucket', { le: 0.005, kind: 'major' }, 3)).toBe('gc_bucket{le="0.005",kind="major"} 3\n');
    });

    it('formats values: NaN, infinities, negative zero, large and fractional numbers', () => {
      expect([NaN, Infinity, -Infinity, -0, 1e21, 2.5, -3].map((value) => sampleLine('v', {}, value))).toEqual(['v NaN\n', 'v +Inf\n', 'v -Inf\n', 'v 0\n', 'v 1e+21\n', 'v 2.5\n', 'v -3\n']);
    });

    it('appends the timestamp in seconds when given, zero included', () => {
      expect(sampleLine('x', { org: 'a' }, 4, 1767225600)).toBe('x{org="a"} 4 1767225600\n');
      expect(sampleLine('x', {}, 4, 0)).toBe('x 4 0\n');
    });
  });

  describe('family headers', () => {
    const gauge = { name: 'g', help: 'a \\ b\nc "d"', type: 'gauge' };

    it('escapes backslash and newline in HELP, but not quotes, in the 0.0.4 format', () => {
      expect(familyHeader(gauge, 'text')).toBe('# HELP g a \\\\ b\\nc "d"\n# TYPE g gauge\n');
    });

    it('escapes quotes in HELP too in OpenMetrics', () => {
      expect(familyHeader(gauge, 'openmetrics')).toBe('# HELP g a \\\\ b\\nc \\"d\\"\n# TYPE g gauge\n');
    });

    it('names a counter family without _total in OpenMetrics only', () => {
      const counter = { name: 'requests_total', help: 'Requests.', type: 'counter' };
      expect(familyHeader(counter, 'text')).toBe('# HELP requests_total Requests.\n# TYPE requests_total counter\n');
      expect(familyHeader(counter, 'openmetrics')).toBe('# HELP requests Requests.\n# TYPE requests counter\n');
      expect(familyHeader({ ...counter, type: 'gauge' }, 'openmetrics')).toBe('# HELP requests_total Requests.\n# TYPE requests_total gauge\n');
    });

    it('writes the same header in both formats for every Copilot family, so one snapshot serves both', () => {
      const copilot = DEFINITIONS.filter((definition) => definition.api !== 'exporter');
      expect(copilot.length).toBeGreaterThan(50);
      for (const family of copilot) expect(familyHeader(family, 'openmetrics'), family.name).toBe(familyHeader(family, 'text'));
    });
  });

  it('ends OpenMetrics with # EOF and the 0.0.4 format with nothing', () => {
    expect(expositionEnd('openmetrics')).toBe('# EOF\n');
    expect(expositionEnd('text')).toBe('');
  });
});
