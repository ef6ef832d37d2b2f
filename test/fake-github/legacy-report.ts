/**
 * Synthetic days of the legacy Copilot Metrics API, with exactly the fields of GitHub's
 * `copilot-usage-metrics-day` schema (test/fixtures/github-api/copilot-usage-metrics-day.schema.json).
 * `rough` days exercise the edges the schema allows: null sections, missing fields, duplicate names,
 * and names with slashes, quotes, backslashes, newlines and non-ASCII text.
 */
import { addDays } from '../../src/days.js';
import { type Random, pick, randomInt, seededRandom } from './random.js';

export interface LegacyOptions {
  /** Null sections, missing fields, duplicate entries and hostile names. */
  rough?: boolean;
}

type Node = Record<string, unknown>;

const EDITORS = ['vscode', 'jetbrains', 'neovim', 'visualstudio', 'xcode'];
const LANGUAGES = ['python', 'typescript', 'go', 'java', 'ruby', 'rust', 'csharp'];
const REPOSITORIES = ['acme/web', 'acme/api', 'acme/infra', 'acme/data-pipelines'];
const MODELS: Array<{ name: string; custom: boolean; trained: string | null }> = [
  { name: 'default', custom: false, trained: null },
  { name: 'acme-custom-completions', custom: true, trained: '2026-02-01' },
  { name: 'acme-custom-chat', custom: true, trained: '2026-05-15' },
];
const HOSTILE = ['quote"d', 'back\\slash', 'new\nline', 'café', '日本語', 'org/repo/with/slashes', 'tab\there', '{braces}=,'];

function names(random: Random, base: string[], rough: boolean, count: number): string[] {
  const pool = rough ? [...base, ...HOSTILE] : base;
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, pool.length)) chosen.add(pick(random, pool));
  const list = [...chosen];
  // Rough days repeat a name now and then: GitHub's entries are matched by name and summed.
  if (rough && random() < 0.3 && list.length > 0) list.push(list[0] as string);
  return list;
}

/** Sets `value` unless a rough day drops the field (every field but `date` is optional). */
function put(node: Node, key: string, value: unknown, random: Random, rough: boolean): void {
  if (rough && random() < 0.08) return;
  node[key] = value;
}

function model(random: Random, rough: boolean, fields: Record<string, number>): Node {
  const chosen = pick(random, MODELS);
  const node: Node = { name: chosen.name, is_custom_model: chosen.custom, custom_model_training_date: chosen.trained };
  for (const [key, value] of Object.entries(fields)) put(node, key, value, random, rough);
  return node;
}

function section(random: Random, rough: boolean, build: () => Node): Node | null | undefined {
  if (rough && random() < 0.12) return null;
  if (rough && random() < 0.05) return undefined;
  return build();
}

export function generateLegacyDay(key: string, date: string, seats: number, options: LegacyOptions = {}): Node {
  const random = seededRandom('legacy', key, date);
  const rough = options.rough ?? false;
  const active = Math.max(1, Math.round(seats * (0.4 + random() * 0.4)));
  const engaged = Math.round(active * 0.8);
  const users = (max: number) => randomInt(random, 0, Math.max(0, max));
  const day: Node = { date };
  put(day, 'total_active_users', active, random, rough);
  put(day, 'total_engaged_users', engaged, random, rough);

  const completions = section(random, rough, () => {
    const node: Node = {};
    put(node, 'total_engaged_users', users(engaged), random, rough);
    put(node, 'languages', names(random, LANGUAGES, rough, 3).map((name) => ({ name, total_engaged_users: users(engaged) })), random, rough);
    const editors = names(random, EDITORS, rough, 3).map((name) => ({
      name,
      total_engaged_users: users(engaged),
      models: Array.from({ length: randomInt(random, 1, 2) }, () => ({
        ...model(random, rough, { total_engaged_users: users(engaged) }),
        languages: names(random, LANGUAGES, rough, 3).map((language) => {
          const suggestions = randomInt(random, 0, 500);
          const lines = randomInt(random, suggestions, suggestions * 3);
          return {
            name: language,
            total_engaged_users: users(engaged),
            total_code_suggestions: suggestions,
            total_code_acceptances: Math.round(suggestions * random() * 0.5),
            total_code_lines_suggested: lines,
            total_code_lines_accepted: Math.round(lines * random() * 0.5),
          };
        }),
      })),
    }));
    put(node, 'editors', editors, random, rough);
    return node;
  });
  if (completions !== undefined) day.copilot_ide_code_completions = completions;

  const ideChat = section(random, rough, () => ({
    total_engaged_users: users(engaged),
    editors: names(random, EDITORS, rough, 2).map((name) => ({
      name,
      total_engaged_users: users(engaged),
      models: [model(random, rough, { total_engaged_users: users(engaged), total_chats: randomInt(random, 0, 80), total_chat_insertion_events: randomInt(random, 0, 30), total_chat_copy_events: randomInt(random, 0, 30) })],
    })),
  }));
  if (ideChat !== undefined) day.copilot_ide_chat = ideChat;

  const dotcomChat = section(random, rough, () => ({
    total_engaged_users: users(engaged),
    models: [model(random, rough, { total_engaged_users: users(engaged), total_chats: randomInt(random, 0, 60) })],
  }));
  if (dotcomChat !== undefined) day.copilot_dotcom_chat = dotcomChat;

  const pullRequests = section(random, rough, () => ({
    total_engaged_users: users(engaged),
    repositories: names(random, REPOSITORIES, rough, 3).map((name) => ({
      name,
      total_engaged_users: users(engaged),
      models: [model(random, rough, { total_pr_summaries_created: randomInt(random, 0, 20), total_engaged_users: users(engaged) })],
    })),
  }));
  if (pullRequests !== undefined) day.copilot_dotcom_pull_requests = pullRequests;
  return day;
}

/**
 * The days GitHub would return for the 28 days ending on `endDay`, oldest first. Days of small teams
 * go missing now and then, as GitHub omits days with fewer than five licensed members.
 */
export function generateLegacyDays(key: string, seats: number, endDay: string, options: LegacyOptions = {}): Node[] {
  const random = seededRandom('legacy-days', key, endDay);
  const days: Node[] = [];
  for (let offset = 27; offset >= 0; offset -= 1) {
    const date = addDays(endDay, -offset);
    if (missingDay(random, seats)) continue;
    days.push(generateLegacyDay(key, date, seats, options));
  }
  return days;
}

/**
 * A team's days: its owner's days with every count scaled to the team's `share` of the seats and
 * rounded down. GitHub counts a team's activity in its organization's or enterprise's too, so no
 * number of a team may exceed its owner's; drawn apart, they did. Small teams lose days as above.
 */
export function teamLegacyDays(key: string, ownerDays: Node[], seats: number, share: number, endDay: string): Node[] {
  const random = seededRandom('legacy-days', key, endDay);
  return ownerDays.filter(() => !missingDay(random, seats)).map((day) => scaled(day, share) as Node);
}

/** Whether a day of an entity with so few seats goes missing (now and then below 20). */
function missingDay(random: Random, seats: number): boolean {
  return seats < 20 && random() < 0.25;
}

/** Every number in `value` times `share`, rounded down; names, dates, flags and nulls as they are. */
function scaled(value: unknown, share: number): unknown {
  if (typeof value === 'number') return Math.floor(value * share);
  if (Array.isArray(value)) return value.map((item) => scaled(item, share));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scaled(inner, share)]));
  return value;
}
