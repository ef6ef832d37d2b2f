/**
 * The exporter settings that export every entity of the fake GitHub API: its enterprises and
 * organizations, and, with the legacy source (where teams are targets of their own), their teams.
 */
import type { EntityProfile } from '../test/fake-github/entity-profile.js';

export function targetSettings(entities: readonly EntityProfile[], api: string): Record<string, string> {
  const of = (kind: EntityProfile['kind']) => entities.filter((entity) => entity.kind === kind);
  const slugs = (kind: EntityProfile['kind']) => of(kind).map((entity) => entity.slug).join(',');
  const teams = (kind: EntityProfile['kind']) => of(kind).flatMap((entity) => (entity.teams ?? []).map((team) => `${entity.slug}/${team}`)).join(',');
  return {
    COPILOT_ENTERPRISES: slugs('enterprise'),
    COPILOT_ORGS: slugs('org'),
    ...(api === 'legacy-metrics' ? { COPILOT_TEAMS: teams('org'), COPILOT_ENTERPRISE_TEAMS: teams('enterprise') } : {}),
  };
}
