/**
 * Targets (what the exporter polls) and their scope labels (docs/contract.md §4: `enterprise` or `org`,
 * plus `team` for team-level series; a label that does not apply is absent).
 */
import type { ExporterConfig, Target } from './config/exporter-config.js';
import type { Labels } from './metrics/sample.js';

export type { Target } from './config/exporter-config.js';

/** The targets of the configured source, in configuration order. */
export function buildTargets(config: ExporterConfig): Target[] {
  const targets: Target[] = [
    ...config.enterprises.map((slug): Target => ({ kind: 'enterprise', slug })),
    ...config.orgs.map((slug): Target => ({ kind: 'org', slug })),
  ];
  if (config.api === 'legacy-metrics') {
    targets.push(
      ...config.enterpriseTeams.map(({ enterprise, team }): Target => ({ kind: 'enterprise', slug: enterprise, team })),
      ...config.teams.map(({ org, team }): Target => ({ kind: 'org', slug: org, team })),
    );
  }
  return targets;
}

export function scopeLabels(target: Target): Labels {
  const labels: Record<string, string> = target.kind === 'enterprise' ? { enterprise: target.slug } : { org: target.slug };
  if (target.team) labels.team = target.team;
  return labels;
}

export function targetKey(target: Target): string {
  return `${target.kind}:${target.slug}${target.team ? `/${target.team}` : ''}`;
}
