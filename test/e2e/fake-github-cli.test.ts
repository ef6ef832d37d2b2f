/**
 * `npm run fake-github -- --port N`: the fake GitHub API alone, on the ports asked for, whose printed
 * command line runs the exporter against it, and which a SIGTERM stops leaving nothing behind.
 */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { addDays, today } from '../../src/days.js';
import { sampleKey } from '../helpers/exposition.js';
import { exporterForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { waitFor } from '../helpers/exporter-process.js';
import { expectGone, runNpmScript } from '../helpers/npm-script.js';
import { freePort } from '../helpers/tools.js';

describe('npm run fake-github', () => {
  it('listens on the given ports, prints an exporter command line that works, and stops on SIGTERM', async () => {
    const port = await freePort();
    let downloadPort = await freePort();
    while (downloadPort === port) downloadPort = await freePort();
    const fake = runNpmScript('fake-github', ['--port', String(port), '--download-port', String(downloadPort)]);
    const [command] = await fake.line(/^ *GITHUB_API_URL=\S+ .* npm start$/);
    const settings = Object.fromEntries((command as string).trim().split(/ +/).slice(0, -2).map((pair) => pair.split('=', 2) as [string, string]));
    expect(settings).toMatchObject({ GITHUB_API_URL: `http://127.0.0.1:${port}`, COPILOT_ENTERPRISES: 'acme', COPILOT_ORGS: 'acme-web,acme-data' });
    const day = addDays(today(), -2);

    // It answers as GitHub does, with its token, links to the download port and the day before yesterday.
    const links = await fetch(`${settings.GITHUB_API_URL}/orgs/acme-web/copilot/metrics/reports/organization-28-day/latest`, { headers: { authorization: `Bearer ${settings.GITHUB_TOKEN}` } });
    expect(links.status).toBe(200);
    const report = (await links.json()) as { download_links: string[]; report_end_day: string };
    expect(report.report_end_day).toBe(day);
    expect(new URL(report.download_links[0] as string).origin).toBe(`http://localhost:${downloadPort}`);
    expect((await fetch(report.download_links[0] as string)).status).toBe(200);

    // The printed settings are all the exporter needs.
    const exporter = await exporterForTest(settings as Record<string, string>);
    // The targets are polled side by side: wait for each one's series, the enterprise's too, before reading any.
    const targets: Array<Record<string, string>> = [{ enterprise: 'acme' }, { org: 'acme-web' }, { org: 'acme-data' }];
    const values = await waitFor('every target polled', async () => {
      const now = await scrapeValues(exporter.url);
      return targets.every((scope) => now.has(sampleKey('github_copilot_daily_active_users', scope))) ? now : undefined;
    }, 30_000);
    expect(values.get(sampleKey('github_copilot_metrics_day_timestamp_seconds', { enterprise: 'acme' }))).toBe(Date.parse(`${day}T00:00:00Z`) / 1000);
    expect(values.get(sampleKey('github_copilot_exporter_target_up', { enterprise: 'acme' }))).toBe(1);

    process.kill(fake.child.pid as number, 'SIGTERM');
    await expectGone(fake, [port, downloadPort]);
  }, 60_000);

  it('says so and exits 2 when its port is taken', async () => {
    const first = runNpmScript('fake-github', []);
    const [, taken] = await first.line(/^Fake GitHub API: http:\/\/127\.0\.0\.1:(\d+)/);
    const second = runNpmScript('fake-github', ['--port', taken as string]);
    const [code] = (await once(second.child, 'close')) as [number | null];
    expect(code).toBe(2);
    expect(second.stderr.join('\n')).toContain(`fake-github: cannot listen on port ${taken} or ${Number(taken) + 1} of 127.0.0.1 (EADDRINUSE): choose others with --port and --download-port.`);
    process.kill(first.child.pid as number, 'SIGTERM');
    await expectGone(first, [Number(taken)]);
  }, 60_000);
});
