/**
 * `npm run demo`, as a newcomer runs it: its banner suggests a family the source exports, its data
 * is of the day GitHub would have published last (so CopilotMetricsStale stays quiet), no team
 * exceeds its organization or enterprise, and a stop leaves nothing running and the port free.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { addDays, today } from '../../src/days.js';
import { isCopilotSeries, sampleKey } from '../helpers/exposition.js';
import { waitFor } from '../helpers/exporter-process.js';
import { expectGone, runNpmScript } from '../helpers/npm-script.js';
import { scrape } from '../helpers/scrape.js';
import { freePort } from '../helpers/tools.js';

// A supervisor (or `kill`) sends SIGTERM to npm alone; a terminal's Ctrl+C sends SIGINT to the whole foreground process group.
describe.each([
  { api: 'usage-metrics', signal: 'SIGTERM', to: 'npm' },
  { api: 'legacy-metrics', signal: 'SIGINT', to: 'process group' },
] as const)('npm run demo -- --api $api, stopped by $signal to the $to', ({ api, signal, to }) => {
  it('serves the family its banner names, for the day before yesterday, no team above its owner, and leaves nothing behind', async () => {
    const port = await freePort();
    const demo = runNpmScript('demo', ['--port', String(port), '--api', api, '--refresh', '3600']);
    const [, url, family] = await demo.line(/Try: +curl -s (http:\/\/\S+)\/metrics \| grep (\w+)/);
    expect(url).toBe(`http://127.0.0.1:${port}`);

    const scopes: Array<Record<string, string>> = [{ enterprise: 'acme' }, { org: 'acme-web' }, { org: 'acme-data' }];
    const teams: Array<Record<string, string>> = [{ enterprise: 'acme', team: 'ai-platform' }, { org: 'acme-web', team: 'platform' }, { org: 'acme-web', team: 'frontend' }];
    const { samples, values } = await waitFor('every target and team polled', async () => {
      const now = await scrape(url as string);
      const days = new Set(now.samples.filter((sample) => sample.name === 'github_copilot_metrics_day_timestamp_seconds').map((sample) => sampleKey('', sample.labels)));
      return [...scopes, ...teams].every((scope) => days.has(sampleKey('', scope))) ? now : undefined;
    }, 30_000);
    for (const scope of [...scopes, ...teams]) {
      expect(values.get(sampleKey(family as string, scope)), JSON.stringify(scope)).toBeGreaterThan(0);
      expect(values.get(sampleKey('github_copilot_metrics_day_timestamp_seconds', scope))).toBe(Date.parse(`${addDays(today(), -2)}T00:00:00Z`) / 1000);
    }
    // No team exceeds its organization or enterprise, on any series the owner has too: a team's size and its
    // members' AI credits have no organization series unless GitHub's entity report carries them (§4i).
    const teamOnly = new Set(['github_copilot_team_members', 'github_copilot_ai_credits_used']);
    for (const { name, labels, value } of samples.filter((sample) => sample.labels.team !== undefined && isCopilotSeries(sample.name))) {
      const { team, ...owner } = labels;
      if (teamOnly.has(name) && !values.has(sampleKey(name, owner))) continue;
      expect(value, `${name} of team ${team}`).toBeLessThanOrEqual(values.get(sampleKey(name, owner)) ?? 0);
    }

    process.kill(to === 'npm' ? (demo.child.pid as number) : -(demo.child.pid as number), signal);
    await expectGone(demo, [port], 10_000);
  }, 60_000);
});

describe('npm run demo on a busy port', () => {
  it('says so in the one line serve prints, naming PORT, and exits 2', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    onTestFinished(() => void taken.close());
    const port = (taken.address() as { port: number }).port;
    const demo = runNpmScript('demo', [], { PORT: String(port) });
    const [code] = (await once(demo.child, 'close')) as [number | null];
    expect(code).toBe(2);
    expect(demo.stderr.filter((line) => line.trim() !== '')).toEqual([`Configuration error: PORT ${port} is already in use on HOST 127.0.0.1 (EADDRINUSE): stop the other process, or set PORT to a free port.`]);
    expect(demo.stdout.filter((line) => line.trim() !== '')).toEqual([]);
    await expectGone(demo, [], 10_000);
  }, 60_000);
});
