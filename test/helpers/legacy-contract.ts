/**
 * docs/contract.md §4b written out as data, independently of src/metrics/definitions.ts: the legacy API path of
 * every leaf, the metric it must become and its labels beyond scope. Tests check the exporter against it.
 */
import { sampleKey } from './exposition.js';

export const LEGACY_CONTRACT: Array<{ path: string; metric: string; labels: string[] }> = [
  { path: 'total_active_users', metric: 'github_copilot_active_users', labels: [] },
  { path: 'total_engaged_users', metric: 'github_copilot_engaged_users', labels: [] },
  { path: 'copilot_ide_code_completions.total_engaged_users', metric: 'github_copilot_ide_code_completions_engaged_users', labels: [] },
  { path: 'copilot_ide_code_completions.languages[].total_engaged_users', metric: 'github_copilot_ide_code_completions_engaged_users_by_language', labels: ['language'] },
  { path: 'copilot_ide_code_completions.editors[].total_engaged_users', metric: 'github_copilot_ide_code_completions_engaged_users_by_editor', labels: ['editor'] },
  { path: 'copilot_ide_code_completions.editors[].models[].total_engaged_users', metric: 'github_copilot_ide_code_completions_engaged_users_by_editor_model', labels: ['editor', 'model'] },
  { path: 'copilot_ide_code_completions.editors[].models[].languages[].total_engaged_users', metric: 'github_copilot_ide_code_completions_engaged_users_by_editor_model_language', labels: ['editor', 'model', 'language'] },
  { path: 'copilot_ide_code_completions.editors[].models[].languages[].total_code_suggestions', metric: 'github_copilot_ide_code_completions_code_suggestions', labels: ['editor', 'model', 'language'] },
  { path: 'copilot_ide_code_completions.editors[].models[].languages[].total_code_acceptances', metric: 'github_copilot_ide_code_completions_code_acceptances', labels: ['editor', 'model', 'language'] },
  { path: 'copilot_ide_code_completions.editors[].models[].languages[].total_code_lines_suggested', metric: 'github_copilot_ide_code_completions_code_lines_suggested', labels: ['editor', 'model', 'language'] },
  { path: 'copilot_ide_code_completions.editors[].models[].languages[].total_code_lines_accepted', metric: 'github_copilot_ide_code_completions_code_lines_accepted', labels: ['editor', 'model', 'language'] },
  { path: 'copilot_ide_chat.total_engaged_users', metric: 'github_copilot_ide_chat_engaged_users', labels: [] },
  { path: 'copilot_ide_chat.editors[].total_engaged_users', metric: 'github_copilot_ide_chat_engaged_users_by_editor', labels: ['editor'] },
  { path: 'copilot_ide_chat.editors[].models[].total_engaged_users', metric: 'github_copilot_ide_chat_engaged_users_by_editor_model', labels: ['editor', 'model'] },
  { path: 'copilot_ide_chat.editors[].models[].total_chats', metric: 'github_copilot_ide_chat_chats', labels: ['editor', 'model'] },
  { path: 'copilot_ide_chat.editors[].models[].total_chat_insertion_events', metric: 'github_copilot_ide_chat_chat_insertion_events', labels: ['editor', 'model'] },
  { path: 'copilot_ide_chat.editors[].models[].total_chat_copy_events', metric: 'github_copilot_ide_chat_chat_copy_events', labels: ['editor', 'model'] },
  { path: 'copilot_dotcom_chat.total_engaged_users', metric: 'github_copilot_dotcom_chat_engaged_users', labels: [] },
  { path: 'copilot_dotcom_chat.models[].total_engaged_users', metric: 'github_copilot_dotcom_chat_engaged_users_by_model', labels: ['model'] },
  { path: 'copilot_dotcom_chat.models[].total_chats', metric: 'github_copilot_dotcom_chat_chats', labels: ['model'] },
  { path: 'copilot_dotcom_pull_requests.total_engaged_users', metric: 'github_copilot_dotcom_pull_requests_engaged_users', labels: [] },
  { path: 'copilot_dotcom_pull_requests.repositories[].total_engaged_users', metric: 'github_copilot_dotcom_pull_requests_engaged_users_by_repository', labels: ['repository'] },
  { path: 'copilot_dotcom_pull_requests.repositories[].models[].total_engaged_users', metric: 'github_copilot_dotcom_pull_requests_engaged_users_by_repository_model', labels: ['repository', 'model'] },
  { path: 'copilot_dotcom_pull_requests.repositories[].models[].total_pr_summaries_created', metric: 'github_copilot_dotcom_pull_requests_pr_summaries_created', labels: ['repository', 'model'] },
];

