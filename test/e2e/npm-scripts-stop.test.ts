/**
 * `npm start` and `npm run demo` end with npm, however npm ends: signalled by a supervisor (SIGTERM to
 * npm's own PID, which npm passes on to its script) or killed outright (SIGKILL, which it cannot pass
 * on). Within 10 seconds nothing of the process tree is left and the port is free.
 */
import { describe, expect, it } from 'vitest';
import { fakeGitHubForTest } from '../helpers/e2e.js';
import { expectGone, runNpmScript } from '../helpers/npm-script.js';
import { freePort } from '../helpers/tools.js';

const STOPS = ['SIGTERM', 'SIGKILL'] as const;

describe.each(STOPS)('npm start, npm given %s', (signal) => {
  it('leaves no process and a free port within 10 s', async () => {
    const fake = await fakeGitHubForTest({ entities: [{ kind: 'org', slug: 'quick', id: 3, seats: 3 }] });
    const port = await freePort();
    const env = { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'quick', HOST: '127.0.0.1', PORT: String(port) };
    // The script builds first: the limit covers tsc on a loaded machine.
    const start = runNpmScript('start', [], env);
    const [listening] = await start.line(/^\{.*"msg":"github-copilot-exporter listening"\}$/, 90_000);
    expect(JSON.parse(listening as string)).toMatchObject({ url: `http://127.0.0.1:${port}` });

    process.kill(start.child.pid as number, signal);
    await expectGone(start, [port], 10_000);
  }, 120_000);
});

describe.each(STOPS)('npm run demo, npm given %s', (signal) => {
  it('leaves no process and a free port within 10 s', async () => {
    const port = await freePort();
    const demo = runNpmScript('demo', ['--port', String(port), '--refresh', '3600']);
    await demo.line(/Metrics: +http:\/\/127\.0\.0\.1:\d+\/metrics/);

    process.kill(demo.child.pid as number, signal);
    await expectGone(demo, [port], 10_000);
  }, 60_000);
});
