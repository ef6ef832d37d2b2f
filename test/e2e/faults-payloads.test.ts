/**
 * Bad payloads, end to end: a bad report never replaces good data, every rejection is counted as
 * invalid_response, hostile label values are escaped, and the cardinality guard caps what it must.
 */
import { describe, expect, it } from 'vitest';
import { generateEntityReport } from '../fake-github/usage-report.js';
import { sampleKey } from '../helpers/exposition.js';
import { waitFor, waitForLog } from '../helpers/exporter-process.js';
import { type Scenario, errors, startScenario, up } from '../helpers/scenario.js';
import type { Scraped } from '../helpers/scrape.js';
import { CONTRACT_FIXED_LINT, itWithTool, promtoolCheckMetrics } from '../helpers/tools.js';

/** The flaky organization's report file for the next day, as one NDJSON row with this day row. */
function reportLine(day: string, dayRow: Record<string, unknown>): string {
  return `${JSON.stringify({ report_start_day: day, report_end_day: day, organization_id: '42', day_totals: [{ day, ...dayRow }] })}\n`;
}

async function rejectedKeepingGoodData(s: Scenario, fault: Parameters<Scenario['fake']['addFault']>[0]): Promise<void> {
  const good = await s.copilotOf('flaky');
  const before = errors((await s.metrics()).values, 'flaky', 'invalid_response');
  s.fake.addFault(fault);
  s.fake.advanceDay();
  const values = await s.until('the bad report rejected', (map) => errors(map, 'flaky', 'invalid_response') > before, 30_000);
  expect(up(values, 'flaky')).toBe(0);
  expect(await s.copilotOf('flaky')).toEqual(good);
  expect(s.exporter.child.exitCode).toBeNull();
}

describe('bad payloads', () => {
  it.each([
    ['a truncated NDJSON file', { truncate: true }],
    ['a line that is not JSON', { replaceBody: '{"day_totals": []}\nthis is not json\n' }],
    ['a string where a number belongs', { replaceBody: reportLine('2026-11-21', { daily_active_users: 'twelve' }) }],
    ['a negative count', { replaceBody: reportLine('2026-11-21', { loc_added_sum: -5 }) }],
    ['a number too large to be finite', { replaceBody: reportLine('2026-11-21', { loc_added_sum: 1 }).replace('"loc_added_sum":1', '"loc_added_sum":1e999') }],
  ])('rejects %s and keeps the good values', async (_case, fault) => {
    const scenario = await startScenario();
    await rejectedKeepingGoodData(scenario, { on: 'download', pathIncludes: '/org/flaky/', ...fault });
  }, 60_000);

  // The caps guard against a broken download host, not against large organizations (their defaults
  // accept multi-GB reports): proven here with caps set low, as an operator may.
  it.each([
    ['a file over REPORT_MAX_BYTES, by its Content-Length', { REPORT_MAX_BYTES: String(100 * 1024 * 1024) }, { streamBytes: 200 * 1024 * 1024 }, 'is larger than 104857600 bytes (REPORT_MAX_BYTES)'],
    ['a file over REPORT_MAX_BYTES, streamed without Content-Length', { REPORT_MAX_BYTES: String(100 * 1024 * 1024) }, { streamBytes: 200 * 1024 * 1024, chunked: true }, 'is larger than 104857600 bytes (REPORT_MAX_BYTES)'],
    ['a line over REPORT_MAX_LINE_BYTES', { REPORT_MAX_LINE_BYTES: String(2 * 1024 * 1024) }, { replaceBody: `{"pad":"${'x'.repeat(3_000_000)}"}\n` }, 'has a line longer than 2097152 bytes (line 1, REPORT_MAX_LINE_BYTES)'],
  ])('rejects %s and keeps the good values', async (_case, env, fault, message) => {
    const scenario = await startScenario({}, env);
    await rejectedKeepingGoodData(scenario, { on: 'download', pathIncludes: '/org/flaky/', ...fault });
    // Logged just after the failure is counted.
    await waitForLog(scenario.exporter, message);
  }, 60_000);

  it('caps 100,000 distinct label values per family, and logs and counts what it drops', async () => {
    const s = await startScenario({}, { MAX_SERIES_PER_FAMILY: '5000' });
    const day = '2026-11-21';
    const languages = Array.from({ length: 100_000 }, (_, i) => ({ language: `lang-${i}`, model: 'gpt-4.1', loc_added_sum: i % 97 }));
    const rows = generateEntityReport({ kind: 'org', slug: 'flaky', id: 42, seats: 15 }, day, { historyDays: 1 });
    (rows[0]!.day_totals as Array<Record<string, unknown>>)[0]!.totals_by_language_model = languages;
    s.fake.advanceDay();
    s.fake.setReport('org', 'flaky', rows);
    const dayTimestamp = Date.parse(`${day}T00:00:00Z`) / 1000;
    const values = await s.until('the capped day served', (map) => map.get(sampleKey('github_copilot_metrics_day_timestamp_seconds', { org: 'flaky' })) === dayTimestamp, 60_000);
    expect(values.get(sampleKey('github_copilot_exporter_dropped_series_total', { org: 'flaky' }))).toBe(95_000);
    expect(up(values, 'flaky')).toBe(1);
    const kept = [...values.keys()].filter((key) => key.startsWith('github_copilot_loc_added_by_language_model{') && key.includes('"org":"flaky"'));
    expect(kept).toHaveLength(5000);
    await waitForLog(s.exporter, 'cardinality guard dropped 95000 series (MAX_SERIES_PER_FAMILY)');
  }, 90_000);

  itWithTool('promtool')('escapes quotes, backslashes, newlines and bytes that are not UTF-8 in label values', async () => {
    const s = await startScenario();
    const day = '2026-11-21';
    const hostile = ['say "hi"', 'back\\slash', 'two\nlines', 'C:\\path\\"x"'];
    const row = reportLine(day, { totals_by_ide: [...hostile, 'BYTE'].map((ide, i) => ({ ide, loc_added_sum: i + 1 })) });
    // A 0xFF byte where "BYTE" stood: the file is not valid UTF-8 there.
    const bytes = Buffer.from(row);
    const at = bytes.indexOf('BYTE');
    const broken = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at + 4)]);
    s.fake.addFault({ on: 'download', pathIncludes: '/org/flaky/', replaceBodyBytes: broken });
    s.fake.advanceDay();
    const { text, samples } = await waitForIdes(s);
    const ides = samples
      .filter((sample) => sample.name === 'github_copilot_loc_added_by_ide' && sample.labels.org === 'flaky')
      .map((sample) => sample.labels.ide);
    expect(ides.sort()).toEqual([...hostile, '\ufffd'].sort());
    const findings = promtoolCheckMetrics(text).output.split('\n').filter(Boolean);
    expect(findings.filter((line) => !CONTRACT_FIXED_LINT.includes(line))).toEqual([]);
  }, 60_000);
});

function waitForIdes(s: Scenario): Promise<Scraped> {
  return waitFor('the hostile labels', async () => {
    const scraped = await s.metrics();
    return scraped.text.includes('ide="say \\"hi\\""') ? scraped : undefined;
  }, 20_000);
}
