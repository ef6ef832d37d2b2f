/**
 * A token GitHub does not accept, end to end with the defaults (usage, people, repositories and seats on):
 * the first poll says it once per target, in the main report's warning, and nothing more.
 */
import { describe, expect, it } from 'vitest';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { waitForLog } from '../helpers/exporter-process.js';

describe('a bad token', () => {
  it('is exactly one warning per target in the first poll', async () => {
    const fake = await fakeGitHubForTest();
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: 'ghp_notTheTokenTheFakeAccepts000000000000', COPILOT_ENTERPRISES: 'acme', COPILOT_ORGS: 'acme-web,acme-data', REFRESH_INTERVAL: '3600' });
    // Written after every collector of every target has been attempted.
    await waitForLog(exporter, '"msg":"poll complete"');
    const warnings = exporter.stdout.filter((line) => line.includes('"level":"warn"'));
    expect(warnings.map((line) => (JSON.parse(line) as { target: string }).target).sort()).toEqual(['enterprise:acme', 'org:acme-data', 'org:acme-web']);
    for (const line of warnings) expect(line).toContain('the usage collector of');
  });
});
