/**
 * The metric families of the usage-metrics and legacy-metrics reports, and of the exporter itself.
 * Each collector declares the families it exports (src/collectors/); the mappers look families up
 * here, the self-metrics are created from here, and the README catalogue is generated from the
 * collectors' declarations (src/collectors/index.ts), so docs cannot drift.
 *
 * Usage-metrics names follow the rule of CONTRACT §4a, and a test checks that applying the rule to
 * each `source` gives the `name` written here; a numeric field GitHub adds later is still exported
 * by the same rule, with the generic HELP of `genericDefinition()`.
 */

/** Which source a family comes from; `both` for the day timestamp, which every source exports. */
export type MetricApi = 'usage-metrics' | 'legacy-metrics' | 'both' | 'seats' | 'exporter';

export interface MetricDefinition {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  /** Labels beyond the scope labels (`enterprise` or `org`, and `team`). */
  labels: readonly string[];
  /** Where the value comes from: a path in GitHub's payload, or what the exporter measures. */
  source: string;
  api: MetricApi;
}

export const SCOPE_LABELS = ['enterprise', 'org', 'team'] as const;

/**
 * The unit of a family, in UCUM as OpenTelemetry expects it (`s`, `{user}`, `{line}`, `USD`…), read off
 * its name: every name of this table says what it counts. Prometheus names carry it already; OTLP
 * instruments get it as their unit.
 */
