/**
 * The metric families of the usage-metrics and legacy-metrics reports, and of the exporter itself.
 * Each collector declares the families it exports (src/collectors/); the mappers look families up
 * here, the self-metrics are created from here, and the README catalogue is generated from the
 * collectors' declarations (src/collectors/index.ts), so docs cannot drift.
 *
 * Usage-metrics names follow the rule of docs/contract.md §4a, and a test checks that applying the rule to
 * each `source` gives the `name` written here; a numeric field GitHub adds later is still exported
 * by the same rule, with the generic HELP of `genericDefinition()`.
 */

/** Which source a family comes from; `both` for the day timestamp, which every source exports. */
export type MetricApi = 'usage-metrics' | 'legacy-metrics' | 'both' | 'seats' | 'repositories' | 'ai-credits' | 'data-changes' | 'exporter';

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
  // A repository family counts what the entity family of the same field counts (docs/contract.md §4e).
  const name = definition.name.replace(/^github_copilot_(exporter_|repository_)?/, '');
  const rules: Array<[RegExp, string]> = [
    [/(^|_)seconds$/, 's'],
    [/_usd($|_)/, 'USD'],
    [/minutes/, 'min'],
    [/(^|_)users($|_)/, '{user}'],
    [/(^|_)loc_|(^|_)lines?($|_)/, '{line}'],
    [/tokens/, '{token}'],
    [/^seat/, '{seat}'],
    [/suggestions/, '{suggestion}'],
    // The pull requests a repository's review-stage times describe (docs/contract.md §4i).
    [/review_times_merged$/, '{pull_request}'],
    [/review_cycles/, '{cycle}'],
    [/(^|_)pull_requests_/, '{pull_request}'],
    [/pr_summaries/, '{summary}'],
    [/ai_credits/, '{credit}'],
    [/(^|_)chats$/, '{chat}'],
    [/(^|_)session($|_)/, '{session}'],
    [/(^|_)messages($|_)/, '{message}'],
    [/^distinct_/, '{item}'],
    // A third-party agent's "interaction" is a task started; a CLI customization's, a use of it.
    [/interaction_by_3rd_party_agent$/, '{task}'],
    [/^interaction_by_/, '{interaction}'],
    [/(^|_)prompt($|_)|interaction/, '{prompt}'],
    [/requests|(^|_)request($|_)/, '{request}'],
  ];
  return rules.find(([pattern]) => pattern.test(name))?.[1] ?? '1';
}

const DAY = 'on the reported day';

function usage(name: string, source: string, help: string, labels: readonly string[] = []): MetricDefinition {
  return { name: `github_copilot_${name}`, help, type: 'gauge', labels, source, api: 'usage-metrics' };
}

