/**
 * Outdated Copilot clients: the share of each IDE's active users whose last reported version is older than
 * the first one GitHub says counts agent activity fully (mixinConfig.fullyCountedClients). GitHub said on
 * 2026-10-06 that IDE agent sessions of older clients were undercounted (and partly counted as Copilot
 * CLI), so a scope on old clients looks less active than it is.
 *
 * PromQL cannot compare versions, so "older than 1.139.0" is written as a regular expression over the
 * version label (`olderThan`), anchored as Prometheus anchors every `=~`.
 */
import type { FullyCountedClient, MixinConfig } from './config.js';

/** A regular expression for the whole numbers below `n` (no leading zeros). */
function numberBelow(n: number): string | undefined {
  if (n <= 0) return undefined;
  const digits = String(n);
  const alternatives: string[] = [];
  // Fewer digits: 0 to 9, and 10 up to 10^(k-1) - 1.
  if (digits.length > 1) alternatives.push(digits.length === 2 ? '[0-9]' : `[0-9]|[1-9][0-9]{1,${digits.length - 2}}`);
  // As many digits: the same first j digits, then a smaller one, then any.
  for (let j = 0; j < digits.length; j += 1) {
    const digit = Number(digits[j]);
    const lowest = j === 0 && digits.length > 1 ? 1 : 0;
    if (digit <= lowest) continue;
    const rest = digits.length - j - 1;
    const range = digit - 1 === lowest ? String(lowest) : `[${lowest}-${digit - 1}]`;
    alternatives.push(`${digits.slice(0, j)}${range}${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  return alternatives.join('|');
}

/**
 * The versions older than `first` (dot-separated whole numbers): the same leading parts, then a smaller
 * part, then anything; or the same leading parts and nothing more while `first` goes on with more than
 * zeros (`18` is older than `18.12`). A pre-release suffix such as `-insider` counts with its number.
 */
export function olderThan(first: string): string {
  const parts = first.split('.').map((part) => {
    if (!/^(0|[1-9][0-9]*)$/.test(part)) throw new Error(`${first} is not a version of whole numbers separated by dots`);
    return Number(part);
  });
  const alternatives: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const prefix = parts.slice(0, i).map((part) => `${part}[.]`).join('');
    const below = numberBelow(parts[i] as number);
    if (below !== undefined) alternatives.push(`${prefix}(${below})([.-].*)?`);
    if (i > 0 && parts.slice(i).some((part) => part > 0)) alternatives.push(parts.slice(0, i).join('[.]'));
  }
  return alternatives.join('|');
}

function family(label: FullyCountedClient['label']): string {
  return label === 'ide_version' ? 'github_copilot_users_by_ide_version' : 'github_copilot_users_by_plugin_version';
}

/** The labels a client's series are summed over, so that one series per scope and IDE is left. */
function versionLabels(label: FullyCountedClient['label']): string {
  return label === 'ide_version' ? 'ide_version' : 'plugin, plugin_version';
}

/**
 * `scope_ide:github_copilot_users_on_outdated_client:ratio`: per scope and IDE, the active users on a
 * version older than the first fully counted one, over the IDE's active users (0 when nobody is behind;
 * users whose version GitHub does not know count in the denominator only).
 */
export function outdatedClientsExpr(config: MixinConfig): string {
  const known = config.fullyCountedClients.filter((client) => client.first !== null);
  return known
    .map((client) => {
      const all = `sum without (${versionLabels(client.label)}) (${family(client.label)}{ide="${client.ide}"})`;
      const older = `sum without (${versionLabels(client.label)}) (${family(client.label)}{ide="${client.ide}", ${client.label}=~"${olderThan(client.first as string)}"})`;
      return `(\n  (${older} or 0 * ${all})\n  /\n  (${all} > 0)\n)`;
    })
    .join('\nor\n');
}
