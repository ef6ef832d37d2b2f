/**
 * Active users by client version (ClientVersionCounts, docs/contract.md §4i): on GitHub's user-level
 * example, on hand-made rows, and on random rows against an oracle written here.
 */
import { describe, expect, it } from 'vitest';
import { ClientVersionCounts } from '../../src/metrics/map/client-versions.js';
import type { Row } from '../../src/metrics/map/report-values.js';
import { type Random, pick, randomInt, seededRandom } from '../fake-github/random.js';
import { valuesOf as values } from '../helpers/exposition.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { reportSeedOnFailure, testSeed } from '../helpers/seed.js';

const day = '2026-11-20';
const scope = { org: 'octo' };

function count(rows: readonly Row[], onDay = day): Record<string, number> {
  const counts = new ClientVersionCounts(onDay, scope);
  for (const row of rows) counts.offer(row);
  return values(counts.finish());
}

describe('client versions of GitHub’s user-level example', () => {
  it('counts its user once per IDE, plugin and CLI version, leaving out the empty plugin', () => {
      const rows = readGitHubExample<Row[]>('docs-example-usage-metrics-user-level.json');
      const exampleDay = String(rows[0]?.day);
      const counts = new ClientVersionCounts(exampleDay, { enterprise: 'octo-ent' });
      for (const row of rows) counts.offer(row);
      expect(values(counts.finish())).toEqual({
        'github_copilot_users_by_ide_version{"enterprise":"octo-ent","ide":"vscode","ide_version":"1.85.0"}': 1,
        // GitHub's example leaves plugin and plugin_version empty: no such labels.
        'github_copilot_users_by_plugin_version{"enterprise":"octo-ent","ide":"vscode"}': 1,
        'github_copilot_users_by_cli_version{"enterprise":"octo-ent","cli_version":"1.0.8"}': 1,
      });
  });
});

const ide = (name: string, ideVersion?: unknown, plugin?: Row) => ({
  ide: name,
  loc_added_sum: 1,
  ...(ideVersion === undefined ? {} : { last_known_ide_version: { ide_version: ideVersion, sampled_at: `${day}T09:00:00Z` } }),
  ...(plugin === undefined ? {} : { last_known_plugin_version: { ...plugin, sampled_at: `${day}T09:00:00Z` } }),
});
const row = (id: number, extra: Row): Row => ({ day, user_id: id, user_login: `u${id}`, ...extra });

describe('client versions of hand-made rows', () => {
  it('counts users, each once per series, and a user listed twice once', () => {
    const result = count([
      row(1, { totals_by_ide: [ide('vscode', '1.139.0', { plugin: 'copilot-chat', plugin_version: '0.40.0' }), ide('vscode', '1.139.0', { plugin: 'copilot-chat', plugin_version: '0.40.0' })] }),
      row(2, { totals_by_ide: [ide('vscode', '1.138.2', { plugin: 'copilot-chat', plugin_version: '0.40.0' })], totals_by_cli: { session_count: 1, last_known_cli_version: { cli_version: '1.0.64' } } }),
      row(2, { totals_by_ide: [ide('jetbrains', '2026.3')] }),
      row(3, { totals_by_ide: [ide('vscode', '', { plugin: '', plugin_version: '' }), ide('neovim')], totals_by_cli: { session_count: 2 } }),
      { ...row(4, { totals_by_ide: [ide('vscode', '1.139.0')] }), day: '2026-11-19' },
    ]);
    expect(result).toEqual({
      'github_copilot_users_by_ide_version{"org":"octo","ide":"vscode","ide_version":"1.139.0"}': 1,
      'github_copilot_users_by_ide_version{"org":"octo","ide":"vscode","ide_version":"1.138.2"}': 1,
      'github_copilot_users_by_ide_version{"org":"octo","ide":"vscode"}': 1,
      'github_copilot_users_by_ide_version{"org":"octo","ide":"neovim"}': 1,
      'github_copilot_users_by_plugin_version{"org":"octo","ide":"vscode","plugin":"copilot-chat","plugin_version":"0.40.0"}': 2,
      'github_copilot_users_by_plugin_version{"org":"octo","ide":"vscode"}': 1,
      'github_copilot_users_by_plugin_version{"org":"octo","ide":"neovim"}': 1,
      'github_copilot_users_by_cli_version{"org":"octo","cli_version":"1.0.64"}': 1,
      'github_copilot_users_by_cli_version{"org":"octo"}': 1,
    });
  });

  it('passes over entries that are no IDE and sections that are no objects', () => {
    expect(count([row(1, { totals_by_ide: [42, { ide: '' }, { loc_added_sum: 1 }], totals_by_cli: 'x' }), row(2, {})])).toEqual({});
  });
});