/** Active-user counts of a day row (never summed across breakdowns: GitHub counts each user once). */
const ACTIVE_USERS: Array<[string, string]> = [
  [
    'daily_active_users',
    `Users who used Copilot ${DAY}. Since 2026-06-15 enterprises also count users seen only by server-side telemetry, who have no IDE or feature breakdown: sums over a breakdown can be below this total.`,
  ],
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
  ['daily_active_copilot_app_users', `Users who used the GitHub Copilot app ${DAY} (daily_active_users counts them too, app-only users included).`],
  ['daily_active_vscode_agent_users', `Users who used the VS Code Agents window ${DAY} (not agent mode inside the editor).`],
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

/**
 * The other `totals_by_<dims>[]` arrays (docs/contract.md §4a rule 4b, added by GitHub in 2026): each numeric field
 * `F` of an element becomes `<F'>_by_<dims>`, labelled by `labels`. Where the contract fixes them
 * (`fixedLabels`), only those keys label the series and `notMetrics` lists numbers that are no metric;
 * elsewhere the element's text keys label it, as for any array GitHub adds (rule 2).
 */
export interface ArrayTotals {
  dims: string;
  labels: readonly string[];
  fixedLabels?: true;
  notMetrics?: readonly string[];
  fields: ReadonlyArray<readonly [string, string]>;
}

/** Copilot CLI customizations (2026-09-17): a top-five `totals_by_<dims>[]` and a `distinct_<dims>_use_count` each. */
const CLI_CUSTOMIZATIONS: Array<{ dims: string; what: string; counted: string; grouped: string; note?: string }> = [
  { dims: 'skill', what: 'skills', counted: 'skill invocations', grouped: 'other', note: ' Skills of plugins count here too.' },
  { dims: 'custom_agent', what: 'custom agents', counted: 'custom agent uses', grouped: 'other' },
  { dims: 'mcp', what: 'MCP servers', counted: 'MCP server connection attempts, successful or not (not tool calls)', grouped: 'other' },
  { dims: 'slash_cmd', what: 'slash commands', counted: 'slash command uses', grouped: 'custom' },
  { dims: 'plugin', what: 'plugins', counted: 'skill invocations of plugins', grouped: 'other', note: ' A subset of github_copilot_interaction_by_skill: never add the two.' },
];

const PER_PHASE_USER = `per engaged user of the AI adoption phase ${DAY} (an average: never add phases up)`;

export const ARRAY_TOTALS: readonly ArrayTotals[] = [
  {
    dims: '3rd_party_agent',
    labels: ['agent_id', 'agent_name'],
    fixedLabels: true,
    fields: [
      [
        'user_initiated_interaction_count',
        `Tasks users started with a third-party agent app ${DAY}, by agent (agent_id is stable, agent_name may change). Task starts, not prompts: never add them to github_copilot_user_initiated_interaction.`,
      ],
      ['session_count', `Sessions of a third-party agent app ${DAY}, by agent (organization and enterprise reports only, not per user).`],
    ],
  },
  ...CLI_CUSTOMIZATIONS.map(({ dims, what, counted, grouped, note = '' }) => ({
    dims,
    labels: [dims],
    fields: [['interaction_count', `Copilot CLI ${counted} ${DAY}, for the five most used ${what} (customer-defined ones grouped as ${grouped}).${note}`] as const],
  })),
  {
    dims: 'ai_adoption_phase',
    labels: ['phase', 'version'],
    fixedLabels: true,
    // The phase's number only restates its name (No Cohort 0, Phase 1 to 3).
    notMetrics: ['phase_number'],
    fields: [
      [
        'total_engaged_users',
        `Engaged users (Copilot used on at least 2 of the last 28 days) in each AI adoption phase ${DAY}: No Cohort, Phase 1 code first, Phase 2 agent first, Phase 3 multi-agent; version names the classification.`,
      ],
      ['avg_user_initiated_interactions', `Average prompts sent to Copilot ${PER_PHASE_USER}.`],
      ['avg_code_generation_activities', `Average code suggestions and generated edits shown ${PER_PHASE_USER}.`],
      ['avg_code_acceptance_activities', `Average code suggestions and generated edits accepted ${PER_PHASE_USER}.`],
      ['avg_loc_added', `Average lines of code added with Copilot ${PER_PHASE_USER}.`],
      ['avg_loc_deleted', `Average lines of code deleted with Copilot ${PER_PHASE_USER}.`],
      ['avg_pull_requests_created', `Average pull requests created ${PER_PHASE_USER}.`],
      ['avg_pull_requests_merged', `Average pull requests merged ${PER_PHASE_USER}.`],
      ['avg_pull_requests_reviewed', `Average pull requests reviewed ${PER_PHASE_USER}.`],
      ['avg_pull_requests_median_minutes_to_merge', `Average of the median minutes to merge ${PER_PHASE_USER}.`],
      // Seen only in third-party copies of the reports so far.
      ['avg_pull_requests_minutes_to_review', `Average minutes to review of pull requests ${PER_PHASE_USER}.`],
      ['avg_pull_requests_review_cycles', `Average review cycles of pull requests ${PER_PHASE_USER}.`],
    ],
  },
];

/** `totals_by_<prefix>` objects (docs/contract.md §4a rules 4 and 4b): Copilot CLI and the Copilot app count sessions, requests, prompts and tokens alike. */
function sessionTotals(name: string, inName: string): Array<[string, string]> {
  return [
    ['session_count', `${name} sessions ${DAY}.`],
    ['request_count', `Requests ${inName} made to models ${DAY}.`],
    ['prompt_count', `Prompts users sent in ${inName} ${DAY}.`],
    ['token_usage.output_tokens_sum', `Output tokens generated for ${inName} ${DAY}.`],
    ['token_usage.prompt_tokens_sum', `Prompt (input) tokens sent for ${inName} ${DAY}.`],
    ['token_usage.avg_tokens_per_request', `Average tokens per ${name} request ${DAY}.`],
  ];
}

const OBJECT_TOTALS: Array<{ prefix: string; fields: Array<[string, string]> }> = [
  { prefix: 'cli', fields: sessionTotals('Copilot CLI', 'Copilot CLI') },
  { prefix: 'copilot_app', fields: sessionTotals('Copilot app', 'the Copilot app') },
  {
    prefix: 'vscode_agent',
    fields: [
      ['session_count', `Sessions in the VS Code Agents window ${DAY}.`],
      ['total_user_messages', `Messages users sent in the VS Code Agents window ${DAY}.`],
    ],
  },
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
  ['avg_pull_requests_minutes_to_review', `Average minutes to review of pull requests reviewed ${DAY}.`],
  ['avg_pull_requests_review_cycles', `Average review cycles of pull requests reviewed ${DAY}.`],
];

/** docs/contract.md §4a rule 1: drop a trailing `_count` or `_sum`. */
export function stripCountSum(field: string): string {
  return field.replace(/_(count|sum)$/, '');
}

/** docs/contract.md §4a rule 3: `pull_requests.F` also drops a leading `total_`. */
export function pullRequestName(field: string): string {
  return `pull_requests_${stripCountSum(field).replace(/^total_/, '')}`;
}

/** docs/contract.md §4a rule 4: `totals_by_<x>.a.b_sum` → `<x>_a_b`. */
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
  // In user rows (users-1-day) since 2026-06-19, summed per team; an entity report's field of that name maps here too (§4a).
  defs.push(
    usage(
      'ai_credits_used',
      'ai_credits_used',
      `AI credits used ${DAY}; per team, the sum over its members (a user in two teams counts in both, so teams add up to more than the organization). A usage signal for sharing a bill out, not the billed amount (github_copilot_ai_credits_net_amount_usd).`,
    ),
  );
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
  for (const { dims, labels, fields } of ARRAY_TOTALS) {
    for (const [field, help] of fields) defs.push(usage(`${stripCountSum(field)}_by_${dims}`, `day_totals[].totals_by_${dims}[].${field}`, help, labels));
  }
  for (const { dims, what } of CLI_CUSTOMIZATIONS) {
    const help = `Distinct Copilot CLI ${what} used ${DAY}, the top five and all others. A count of ${what}, not of users, and never a sum: an enterprise's is not the sum of its organizations' or users' counts.`;
    defs.push(usage(`distinct_${dims}_use`, `day_totals[].distinct_${dims}_use_count`, help));
  }
  for (const [field, help] of PULL_REQUESTS) {
    defs.push(usage(pullRequestName(field), `day_totals[].pull_requests.${field}`, help));
  }
  for (const { prefix, fields } of OBJECT_TOTALS) {
    for (const [field, help] of fields) defs.push(usage(nestedObjectName(prefix, field.split('.')), `day_totals[].totals_by_${prefix}.${field}`, help));
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
 * docs/contract.md §4b: every leaf of GitHub's `copilot-usage-metrics-day` schema. Each `[]` in a source is an
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

/** docs/contract.md §4c. `scope` stands for the scope labels (`enterprise` or `org`, and `team`). */
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
  reportRevisions: exporter(
    'report_revisions_total',
    'counter',
    [...SCOPE, 'collector'],
    'Re-reads of a provisional day (PROVISIONAL_REFRESH_INTERVAL) whose figures differed from those served: GitHub revised the day.',
  ),
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
  remoteWriteSamples: exporter(
    'remote_write_samples_total',
    'counter',
    [],
    'Samples the remote write receiver (REMOTE_WRITE_URL) accepted: each new day of the Copilot series that describe a day, written at 00:00 UTC of that day.',
  ),
  remoteWriteFailures: exporter(
    'remote_write_failures_total',
    'counter',
    ['reason'],
    'Failed remote write requests, by reason: rejected (a 4xx other than 429; those samples are dropped and logged), rate_limited, server_error or network (retried with backoff).',
  ),
} satisfies Record<string, MetricDefinition>;

/** The usage-metrics families: the entity report's day rows, and the team and user rows mapped by the same rule. */
export const USAGE_DEFINITIONS: readonly MetricDefinition[] = [DAY_TIMESTAMP, ...usageMetricsDefinitions()];

/**
 * Per-user info series of the `users-1-day` rows (COPILOT_USER_METRICS=true), always 1, with the versions
 * GitHub last saw as labels, so that "who runs an outdated plugin" is one query. Version objects are never
 * metrics by the rule of docs/contract.md §4a (rule 5), hence families of their own.
 */
export const USER_INFO = {
  ide: usage(
    'user_ide_info',
    'users-1-day: totals_by_ide[].ide, .last_known_ide_version.ide_version, .last_known_plugin_version.plugin and .plugin_version',
    'Always 1 for each IDE a user used on the reported day, with the last IDE and Copilot plugin versions GitHub saw (a version GitHub does not know is no label); per user, opt-in.',
    ['user', 'ide', 'ide_version', 'plugin', 'plugin_version'],
  ),
  cli: usage(
    'user_cli_info',
    'users-1-day: totals_by_cli.last_known_cli_version.cli_version',
    'Always 1 for each user who used Copilot CLI on the reported day, with the last Copilot CLI version GitHub saw; per user, opt-in.',
    ['user', 'cli_version'],
  ),
} satisfies Record<string, MetricDefinition>;

/** docs/contract.md §4i: a team's size, from the day's `user-teams-1-day` report (team adoption is daily active users over it). */
export const TEAM_MEMBERS = usage(
  'team_members',
  'user-teams-1-day: users listed for the team',
  'Users the day’s membership report lists for the team, active or not (GitHub lists seated members and leaves out teams of fewer than five). Team adoption is github_copilot_daily_active_users over it.',
);

const CLIENT_VERSION_HELP = `by the version their row last reported ${DAY} (users-1-day, no per-user series needed); a version GitHub leaves out or empty is no label. A user counts once per label set.`;

/**
 * docs/contract.md §4i: active users counted by the client versions GitHub last saw, so that outdated
 * clients (undercounted agent activity, announced 2026-10-06) are found without per-user series.
 */
export const CLIENT_VERSIONS = {
  ide: usage('users_by_ide_version', 'users-1-day: totals_by_ide[].ide, .last_known_ide_version.ide_version', `Active users of each IDE ${CLIENT_VERSION_HELP}`, ['ide', 'ide_version']),
  plugin: usage(
    'users_by_plugin_version',
    'users-1-day: totals_by_ide[].ide, .last_known_plugin_version.plugin and .plugin_version',
    `Active users of each IDE's Copilot plugin ${CLIENT_VERSION_HELP}`,
    ['ide', 'plugin', 'plugin_version'],
  ),
  cli: usage('users_by_cli_version', 'users-1-day: totals_by_cli.last_known_cli_version.cli_version', `Active users of Copilot CLI ${CLIENT_VERSION_HELP}`, ['cli_version']),
} satisfies Record<string, MetricDefinition>;

export const LEGACY_DEFINITIONS: readonly MetricDefinition[] = [DAY_TIMESTAMP, ...legacyMetricsDefinitions(), MODEL_INFO];

const BY_NAME = new Map([...USAGE_DEFINITIONS, ...Object.values(USER_INFO), TEAM_MEMBERS, ...Object.values(CLIENT_VERSIONS), ...LEGACY_DEFINITIONS, ...Object.values(SELF_METRICS)].map((definition) => [definition.name, definition]));

/** The usage, legacy or exporter family of that name; with `api`, only one of that source (or one every source shares). */
export function findDefinition(name: string, api?: MetricApi): MetricDefinition | undefined {
  const definition = BY_NAME.get(name);
  return definition && (!api || definition.api === api || definition.api === 'both') ? definition : undefined;
}

/** A family for a numeric field GitHub added after this table was written (docs/contract.md §4a rule 5). */
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