export const MODEL_INFO_LABELS = ['model', 'is_custom_model', 'custom_model_training_date'];

type Node = Record<string, unknown>;
const LABEL: Record<string, string> = { languages: 'language', editors: 'editor', models: 'model', repositories: 'repository' };

/** Every leaf at `path` with the names of the entries crossed, as [labels, value] pairs. */
export function leaves(node: unknown, path: string, labels: Record<string, string> = {}): Array<[Record<string, string>, unknown]> {
  if (typeof node !== 'object' || node === null) return [];
  const [head, ...rest] = path.split('.');
  if (!head) return [];
  if (head.endsWith('[]')) {
    const key = head.slice(0, -2);
    const entries = (node as Node)[key];
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((entry: Node) =>
      typeof entry?.name === 'string' ? leaves(entry, rest.join('.'), { ...labels, [LABEL[key] as string]: entry.name }) : [],
    );
  }
  if (rest.length === 0) return [[labels, (node as Node)[head]]];
  return leaves((node as Node)[head], rest.join('.'), labels);
}

/** The models[] entries of a day: every distinct (model, is_custom_model, training date) triple. */
export function modelInfos(day: Node): Set<string> {
  const infos = new Set<string>();
  for (const path of [
    'copilot_ide_code_completions.editors[].models[].name',
    'copilot_ide_chat.editors[].models[].name',
    'copilot_dotcom_chat.models[].name',
    'copilot_dotcom_pull_requests.repositories[].models[].name',
  ]) {
    const modelsPath = path.replace(/\.name$/, '');
    const arrays = modelsPath.split('.');
    const collect = (node: unknown, segments: string[]): Node[] => {
      if (typeof node !== 'object' || node === null) return [];
      const [head, ...rest] = segments;
      if (!head) return [];
      const key = head.replace(/\[\]$/, '');
      const child = (node as Node)[key];
      if (!head.endsWith('[]')) return collect(child, rest);
      if (!Array.isArray(child)) return [];
      const named = child.filter((entry: Node) => typeof entry?.name === 'string') as Node[];
      return rest.length === 0 ? named : named.flatMap((entry) => collect(entry, rest));
    };
    for (const entry of collect(day, arrays)) {
      infos.add(JSON.stringify([entry.name, String(entry.is_custom_model === true), typeof entry.custom_model_training_date === 'string' ? entry.custom_model_training_date : null]));
    }
  }
  return infos;
}

/** Every series docs/contract.md §4b says a legacy day gives, keyed like test/helpers/exposition.ts's sampleKey. */
export function expectedLegacySamples(day: Node, scope: Record<string, string>): Map<string, number> {
  const expected = new Map<string, number>();
  const add = (name: string, labels: Record<string, string>, value: number) => {
    const key = sampleKey(name, { ...scope, ...labels });
    expected.set(key, (expected.get(key) ?? 0) + value);
  };
  add('github_copilot_metrics_day_timestamp_seconds', {}, Date.parse(`${String(day.date)}T00:00:00Z`) / 1000);
  for (const row of LEGACY_CONTRACT) {
    for (const [labels, value] of leaves(day, row.path)) if (typeof value === 'number') add(row.metric, labels, value);
  }
  for (const info of modelInfos(day)) {
    const [model, custom, trained] = JSON.parse(info) as [string, string, string | null];
    expected.set(sampleKey('github_copilot_model_info', { ...scope, model, is_custom_model: custom, ...(trained ? { custom_model_training_date: trained } : {}) }), 1);
  }
  return expected;
}