const SEED = testSeed(20261206);
const IDES = ['vscode', 'jetbrains', 'visualstudio', 'xcode'];
const VERSIONS = ['1.0', '1.1', '2.0', '', undefined];

function maybeVersion(random: Random, field: string): Row {
  const version = pick(random, VERSIONS);
  return version === undefined ? {} : { [field]: version };
}

function randomRow(random: Random, id: number): Row {
  // The same IDE twice happens: pick with replacement.
  const entries = Array.from({ length: randomInt(random, 0, 3) }, () => ({
    ide: pick(random, IDES),
    ...(random() < 0.8 ? { last_known_ide_version: maybeVersion(random, 'ide_version') } : {}),
    ...(random() < 0.8 ? { last_known_plugin_version: { ...maybeVersion(random, 'plugin_version'), ...(random() < 0.8 ? { plugin: pick(random, ['copilot', '']) } : {}) } } : {}),
  }));
  const cli = random() < 0.4 ? { totals_by_cli: { session_count: 1, ...(random() < 0.8 ? { last_known_cli_version: maybeVersion(random, 'cli_version') } : {}) } } : {};
  return { day: random() < 0.9 ? day : '2026-11-19', user_id: id, user_login: `u${id}`, totals_by_ide: entries, ...cli };
}

/** The oracle: per family, the set of users behind each label set, built from all rows at once. */
function oracle(rows: readonly Row[]): Record<string, number> {
  const firstRows = new Map<unknown, Row>();
  for (const one of rows) if (one.day === day && !firstRows.has(one.user_id)) firstRows.set(one.user_id, one);
  const users = new Map<string, Set<unknown>>();
  const note = (name: string, labels: Record<string, unknown>, user: unknown) => {
    const known = Object.fromEntries(Object.entries(labels).filter(([, value]) => typeof value === 'string' && value !== ''));
    const key = `${name}${JSON.stringify({ ...scope, ...known })}`;
    users.set(key, (users.get(key) ?? new Set()).add(user));
  };
  for (const [user, one] of firstRows) {
    for (const entry of one.totals_by_ide as Row[]) {
      const ideVersion = (entry.last_known_ide_version ?? {}) as Row;
      const plugin = (entry.last_known_plugin_version ?? {}) as Row;
      note('github_copilot_users_by_ide_version', { ide: entry.ide, ide_version: ideVersion.ide_version }, user);
      note('github_copilot_users_by_plugin_version', { ide: entry.ide, plugin: plugin.plugin, plugin_version: plugin.plugin_version }, user);
    }
    const cli = one.totals_by_cli as Row | undefined;
    if (cli) note('github_copilot_users_by_cli_version', { cli_version: ((cli.last_known_cli_version ?? {}) as Row).cli_version }, user);
  }
  return Object.fromEntries([...users].map(([key, set]) => [key, set.size]));
}

describe(`client versions of random rows equal the oracle (seed ${SEED})`, () => {
  it('100 random reports, with the same IDE twice, versions absent or empty, users listed twice', () => {
    reportSeedOnFailure(SEED);
    const random = seededRandom('client-versions', String(SEED));
    let series = 0;
    for (let i = 0; i < 100; i += 1) {
      const rows = Array.from({ length: randomInt(random, 0, 25) }, () => randomRow(random, randomInt(random, 1, 20)));
      const expected = oracle(rows);
      expect(count(rows), `case ${i}`).toEqual(expected);
      series += Object.keys(expected).length;
    }
    expect(series).toBeGreaterThan(100);
  });
});
