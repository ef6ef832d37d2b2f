/**
 * What a user of the fake runs: the IDE and Copilot plugin versions GitHub last saw in each IDE
 * (`totals_by_ide[].last_known_ide_version`, `.last_known_plugin_version`), and for about a third of
 * an ordinary entity's users a day of Copilot CLI (`totals_by_cli` with `last_known_cli_version`); heavy
 * users bring their own CLI day (activity.ts). The shapes are those of GitHub's user-level example.
 *
 * A seeded function of the user, the IDE and the day, apart from the activity's random sequence, so the
 * activity stays the same with these details or without them. Some users lag a version behind, as real
 * fleets do, so that "who runs an outdated plugin" has an answer: VS Code and Visual Studio users span the
 * first versions GitHub says count agent activity fully (1.139.0 and 18.12, announced 2026-10-06).
 */
import { type Random, randomInt, seededRandom } from './random.js';

type Row = Record<string, unknown>;

/** Versions in release order (the last is current); an empty plugin is one GitHub does not know, as in its example. */
const TOOLS: Record<string, { ide: string[]; plugin: string; plugin_versions: string[] }> = {
  vscode: { ide: ['1.138.2', '1.139.0', '1.140.1'], plugin: 'copilot-chat', plugin_versions: ['0.39.2', '0.40.1', '0.41.0'] },
  jetbrains: { ide: ['2025.2.3', '2025.3'], plugin: 'copilot-intellij', plugin_versions: ['1.5.58', '1.5.60'] },
  visualstudio: { ide: ['18.11.4', '18.12.1'], plugin: 'copilot-vs', plugin_versions: ['18.11.600', '18.12.200'] },
  neovim: { ide: ['0.11.4'], plugin: 'copilot.vim', plugin_versions: ['1.51.0', '1.52.0'] },
  xcode: { ide: ['26.0.1', '26.1'], plugin: 'copilot-xcode', plugin_versions: ['0.44.0', '0.45.0'] },
  eclipse: { ide: ['4.37'], plugin: '', plugin_versions: [''] },
};
const CLI_VERSIONS = ['0.0.354', '1.0.7', '1.0.8'];

/** A version of the list: mostly the current one, sometimes one or two behind. */
function recent(random: Random, versions: string[]): string {
  const behind = random() < 0.7 ? 0 : randomInt(random, 1, 2);
  return versions[Math.max(0, versions.length - 1 - behind)] as string;
}

/** The version fields of a user's `totals_by_ide[]` entry for this IDE. */
export function lastKnownVersions(ide: string, login: string, day: string): Row {
  const random = seededRandom('tools', login, ide, day);
  const tools = TOOLS[ide] ?? { ide: ['1.0.0'], plugin: '', plugin_versions: [''] };
  const plugin = tools.plugin === '' ? '' : recent(random, tools.plugin_versions);
  return {
    last_known_ide_version: { ide_version: recent(random, tools.ide), sampled_at: `${day}T09:00:00.000Z` },
    last_known_plugin_version: { plugin: tools.plugin, plugin_version: plugin, sampled_at: `${day}T09:00:00.000Z` },
  };
}

/** An ordinary user's `totals_by_cli` of the day, when they used Copilot CLI. */
export function cliDay(login: string, day: string): Row | undefined {
  const random = seededRandom('cli', login, day);
  if (random() >= 0.3) return undefined;
  const sessions = randomInt(random, 1, 4);
  const requests = sessions * randomInt(random, 2, 9);
  const outputTokens = requests * randomInt(random, 300, 1500);
  const promptTokens = requests * randomInt(random, 1000, 4000);
  return {
    last_known_cli_version: { cli_version: recent(random, CLI_VERSIONS), sampled_at: `${day}T10:00:00.000Z` },
    prompt_count: Math.round(requests * 0.6),
    request_count: requests,
    session_count: sessions,
    token_usage: { avg_tokens_per_request: Math.round(((outputTokens + promptTokens) / requests) * 10) / 10, output_tokens_sum: outputTokens, prompt_tokens_sum: promptTokens },
  };
}
