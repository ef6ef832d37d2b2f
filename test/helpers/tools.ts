/**
 * Outside tools the tests use for real (promtool, prometheus). In CI they must exist: a test that
 * needs one always runs there and fails if it is missing. Locally, without the tool, such tests are
 * reported as skipped (visible in the summary), never passed silently.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

function has(command: string, versionArgs: string[]): boolean {
  return spawnSync(command, versionArgs, { stdio: 'ignore' }).status === 0;
}

/** helm: $HELM, or the binary scripts/fetch-helm.sh puts in .tmp/bin, or one on PATH. */
export const HELM = process.env.HELM ?? (existsSync(new URL('../../.tmp/bin/helm', import.meta.url)) ? fileURLToPath(new URL('../../.tmp/bin/helm', import.meta.url)) : 'helm');

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** `it` when the tool is here or we are in CI; `it.skip` (reported as skipped) otherwise. */
export function itWithTool(command: string, versionArgs = ['--version']) {
  return has(command, versionArgs) || IN_CI ? it : it.skip;
}

export interface ToolResult {
  status: number | null;
  output: string;
}

/** `promtool check metrics` over the given exposition text. */
export function promtoolCheckMetrics(text: string): ToolResult {
  const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * promtool's linter wants base units, but docs/contract.md §4a fixes these names (from GitHub's
 * `pull_requests.median_minutes_to_merge*` and `pull_requests.avg_pull_requests_minutes_to_review`
 * fields, and the adoption phases' averages of minutes), §4e the repository one of the same field, and
 * §4i the review stages' medians and 90th percentiles (`pull_request_review_times[]`); every other
 * finding fails the tests.
 */
export const CONTRACT_FIXED_LINT = [
  'github_copilot_pull_requests_median_minutes_to_merge use base unit "seconds" instead of "minutes"',
  'github_copilot_pull_requests_median_minutes_to_merge_copilot_authored use base unit "seconds" instead of "minutes"',
  'github_copilot_pull_requests_median_minutes_to_merge_copilot_reviewed use base unit "seconds" instead of "minutes"',
  'github_copilot_pull_requests_avg_pull_requests_minutes_to_review use base unit "seconds" instead of "minutes"',
  'github_copilot_avg_pull_requests_median_minutes_to_merge_by_ai_adoption_phase use base unit "seconds" instead of "minutes"',
  'github_copilot_avg_pull_requests_minutes_to_review_by_ai_adoption_phase use base unit "seconds" instead of "minutes"',
  'github_copilot_repository_pull_requests_median_minutes_to_merge_copilot_authored use base unit "seconds" instead of "minutes"',
  ...['median', 'p90'].flatMap((figure) =>
    ['ready_to_first_review', 'first_to_final_review', 'final_review_to_merge'].map(
      (stage) => `github_copilot_repository_pull_request_review_times_${figure}_minutes_${stage} use base unit "seconds" instead of "minutes"`,
    ),
  ),
];

/** A loopback port nothing listens on right now, for outside programs (Prometheus) that need one up front. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
