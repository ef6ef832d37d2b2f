/**
 * Mistyped settings: an environment variable that looks like one of the exporter's (`COPILOT_ORG`,
 * `REFRESH_INTERVALL`) but is not is ignored by convict without a word. These are reported at start-up,
 * with the closest known name.
 *
 * Looked at: every variable with one of the exporter's prefixes, and any other that is a near miss of a
 * long setting name. Left alone: the variables GitHub Actions and Kubernetes set on their own
 * (GITHUB_SHA, <SERVICE>_SERVICE_HOST, …), which share the prefixes but are not meant for the exporter.
 */

const PREFIXES = ['GITHUB_', 'COPILOT_', 'OTEL_EXPORTER_OTLP_', 'WEB_', 'REMOTE_WRITE_'];

/** The variables a GitHub Actions runner and a Codespace set (docs.github.com/actions/reference/variables-reference). */
const GITHUB_RUNNER = new Set(
  [
    'ACTION', 'ACTION_PATH', 'ACTION_REPOSITORY', 'ACTIONS', 'ACTOR', 'ACTOR_ID', 'API_URL', 'BASE_REF', 'ENV', 'EVENT_NAME', 'EVENT_PATH',
    'GRAPHQL_URL', 'HEAD_REF', 'JOB', 'OUTPUT', 'PATH', 'REF', 'REF_NAME', 'REF_PROTECTED', 'REF_TYPE', 'REPOSITORY', 'REPOSITORY_ID',
    'REPOSITORY_OWNER', 'REPOSITORY_OWNER_ID', 'RETENTION_DAYS', 'RUN_ATTEMPT', 'RUN_ID', 'RUN_NUMBER', 'SERVER_URL', 'SHA', 'STATE',
    'STEP_SUMMARY', 'TRIGGERING_ACTOR', 'WORKFLOW', 'WORKFLOW_REF', 'WORKFLOW_SHA', 'WORKSPACE', 'CODESPACE_PORT_FORWARDING_DOMAIN', 'USER',
  ].map((name) => `GITHUB_${name}`),
);

/** Kubernetes service links: `<SERVICE>_SERVICE_HOST`, `<SERVICE>_PORT_8080_TCP_ADDR`, … */
const SERVICE_LINK = /_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)$/;

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] as number;
}

/** The known name closest to `name`, when it is close enough to be what was meant. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  // A name cut short (WEB_CONFIG for WEB_CONFIG_FILE) is what was meant, however many letters are missing.
  const completed = known.find((candidate) => candidate.startsWith(`${name}_`));
  if (completed) return completed;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (!best || d < best.distance) best = { name: candidate, distance: d };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

export interface UnknownVariable {
  name: string;
  /** The known name it is a near miss of, when there is one. */
  suggestion?: string;
}

/** Each variable that looks like a setting and is not one. */
export function unknownVariables(env: Record<string, string | undefined>, known: readonly string[]): UnknownVariable[] {
  const knownSet = new Set(known);
  const unknown: UnknownVariable[] = [];
  for (const name of Object.keys(env).sort()) {
    if (knownSet.has(name) || GITHUB_RUNNER.has(name) || SERVICE_LINK.test(name)) continue;
    const prefixed = PREFIXES.some((prefix) => name.startsWith(prefix));
    const suggestion = closestName(name, known);
    // Outside the prefixes, only a near miss of a long name (REFRESH_INTERVALL): PATH is not PORT.
    const nearMiss = suggestion !== undefined && suggestion.length >= 8 && distance(name, suggestion) <= 2;
    if (!prefixed && !nearMiss) continue;
    unknown.push({ name, ...(suggestion ? { suggestion } : {}) });
  }
  return unknown;
}

/** One warning, word for word, for each unknown variable. */
export function unknownVariableWarning({ name, suggestion }: UnknownVariable): string {
  return suggestion ? `Unknown variable ${name} is ignored; did you mean ${suggestion}?` : `Unknown variable ${name} is ignored: it is none of the exporter's settings (see "Configuration" in the README).`;
}
