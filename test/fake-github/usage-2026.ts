/**
 * The field groups GitHub added to the usage-metrics day rows after April 2026
 * (docs/github-usage-fields.md, "What GitHub added after April 2026"), synthetic, for one
 * `day_totals[]` element: the Copilot app, third-party agents, the VS Code Agents window, the Copilot CLI
 * customizations, AI adoption phases and the pull-request review averages. The cloud agent users are
 * among the older active-user counts (usage-report.ts).
 *
 * Drawn from a random sequence of their own, so that the rest of the day row is the same with them or
 * without them; the same entity and day always give the same fields.
 */
import { type Random, randomInt, seededRandom } from './random.js';
import type { EntityProfile } from './entity-profile.js';

type Row = Record<string, unknown>;

const THIRD_PARTY_AGENTS = [
  { agent_id: 'anthropic-claude', agent_name: 'Claude' },
  { agent_id: 'openai-codex', agent_name: 'Codex' },
];
/** Top-five lists: customer-defined names are grouped as `other` (slash commands as `custom`), as GitHub does. */
const CLI_CUSTOMIZATIONS: Record<string, string[]> = {
  skill: ['other', 'pdf', 'docx', 'webapp-testing', 'frontend-design', 'mcp-builder'],
  custom_agent: ['other', 'reviewer', 'planner'],
  mcp: ['github', 'other', 'playwright', 'azure', 'context7'],
  slash_cmd: ['/model', 'custom', '/clear', '/compact', '/mcp', '/agent'],
  plugin: ['other', 'github-workflows'],
};
const ADOPTION_PHASES = ['No Cohort', 'Phase 1', 'Phase 2', 'Phase 3'];

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Sessions, model requests, prompts and tokens, as `totals_by_cli` and `totals_by_copilot_app` count them. */
function sessionTotals(random: Random, users: number): Row {
  const sessions = users * randomInt(random, 1, 3);
  const requests = sessions * randomInt(random, 2, 8);
  const outputTokens = requests * randomInt(random, 300, 1500);
  const promptTokens = requests * randomInt(random, 1000, 4000);
  return {
    session_count: sessions,
    request_count: requests,
    prompt_count: Math.round(requests * 0.6),
    token_usage: { avg_tokens_per_request: requests ? tenths((outputTokens + promptTokens) / requests) : 0, output_tokens_sum: outputTokens, prompt_tokens_sum: promptTokens },
  };
}

/**
 * A customization list: up to five entries, most used first, and how many distinct ones were used in all.
 * `most` caps each entry's count: a plugin's skill invocations are skill invocations too.
 */
function customizations(random: Random, dims: string, names: string[], cliUsers: number, most = Infinity): { entries: Row[]; distinct: number } {
  if (cliUsers === 0 || most === 0) return { entries: [], distinct: 0 };
  const used = names.slice(0, Math.min(5, randomInt(random, 1, names.length)));
  const entries = used.map((name) => ({ [dims]: name, interaction_count: Math.min(most, randomInt(random, 1, 6) * cliUsers) }));
  entries.sort((a, b) => b.interaction_count - a.interaction_count);
  // A grouped entry stands for several customer-defined ones.
  return { entries, distinct: used.length + (used.includes('other') || used.includes('custom') ? randomInt(random, 1, 4) : 0) };
}

/** One adoption phase's averages per engaged user: later phases lean on agents, so fewer completions and more pull requests. */
function phase(random: Random, number: number, engaged: number): Row {
  const agentic = number / 3;
  // An average over nobody is 0.
  const avg = (value: number) => (engaged > 0 ? tenths(value) : 0);
  return {
    phase: ADOPTION_PHASES[number],
    phase_number: number,
    version: 'v1',
    total_engaged_users: engaged,
    avg_user_initiated_interactions: avg(1 + agentic * 20 + random() * 5),
    avg_code_generation_activities: avg(12 - agentic * 6 + random() * 4),
    avg_code_acceptance_activities: avg(3 - agentic * 1.5 + random()),
    avg_loc_added: avg(10 + agentic * 50 + random() * 10),
    avg_loc_deleted: avg(1 + agentic * 8 + random() * 2),
    avg_pull_requests_created: avg(agentic * 2.5 + random() * 0.5),
    avg_pull_requests_merged: avg(agentic * 2 + random() * 0.4),
    avg_pull_requests_reviewed: avg(0.2 + agentic * 2.5 + random() * 0.5),
    avg_pull_requests_median_minutes_to_merge: avg(300 - agentic * 200 + random() * 60),
    avg_pull_requests_minutes_to_review: avg(60 - agentic * 30 + random() * 15),
    avg_pull_requests_review_cycles: avg(1 + random()),
  };
}

/** The 2026 field groups of one day row (`dailyActive`: its daily active users), and the fields they add to its `pull_requests`. */
export function generate2026Fields(profile: EntityProfile, day: string, dailyActive: number): { fields: Row; pullRequests: Row } {
  const random = seededRandom('2026-fields', profile.kind, profile.slug, profile.id, day);
  const appUsers = Math.round(dailyActive * 0.1);
  const vscodeAgentUsers = Math.round(dailyActive * 0.15);
  const cliUsers = Math.round(dailyActive * 0.15);
  const fields: Row = {
    daily_active_copilot_app_users: appUsers,
    totals_by_copilot_app: sessionTotals(random, appUsers),
    daily_active_vscode_agent_users: vscodeAgentUsers,
    totals_by_vscode_agent: { session_count: vscodeAgentUsers * randomInt(random, 1, 3), total_user_messages: vscodeAgentUsers * randomInt(random, 3, 15) },
    totals_by_3rd_party_agent: THIRD_PARTY_AGENTS.map((agent) => {
      const sessions = randomInt(random, 0, Math.ceil(dailyActive * 0.1));
      return { ...agent, user_initiated_interaction_count: sessions * randomInt(random, 1, 4), session_count: sessions };
    }),
  };
  // Plugins come last: their invocations are a part of the skills', each plugin's at most a quarter.
  let skillInvocations = 0;
  for (const [dims, names] of Object.entries(CLI_CUSTOMIZATIONS)) {
    const { entries, distinct } = customizations(random, dims, names, cliUsers, dims === 'plugin' ? Math.floor(skillInvocations / 4) : Infinity);
    if (dims === 'skill') skillInvocations = entries.reduce((sum, entry) => sum + (entry.interaction_count as number), 0);
    fields[`totals_by_${dims}`] = entries;
    fields[`distinct_${dims}_use_count`] = distinct;
  }
  // Engaged users in each phase: at most the daily active users, most of them code first.
  let left = dailyActive;
  fields.totals_by_ai_adoption_phase = [0.2, 0.5, 0.2, 0.1].map((share, number) => {
    const engaged = number === 3 ? left : Math.min(left, Math.round(dailyActive * share));
    left -= engaged;
    return phase(random, number, engaged);
  });
  const pullRequests = { avg_pull_requests_minutes_to_review: tenths(20 + random() * 100), avg_pull_requests_review_cycles: tenths(1 + random() * 1.5) };
  return { fields, pullRequests };
}