export function unitOf(definition: MetricDefinition): string {
  const name = definition.name.replace(/^github_copilot_(exporter_)?/, '');
  const rules: Array<[RegExp, string]> = [
    [/(^|_)seconds$/, 's'],
    [/_usd($|_)/, 'USD'],
    [/minutes/, 'min'],
    [/(^|_)users($|_)/, '{user}'],
    [/^loc_|(^|_)lines?($|_)/, '{line}'],
    [/tokens/, '{token}'],
    [/^seat/, '{seat}'],
    [/suggestions/, '{suggestion}'],
    [/^pull_requests_/, '{pull_request}'],
    [/pr_summaries/, '{summary}'],
    [/ai_credits/, '{credit}'],
    [/(^|_)chats$/, '{chat}'],
    [/^cli_session/, '{session}'],
    [/^cli_prompt|interaction/, '{prompt}'],
    [/requests|^cli_request/, '{request}'],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? '1';
}

const DAY = 'on the reported day';

function usage(name: string, source: string, help: string, labels: readonly string[] = []): MetricDefinition {
  return { name: `github_copilot_${name}`, help, type: 'gauge', labels, source, api: 'usage-metrics' };
}

/** Active-user counts of a day row (never summed across breakdowns: GitHub counts each user once). */
const ACTIVE_USERS: Array<[string, string]> = [
  ['daily_active_users', `Users who used Copilot ${DAY}.`],
  ['weekly_active_users', 'Users who used Copilot in the 7 days ending on the reported day.'],
  ['monthly_active_users', 'Users who used Copilot in the 28 days ending on the reported day.'],
  ['monthly_active_chat_users', 'Users who used Copilot Chat in the 28 days ending on the reported day.'],
  ['monthly_active_agent_users', 'Users who used Copilot agent mode in the 28 days ending on the reported day.'],
  ['daily_active_cli_users', `Users who used Copilot CLI ${DAY}.`],
  ['daily_active_copilot_code_review_users', `Users who requested a Copilot code review or applied its suggestion ${DAY}.`],
  ['weekly_active_copilot_code_review_users', 'Users who actively used Copilot code review in the 7 days ending on the reported day.'],
  ['monthly_active_copilot_code_review_users', 'Users who actively used Copilot code review in the 28 days ending on the reported day.'],
  ['daily_passive_copilot_code_review_users', `Users whose pull requests were reviewed by Copilot through a policy, with no active use, ${DAY}.`],
  ['weekly_passive_copilot_code_review_users', 'Users reviewed by Copilot only through a policy in the 7 days ending on the reported day.'],
  ['monthly_passive_copilot_code_review_users', 'Users reviewed by Copilot only through a policy in the 28 days ending on the reported day.'],
  ['daily_active_copilot_cloud_agent_users', `Users who used the Copilot cloud agent ${DAY}.`],
  ['weekly_active_copilot_cloud_agent_users', 'Users who used the Copilot cloud agent in the 7 days ending on the reported day.'],
  ['monthly_active_copilot_cloud_agent_users', 'Users who used the Copilot cloud agent in the 28 days ending on the reported day.'],
];

/** Activity and lines-of-code counters: at the top of a day row and in every `totals_by_*[]` element. */
export const ACTIVITY_COUNTERS = [
  'user_initiated_interaction_count',
  'code_generation_activity_count',
  'code_acceptance_activity_count',
  'loc_suggested_to_add_sum',
  'loc_suggested_to_delete_sum',
  'loc_added_sum',
  'loc_deleted_sum',
] as const;
export type ActivityCounter = (typeof ACTIVITY_COUNTERS)[number];

const ACTIVITY_HELP: Record<ActivityCounter, string> = {
  user_initiated_interaction_count: 'Prompts users sent to Copilot (chat messages and agent requests)',
  code_generation_activity_count: 'Code suggestions and generated edits Copilot showed',
  code_acceptance_activity_count: 'Code suggestions and generated edits users accepted',
  loc_suggested_to_add_sum: 'Lines of code Copilot suggested adding',
  loc_suggested_to_delete_sum: 'Lines of code Copilot suggested deleting',
  loc_added_sum: 'Lines of code added with Copilot (accepted suggestions and agent edits)',
  loc_deleted_sum: 'Lines of code deleted with Copilot (accepted suggestions and agent edits)',
};
const ACTIVITY = ACTIVITY_COUNTERS.map((field) => [field, ACTIVITY_HELP[field]] as const);

/** `totals_by_<dims>` breakdown arrays and the element keys that become labels. */
export const BREAKDOWNS: Array<{ dims: string; labels: readonly string[]; what: string }> = [
  { dims: 'ide', labels: ['ide'], what: 'IDE' },
  { dims: 'feature', labels: ['feature'], what: 'Copilot feature' },
  { dims: 'language_feature', labels: ['language', 'feature'], what: 'language and feature' },
  { dims: 'language_model', labels: ['language', 'model'], what: 'language and model' },
  { dims: 'model_feature', labels: ['model', 'feature'], what: 'model and feature' },
];

const CLI: Array<[string, string]> = [
  ['session_count', `Copilot CLI sessions ${DAY}.`],
  ['request_count', `Requests Copilot CLI made to models ${DAY}.`],
  ['prompt_count', `Prompts users sent in Copilot CLI ${DAY}.`],
  ['token_usage.output_tokens_sum', `Output tokens generated for Copilot CLI ${DAY}.`],
  ['token_usage.prompt_tokens_sum', `Prompt (input) tokens sent for Copilot CLI ${DAY}.`],
  ['token_usage.avg_tokens_per_request', `Average tokens per Copilot CLI request ${DAY}.`],
];

const PULL_REQUESTS: Array<[string, string]> = [
  ['total_created', `Pull requests created ${DAY}.`],
  ['total_reviewed', `Pull requests reviewed ${DAY}.`],
  ['total_merged', `Pull requests merged ${DAY}.`],
  ['median_minutes_to_merge', `Median minutes from creation to merge of pull requests merged ${DAY}.`],
  ['total_suggestions', `Review suggestions made on pull requests ${DAY}.`],
  ['total_applied_suggestions', `Review suggestions applied ${DAY}.`],
  ['total_created_by_copilot', `Pull requests created by Copilot ${DAY}.`],
  ['total_reviewed_by_copilot', `Pull requests reviewed by Copilot ${DAY}.`],
  ['total_merged_created_by_copilot', `Pull requests created by Copilot and merged ${DAY}.`],
  ['total_merged_reviewed_by_copilot', `Pull requests reviewed by Copilot and merged ${DAY}.`],
  ['median_minutes_to_merge_copilot_authored', `Median minutes to merge of Copilot-authored pull requests merged ${DAY}.`],
  ['median_minutes_to_merge_copilot_reviewed', `Median minutes to merge of Copilot-reviewed pull requests merged ${DAY}.`],
  ['total_copilot_suggestions', `Review suggestions made by Copilot ${DAY}.`],
  ['total_copilot_applied_suggestions', `Review suggestions by Copilot that were applied ${DAY}.`],
];

/** CONTRACT §4a rule 1: drop a trailing `_count` or `_sum`. */
export function stripCountSum(field: string): string {
  return field.replace(/_(count|sum)$/, '');
}

/** CONTRACT §4a rule 3: `pull_requests.F` also drops a leading `total_`. */
export function pullRequestName(field: string): string {
  return `pull_requests_${stripCountSum(field).replace(/^total_/, '')}`;
}

/** CONTRACT §4a rule 4: `totals_by_<x>.a.b_sum` → `<x>_a_b`. */
export function nestedObjectName(prefix: string, path: readonly string[]): string {
  return [prefix, ...path.slice(0, -1), stripCountSum(path[path.length - 1] ?? '')].join('_');
}

export const DAY_TIMESTAMP: MetricDefinition = {
  name: 'github_copilot_metrics_day_timestamp_seconds',
  help: 'The day the Copilot values describe: 00:00 UTC of the latest complete day GitHub reports, as a Unix time.',
  type: 'gauge',
  labels: [],
  source: 'day_totals[].day (usage-metrics), date (legacy-metrics)',
  api: 'both',
};

function usageMetricsDefinitions(): MetricDefinition[] {
  const defs: MetricDefinition[] = [];
  for (const [field, help] of ACTIVE_USERS) defs.push(usage(field, `day_totals[].${field}`, help));
  for (const [field, help] of ACTIVITY) {
    defs.push(usage(stripCountSum(field), `day_totals[].${field}`, `${help} ${DAY}.`));
  }
  // Only in user rows (users-1-day), since 2026-06.
  defs.push(usage('ai_credits_used', 'ai_credits_used', `AI credits used ${DAY}.`));
  for (const breakdown of BREAKDOWNS) {
    for (const [field, help] of ACTIVITY) {
      defs.push(
        usage(
          `${stripCountSum(field)}_by_${breakdown.dims}`,
          `day_totals[].totals_by_${breakdown.dims}[].${field}`,
          `${help} ${DAY}, by ${breakdown.what}.`,
          breakdown.labels,
        ),
      );
    }
  }
  for (const [field, help] of PULL_REQUESTS) {
    defs.push(usage(pullRequestName(field), `day_totals[].pull_requests.${field}`, help));
  }
  for (const [field, help] of CLI) {
    defs.push(usage(nestedObjectName('cli', field.split('.')), `day_totals[].totals_by_cli.${field}`, help));
  }
  return defs;
}

function legacy(name: string, source: string, labels: readonly string[], help: string): MetricDefinition {
  return { name: `github_copilot_${name}`, help, type: 'gauge', labels, source, api: 'legacy-metrics' };
}

const COMPLETIONS = 'copilot_ide_code_completions';
const IDE_CHAT = 'copilot_ide_chat';
const DOTCOM_CHAT = 'copilot_dotcom_chat';
const PR = 'copilot_dotcom_pull_requests';
const CC_LANG = `${COMPLETIONS}.editors[].models[].languages[]`;
const LEGACY_DAY = 'on the reported day (legacy Copilot Metrics API)';

/**
 * CONTRACT §4b: every leaf of GitHub's `copilot-usage-metrics-day` schema. Each `[]` in a source is an
 * array whose entries are matched by `name`, which becomes the label named in LEGACY_ARRAY_LABELS.
 */
function legacyMetricsDefinitions(): MetricDefinition[] {
  return [
    legacy('active_users', 'total_active_users', [], `Users with any Copilot activity, including passive use such as receiving a suggestion, ${LEGACY_DAY}.`),
    legacy('engaged_users', 'total_engaged_users', [], `Users who engaged with any Copilot feature (accepted a suggestion, prompted chat, …) ${LEGACY_DAY}.`),
    legacy('ide_code_completions_engaged_users', `${COMPLETIONS}.total_engaged_users`, [], `Users who accepted an IDE code suggestion ${LEGACY_DAY}.`),
    legacy('ide_code_completions_engaged_users_by_language', `${COMPLETIONS}.languages[].total_engaged_users`, ['language'], `Users who accepted an IDE code suggestion, by language, ${LEGACY_DAY}.`),
    legacy('ide_code_completions_engaged_users_by_editor', `${COMPLETIONS}.editors[].total_engaged_users`, ['editor'], `Users who accepted an IDE code suggestion, by editor, ${LEGACY_DAY}.`),
    legacy('ide_code_completions_engaged_users_by_editor_model', `${COMPLETIONS}.editors[].models[].total_engaged_users`, ['editor', 'model'], `Users who accepted an IDE code suggestion, by editor and model, ${LEGACY_DAY}.`),
    legacy('ide_code_completions_engaged_users_by_editor_model_language', `${CC_LANG}.total_engaged_users`, ['editor', 'model', 'language'], `Users who accepted an IDE code suggestion, by editor, model and language, ${LEGACY_DAY}.`),
    legacy('ide_code_completions_code_suggestions', `${CC_LANG}.total_code_suggestions`, ['editor', 'model', 'language'], `IDE code suggestions shown ${LEGACY_DAY}.`),
    legacy('ide_code_completions_code_acceptances', `${CC_LANG}.total_code_acceptances`, ['editor', 'model', 'language'], `IDE code suggestions accepted ${LEGACY_DAY}.`),
    legacy('ide_code_completions_code_lines_suggested', `${CC_LANG}.total_code_lines_suggested`, ['editor', 'model', 'language'], `Lines of code suggested in the IDE ${LEGACY_DAY}.`),
    legacy('ide_code_completions_code_lines_accepted', `${CC_LANG}.total_code_lines_accepted`, ['editor', 'model', 'language'], `Lines of code accepted in the IDE ${LEGACY_DAY}.`),
    legacy('ide_chat_engaged_users', `${IDE_CHAT}.total_engaged_users`, [], `Users who prompted Copilot Chat in the IDE ${LEGACY_DAY}.`),
    legacy('ide_chat_engaged_users_by_editor', `${IDE_CHAT}.editors[].total_engaged_users`, ['editor'], `Users who prompted Copilot Chat in the IDE, by editor, ${LEGACY_DAY}.`),
    legacy('ide_chat_engaged_users_by_editor_model', `${IDE_CHAT}.editors[].models[].total_engaged_users`, ['editor', 'model'], `Users who prompted Copilot Chat in the IDE, by editor and model, ${LEGACY_DAY}.`),
    legacy('ide_chat_chats', `${IDE_CHAT}.editors[].models[].total_chats`, ['editor', 'model'], `Copilot Chat conversations in the IDE ${LEGACY_DAY}.`),
    legacy('ide_chat_chat_insertion_events', `${IDE_CHAT}.editors[].models[].total_chat_insertion_events`, ['editor', 'model'], `Times users inserted Copilot Chat code into a file ${LEGACY_DAY}.`),
    legacy('ide_chat_chat_copy_events', `${IDE_CHAT}.editors[].models[].total_chat_copy_events`, ['editor', 'model'], `Times users copied Copilot Chat code ${LEGACY_DAY}.`),
    legacy('dotcom_chat_engaged_users', `${DOTCOM_CHAT}.total_engaged_users`, [], `Users who prompted Copilot Chat on github.com ${LEGACY_DAY}.`),
    legacy('dotcom_chat_engaged_users_by_model', `${DOTCOM_CHAT}.models[].total_engaged_users`, ['model'], `Users who prompted Copilot Chat on github.com, by model, ${LEGACY_DAY}.`),
    legacy('dotcom_chat_chats', `${DOTCOM_CHAT}.models[].total_chats`, ['model'], `Copilot Chat conversations on github.com ${LEGACY_DAY}.`),
    legacy('dotcom_pull_requests_engaged_users', `${PR}.total_engaged_users`, [], `Users who generated a pull request summary with Copilot ${LEGACY_DAY}.`),
    legacy('dotcom_pull_requests_engaged_users_by_repository', `${PR}.repositories[].total_engaged_users`, ['repository'], `Users who generated a pull request summary, by repository, ${LEGACY_DAY}.`),
    legacy('dotcom_pull_requests_engaged_users_by_repository_model', `${PR}.repositories[].models[].total_engaged_users`, ['repository', 'model'], `Users who generated a pull request summary, by repository and model, ${LEGACY_DAY}.`),
    legacy('dotcom_pull_requests_pr_summaries_created', `${PR}.repositories[].models[].total_pr_summaries_created`, ['repository', 'model'], `Pull request summaries Copilot created ${LEGACY_DAY}.`),
  ];
}

/** The label each legacy array's `name` becomes. */
export const LEGACY_ARRAY_LABELS: Readonly<Record<string, string>> = {
  languages: 'language',
  editors: 'editor',
  models: 'model',
  repositories: 'repository',
};

/** Every `models[]` array of a legacy day; each entry yields one `github_copilot_model_info` series. */
export const LEGACY_MODEL_ARRAYS = [`${COMPLETIONS}.editors[].models[]`, `${IDE_CHAT}.editors[].models[]`, `${DOTCOM_CHAT}.models[]`, `${PR}.repositories[].models[]`];

export const MODEL_INFO = legacy(
  'model_info',
  'any models[] entry',
  ['model', 'is_custom_model', 'custom_model_training_date'],
  'Always 1 for each model GitHub reports; custom_model_training_date is absent for models that are not custom.',
);

function exporter(name: string, type: 'gauge' | 'counter', labels: readonly string[], help: string): MetricDefinition {
  return { name: `github_copilot_exporter_${name}`, help, type, labels, source: 'exporter', api: 'exporter' };
}

/** CONTRACT §4c. `scope` stands for the scope labels (`enterprise` or `org`, and `team`). */
const SCOPE = [...SCOPE_LABELS];

export const SELF_METRICS = {
  buildInfo: exporter('build_info', 'gauge', ['version'], 'Always 1; the version label says which exporter build is running.'),
  targetUp: exporter(
    'target_up',
    'gauge',
    SCOPE,
    "Whether the last poll of this target's main report (collector usage or legacy) succeeded (1) or failed (0); an optional collector never sets it to 0.",
  ),
  lastSuccess: exporter(
    'last_success_timestamp_seconds',
    'gauge',
    SCOPE,
    "When the last successful poll of this target's main report finished, as a Unix time.",
  ),
  pollDuration: exporter('poll_duration_seconds', 'gauge', SCOPE, 'How long the last poll of this target took (all its collectors), in seconds.'),
  collectorSuccess: exporter(
    'collector_success',
    'gauge',
    [...SCOPE, 'collector'],
    'Whether the last attempt of this collector (one GitHub report family) for this target succeeded (1) or failed (0).',
  ),
  collectorLastSuccess: exporter(
    'collector_last_success_timestamp_seconds',
    'gauge',
    [...SCOPE, 'collector'],
    'When the last successful attempt of this collector for this target finished, as a Unix time.',
  ),
  pollErrors: exporter('poll_errors_total', 'counter', [...SCOPE, 'collector', 'reason'], 'Failed collector attempts of this target, by collector and reason (one per failed attempt).'),
  githubRequests: exporter(
    'github_requests_total',
    'counter',
    ['endpoint', 'code'],
    'Requests to GitHub by endpoint template and HTTP status (timeout or network when there was no answer).',
  ),
  rateLimitRemaining: exporter(
    'rate_limit_remaining',
    'gauge',
    ['resource'],
    'Requests left in the current GitHub rate-limit window, as GitHub last reported.',
  ),
  rateLimitReset: exporter(
    'rate_limit_reset_timestamp_seconds',
    'gauge',
    ['resource'],
    'When the current GitHub rate-limit window resets, as a Unix time.',
  ),
  droppedSeries: exporter(
    'dropped_series_total',
    'counter',
    SCOPE,
    'Series left out by the cardinality guard MAX_SERIES_PER_FAMILY, counted each time a report is mapped.',
  ),
  droppedUsers: exporter(
    'dropped_users_total',
    'counter',
    SCOPE,
    'Users left out of the per-user series by the cap COPILOT_USER_METRICS_MAX_USERS, counted each time a new day is mapped.',
  ),
} satisfies Record<string, MetricDefinition>;

/** The usage-metrics families: the entity report's day rows, and the team and user rows mapped by the same rule. */
export const USAGE_DEFINITIONS: readonly MetricDefinition[] = [DAY_TIMESTAMP, ...usageMetricsDefinitions()];

export const LEGACY_DEFINITIONS: readonly MetricDefinition[] = [DAY_TIMESTAMP, ...legacyMetricsDefinitions(), MODEL_INFO];

const BY_NAME = new Map([...USAGE_DEFINITIONS, ...LEGACY_DEFINITIONS, ...Object.values(SELF_METRICS)].map((definition) => [definition.name, definition]));

/** The usage, legacy or exporter family of that name; with `api`, only one of that source (or one every source shares). */
export function findDefinition(name: string, api?: MetricApi): MetricDefinition | undefined {
  const definition = BY_NAME.get(name);
  return definition && (!api || definition.api === api || definition.api === 'both') ? definition : undefined;
}

/** A family for a numeric field GitHub added after this table was written (CONTRACT §4a rule 5). */
export function genericDefinition(name: string, source: string, labels: readonly string[], api: MetricApi): MetricDefinition {
  return {
    name,
    help: `GitHub Copilot field ${source} (no description in this exporter version yet), for the latest reported day.`,
    type: 'gauge',
    labels,
    source,
    api,
  };
}
