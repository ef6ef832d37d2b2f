/**
 * Recording and alerting rules (one source for prometheus/github-copilot.rules.yml).
 *
 * Recording rules are named level:metric:operations. Ratios are always ratios of sums, computed per
 * series scope (`enterprise` or `org`, and `team`) and never summed again; breakdown sums use
 * `without (…)` so that every other label, `job` and `instance` included, is kept as it is.
 */
import { outdatedClientsExpr } from './client-versions.js';
import type { MixinConfig } from './config.js';

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'warning' | 'critical' };
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertRule>;
}

/** `a / (b > 0)`: a ratio that is absent, not infinite, when the denominator is zero. */
function ratio(numerator: string, denominator: string): string {
  return `${numerator}\n/\n(${denominator} > 0)`;
}

/**
 * A series' value a week earlier: its latest sample in the day that ends 7 days ago. Scraped history has a
 * sample every scrape, and there it is the plain `offset 7d`; backfilled and remote-written history has one
 * sample a day (at 00:00 UTC of the day), which a plain offset finds only in the five minutes after it.
 */
function weekEarlier(selector: string): string {
  return `last_over_time(${selector}[1d] offset 7d)`;
}

function sumWithout(labels: string, metric: string): string {
  return `sum without (${labels}) (${metric})`;
}

/**
 * GitHub's `feature` value for inline code completions (totals_by_feature[], totals_by_language_feature[] and
 * totals_by_model_feature[]; docs/github-usage-fields.md). Its suggestions are what the industry's
 * "acceptance rate" counts; chat and agent edits are other features, and an agent edit's added lines are
 * edits applied, not suggestions accepted.
 */
export const CODE_COMPLETION = 'code_completion';

/** The two acceptance ratios of the usage data: `name`, numerator family, denominator family. */
const ACCEPTANCE_RATIOS = [
  ['code_acceptance', 'github_copilot_code_acceptance_activity', 'github_copilot_code_generation_activity'],
  ['loc_acceptance', 'github_copilot_loc_added', 'github_copilot_loc_suggested_to_add'],
] as const;

const COMPLETIONS = `feature="${CODE_COMPLETION}"`;

/**
 * The acceptance ratios per scope and per breakdown, by count (`code_acceptance`) and by lines (`loc_acceptance`):
 * - `github_copilot_<name>:ratio` is the headline acceptance rate, of code completions only; per language and
 *   per model it comes from the language × feature and model × feature breakdowns, and the feature label goes.
 * - `github_copilot_<name>_all_features:ratio` adds up every feature (completions, chat, agent edits): the day
 *   totals, and per IDE, since GitHub has no IDE × feature breakdown to take completions from.
 * - `scope_feature:github_copilot_<name>:ratio` is each feature's own ratio; its code_completion series is the headline.
 */
function acceptanceRules(): RecordingRule[] {
  const completions = (family: string) => sumWithout('feature', `${family}{${COMPLETIONS}}`);
  const perBreakdown: Array<[string, string, (family: string) => string]> = [
    ['scope', '', (family) => completions(`${family}_by_feature`)],
    ['scope', '_all_features', (family) => family],
    ['scope_ide', '_all_features', (family) => `${family}_by_ide`],
    ['scope_feature', '', (family) => `${family}_by_feature`],
    ['scope_language', '', (family) => completions(`${family}_by_language_feature`)],
    ['scope_model', '', (family) => completions(`${family}_by_model_feature`)],
  ];
  return perBreakdown.flatMap(([level, suffix, series]) =>
    ACCEPTANCE_RATIOS.map(([name, numerator, denominator]) => ({ record: `${level}:github_copilot_${name}${suffix}:ratio`, expr: ratio(series(numerator), series(denominator)) })),
  );
}

/**
 * Team adoption (docs/contract.md §4i): a team's daily active users over its members (the users the day's
 * membership report lists, active or not), and that share averaged over the 28 days that end on the reported
 * day, GitHub's window for monthly figures (the team reports carry no 28-day active users).
 */
function teamRules(): RecordingRule[] {
  return [
    { record: 'scope:github_copilot_team_adoption:ratio', expr: ratio('github_copilot_daily_active_users{team!=""}', 'github_copilot_team_members') },
    { record: 'scope:github_copilot_team_adoption:avg_28d', expr: 'avg_over_time(scope:github_copilot_team_adoption:ratio[28d])' },
  ];
}

export function recordingRules(config: MixinConfig): RecordingRule[] {
  const usage: RecordingRule[] = [
    ...acceptanceRules(),
    { record: 'scope:github_copilot_chat_adoption:ratio', expr: ratio('github_copilot_monthly_active_chat_users', 'github_copilot_monthly_active_users') },
    { record: 'scope:github_copilot_agent_adoption:ratio', expr: ratio('github_copilot_monthly_active_agent_users', 'github_copilot_monthly_active_users') },
    { record: 'scope:github_copilot_weekly_active_users:ratio_offset_7d', expr: ratio('github_copilot_weekly_active_users', weekEarlier('github_copilot_weekly_active_users')) },
    { record: 'scope:github_copilot_daily_active_users:ratio_offset_7d', expr: ratio('github_copilot_daily_active_users', weekEarlier('github_copilot_daily_active_users')) },
    { record: 'scope:github_copilot_metrics_day_age:days', expr: '(time() - github_copilot_metrics_day_timestamp_seconds) / 86400' },
    { record: 'scope:github_copilot_pull_requests_review_suggestions_applied:ratio', expr: ratio('github_copilot_pull_requests_applied_suggestions', 'github_copilot_pull_requests_suggestions') },
    {
      record: 'scope:github_copilot_pull_requests_copilot_suggestions_applied:ratio',
      expr: ratio('github_copilot_pull_requests_copilot_applied_suggestions', 'github_copilot_pull_requests_copilot_suggestions'),
    },
    { record: 'scope:github_copilot_pull_requests_merged_created_by_copilot:ratio', expr: ratio('github_copilot_pull_requests_merged_created_by_copilot', 'github_copilot_pull_requests_merged') },
    // Adoption against licences: monthly active users over seats (organizations and enterprises; teams have no seats).
    {
      record: 'scope:github_copilot_seat_adoption:ratio',
      expr: `github_copilot_monthly_active_users{team=""}\n/ ignoring (state)\n(github_copilot_seats{state="total"} > 0)`,
    },
    { record: 'scope:github_copilot_cloud_agent_adoption:ratio', expr: ratio('github_copilot_monthly_active_copilot_cloud_agent_users', 'github_copilot_monthly_active_users') },
  ];
  const legacy: RecordingRule[] = [
    {
      record: 'scope:github_copilot_ide_code_completions_acceptance:ratio',
      expr: ratio(sumWithout('editor, model, language', 'github_copilot_ide_code_completions_code_acceptances'), sumWithout('editor, model, language', 'github_copilot_ide_code_completions_code_suggestions')),
    },
    {
      record: 'scope:github_copilot_ide_code_completions_lines_acceptance:ratio',
      expr: ratio(sumWithout('editor, model, language', 'github_copilot_ide_code_completions_code_lines_accepted'), sumWithout('editor, model, language', 'github_copilot_ide_code_completions_code_lines_suggested')),
    },
    {
      record: 'scope_language:github_copilot_ide_code_completions_acceptance:ratio',
      expr: ratio(sumWithout('editor, model', 'github_copilot_ide_code_completions_code_acceptances'), sumWithout('editor, model', 'github_copilot_ide_code_completions_code_suggestions')),
    },
    {
      record: 'scope_editor:github_copilot_ide_code_completions_acceptance:ratio',
      expr: ratio(sumWithout('model, language', 'github_copilot_ide_code_completions_code_acceptances'), sumWithout('model, language', 'github_copilot_ide_code_completions_code_suggestions')),
    },
  ];
  const exporter: RecordingRule[] = [
    // Per exporter instance, so that the dashboards' instance variable can pick one (the rate limit belongs to
    // the token: add instances up with `sum without (instance)` for replicas that share one).
    { record: 'instance_endpoint_code:github_copilot_exporter_github_requests:increase1h', expr: 'increase(github_copilot_exporter_github_requests_total[1h])' },
  ];
  const clients: RecordingRule[] = [{ record: 'scope_ide:github_copilot_users_on_outdated_client:ratio', expr: outdatedClientsExpr(config) }];
  return [...usage, ...teamRules(), ...clients, ...aiCreditRules(), ...repositoryRules(), ...legacy, ...exporter];
}

/** What an AI credit series is broken down by, besides its scope and period (amounts carry no unit_type). */
const AI_CREDIT_LINE = 'product, sku, model';
const NET_AMOUNT = 'github_copilot_ai_credits_net_amount_usd';

/** A scope's net AI-credit spend in US dollars for a period, its products, SKUs and models added up, without the period label. */
function netSpend(period: 'day' | 'month_to_date'): string {
  return sumWithout(`${AI_CREDIT_LINE}, period`, `${NET_AMOUNT}{period="${period}"}`);
}

/**
 * A usage family's organization or enterprise value: team series (`team`) and per-user series (`user`) are
 * left out, since AI credits are billed per organization or enterprise and have neither label.
 */
function scopeTotal(family: string): string {
  return `${family}{team="", user=""}`;
}

/** Team series joined to their organization's or enterprise's billing series, which have no `team` label. */
const TO_BILLED_SCOPE = 'on (job, instance, enterprise, org) group_left ()';

/**
 * A team's part of the AI-credit bill, as an estimate (docs/contract.md §4i): its members' AI credits used on the
 * reported day (github_copilot_ai_credits_used{team}, a usage signal, not the bill) over the credits its
 * organization or enterprise was billed for the latest complete UTC day (gross quantity, all products, SKUs and
 * models), and that share of the day's net amount. The two days differ (billing runs about a day behind, the
 * usage reports two to three) and a user in two teams counts in both: an estimate for sharing a bill out.
 */
function teamCreditRules(): RecordingRule[] {
  const billedCredits = sumWithout(`${AI_CREDIT_LINE}, unit_type, period`, 'github_copilot_ai_credits_gross_quantity{period="day"}');
  const share = 'scope:github_copilot_ai_credits_used:share_of_billed_credits';
  return [
    { record: share, expr: `github_copilot_ai_credits_used{team!=""}\n/ ${TO_BILLED_SCOPE}\n(${billedCredits} > 0)` },
    { record: `scope:${NET_AMOUNT}:team_estimate`, expr: `${share}\n* ${TO_BILLED_SCOPE}\n${netSpend('day')}` },
  ];
}

/**
 * AI credit spend (collector ai_credits, COPILOT_AI_CREDIT_METRICS) per scope, and what it buys. Every cost ratio
 * divides the scope's whole net spend (all products, SKUs and models) by a usage count of the same scope, matched
 * one to one on job, instance and `enterprise` or `org`; both must come from the same exporter, as they do by default.
 * - per monthly active user: the month to date over the 28-day active users;
 * - per accepted line and per merged Copilot pull request: the latest complete UTC day over the latest reported
 *   usage day. Billing runs about a day behind, the usage reports two to three days: the two days differ, so these
 *   are day-level estimates to follow over weeks, not one day's exact unit cost.
 */
function aiCreditRules(): RecordingRule[] {
  return [
    ...teamCreditRules(),
    { record: `scope_period:${NET_AMOUNT}:sum`, expr: sumWithout(AI_CREDIT_LINE, NET_AMOUNT) },
    { record: `scope:${NET_AMOUNT}_per_monthly_active_user:ratio`, expr: ratio(netSpend('month_to_date'), scopeTotal('github_copilot_monthly_active_users')) },
    // All features' lines (completions, chat, agent edits): AI credits pay for chat and agents, not for the code completions a plan includes.
    { record: `scope:${NET_AMOUNT}_per_accepted_line_all_features:ratio`, expr: ratio(netSpend('day'), scopeTotal('github_copilot_loc_added')) },
    { record: `scope:${NET_AMOUNT}_per_merged_copilot_pull_request:ratio`, expr: ratio(netSpend('day'), scopeTotal('github_copilot_pull_requests_merged_created_by_copilot')) },
  ];
}

const REPOSITORY = 'repository, visibility';

/**
 * Per repository (collector repositories): Copilot's merged over created pull requests and its applied over made
 * review suggestions, per repository series and, as ratios of sums over the listed repositories, per scope.
 */
function repositoryRules(): RecordingRule[] {
  const pairs = [
    ['pull_requests_merged_created_by_copilot', 'github_copilot_repository_pull_requests_merged_created_by_copilot', 'github_copilot_repository_pull_requests_created_by_copilot'],
    ['pull_requests_copilot_suggestions_applied', 'github_copilot_repository_pull_requests_copilot_applied_suggestions', 'github_copilot_repository_pull_requests_copilot_suggestions'],
  ] as const;
  return pairs.flatMap(([name, numerator, denominator]) => [
    { record: `scope_repository:github_copilot_repository_${name}:ratio`, expr: ratio(numerator, denominator) },
    { record: `scope:github_copilot_repository_${name}:ratio`, expr: ratio(sumWithout(REPOSITORY, numerator), sumWithout(REPOSITORY, denominator)) },
  ]);
}

const SCOPE = '{{ with $labels.enterprise }}enterprise {{ . }}{{ end }}{{ with $labels.org }}organization {{ . }}{{ end }}{{ with $labels.team }}, team {{ . }}{{ end }}';

/**
 * The `collector` values of a target's main report, whose outcome is github_copilot_exporter_target_up
 * (`main: true` in src/collectors/); every other collector is optional, including ones added later.
 */
const MAIN_COLLECTORS = 'usage|legacy';

export function alertRules(config: MixinConfig): AlertRule[] {
  const selector = config.exporterSelector ? `{${config.exporterSelector}}` : '';
  const metric = (name: string, extra = '') => {
    const matchers = [config.exporterSelector, extra].filter(Boolean).join(', ');
    return matchers ? `${name}{${matchers}}` : name;
  };
  const runbook = (anchor: string) => `${config.runbookUrl}#${anchor}`;
  const daySpend = metric(`scope_period:${NET_AMOUNT}:sum`, 'period="day"');
  return [
    {
      alert: 'CopilotAdoptionDrop',
      expr:
        `${metric('scope:github_copilot_weekly_active_users:ratio_offset_7d')} < ${1 - config.adoptionDropRatio}\n` +
        `and ${weekEarlier(metric('github_copilot_weekly_active_users'))} >= ${config.adoptionMinWeeklyUsers}`,
      for: '1h',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Copilot weekly active users dropped against a week earlier.',
        description: `Weekly active Copilot users of ${SCOPE} are {{ $value | humanizePercentage }} of their value 7 days earlier (alert below ${Math.round((1 - config.adoptionDropRatio) * 100)}%). The values describe the latest day GitHub reported, which is provisional: GitHub revises a day until it settles three full UTC days later, so check the drop again then.`,
        runbook_url: runbook('copilotadoptiondrop'),
      },
    },
    {
      alert: 'CopilotDailyActiveUsersCollapse',
      expr:
        `${metric('scope:github_copilot_daily_active_users:ratio_offset_7d')} < ${1 - config.dauCollapseRatio}\n` +
        `and ${weekEarlier(metric('github_copilot_daily_active_users'))} >= ${config.dauCollapseMinUsers}`,
      for: '1h',
      labels: { severity: 'critical' },
      annotations: {
        summary: 'Copilot daily active users collapsed against the same weekday a week earlier.',
        description: `Daily active Copilot users of ${SCOPE} are {{ $value | humanizePercentage }} of the same weekday a week earlier (alert below ${Math.round((1 - config.dauCollapseRatio) * 100)}%): a licence, network, proxy or IDE rollout problem is likely. The latest day is provisional until it settles three full UTC days later; a collapse this deep is rarely a revision.`,
        runbook_url: runbook('copilotdailyactiveuserscollapse'),
      },
    },
    {
      alert: 'CopilotMetricsStale',
      // Whole days between the reported day and today (UTC): GitHub publishes a day within two full days
      // after it closes, so the difference is at most 3 in normal operation.
      expr: `floor(${metric('scope:github_copilot_metrics_day_age:days')}) > ${config.staleDays}`,
      for: '1h',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'The Copilot metrics describe a day that is too old.',
        description: `The latest day GitHub reported for ${SCOPE} is {{ $value }} days before today (alert above ${config.staleDays}); GitHub normally publishes a day within two full days after it ends.`,
        runbook_url: runbook('copilotmetricsstale'),
      },
    },
    {
      alert: 'CopilotExporterTargetDown',
      expr: `${metric('github_copilot_exporter_target_up')} == 0`,
      for: config.targetDownFor,
      labels: { severity: 'warning' },
      annotations: {
        summary: 'The exporter cannot poll a Copilot target.',
        description: `Every poll of ${SCOPE} has failed to fetch its main report (collector usage or legacy) for ${config.targetDownFor}; its last good values are still exposed. github_copilot_exporter_poll_errors_total says why. A failing optional collector never sets target_up to 0: CopilotCollectorFailing reports it.`,
        runbook_url: runbook('copilotexportertargetdown'),
      },
    },
    {
      alert: 'CopilotCollectorFailing',
      // Optional collectors only, and only while the target's main report works: a failing main report is
      // CopilotExporterTargetDown, and when everything fails (a revoked token, the network) so is the cause.
      expr:
        `${metric('github_copilot_exporter_collector_success', `collector!~"${MAIN_COLLECTORS}"`)} == 0\n` +
        `unless ignoring (collector) ${metric('github_copilot_exporter_target_up')} == 0`,
      for: config.collectorFailingFor,
      labels: { severity: 'warning' },
      annotations: {
        summary: `The {{ $labels.collector }} collector of ${SCOPE} keeps failing.`,
        description: `Every attempt of the {{ $labels.collector }} collector for ${SCOPE} has failed for ${config.collectorFailingFor}; its last good series are still exposed and it is retried at every poll. The target's other collectors and github_copilot_exporter_target_up are not affected. github_copilot_exporter_poll_errors_total{collector="{{ $labels.collector }}"} says why.`,
        runbook_url: runbook('copilotcollectorfailing'),
      },
    },
    {
      alert: 'CopilotExporterAbsent',
      expr: `absent(github_copilot_exporter_build_info${selector})`,
      for: config.absentFor,
      labels: { severity: 'critical' },
      annotations: {
        summary: 'The GitHub Copilot exporter has disappeared.',
        description: `Prometheus has no series from the GitHub Copilot exporter for ${config.absentFor}: it is down or no longer scraped.`,
        runbook_url: runbook('copilotexporterabsent'),
      },
    },
    {
      alert: 'CopilotGitHubRateLimitLow',
      expr:
        `${metric('github_copilot_exporter_rate_limit_remaining')} < ${config.rateLimitRemainingMin}\n` +
        `and ${metric('github_copilot_exporter_rate_limit_reset_timestamp_seconds')} > time()`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: "The exporter's GitHub rate limit is nearly exhausted.",
        description: `Only {{ $value }} GitHub requests are left in the {{ $labels.resource }} rate-limit window (alert below ${config.rateLimitRemainingMin}); the token is probably shared with other tools.`,
        runbook_url: runbook('copilotgithubratelimitlow'),
      },
    },
    {
      alert: 'CopilotGitHubErrorsPersisting',
      // Per series, main collectors only. Every poll attempts the main report once, so its counter counts
      // polls; added up over collectors it would count attempts (an outage fails every collector of a poll,
      // so one bad poll would count 3). A failing optional collector is CopilotCollectorFailing's alone.
      expr: `increase(${metric('github_copilot_exporter_poll_errors_total', `collector=~"${MAIN_COLLECTORS}", reason=~"server_error|timeout|network|rate_limited"`)}[${config.githubErrorsWindow}]) >= ${config.githubErrorsMin}`,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Polls of GitHub keep failing.',
        description: `{{ $value | printf "%.0f" }} polls of ${SCOPE} failed to fetch the main report ({{ $labels.collector }} collector) with {{ $labels.reason }} in the last ${config.githubErrorsWindow}. Only the main report counts here; an optional collector that keeps failing is reported by CopilotCollectorFailing.`,
        runbook_url: runbook('copilotgithuberrorspersisting'),
      },
    },
    {
      alert: 'CopilotRemoteWriteRejected',
      // A rejected request's day is dropped, not retried: one is enough. The counters start at 0 when
      // REMOTE_WRITE_URL is set, so the first rejection is an increase too.
      expr: `increase(${metric('github_copilot_exporter_remote_write_failures_total', 'reason="rejected"')}[1h]) > 0`,
      for: '0m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'The remote write receiver rejected Copilot history.',
        description: 'The remote write receiver of {{ $labels.instance }} rejected {{ $value | printf "%.0f" }} requests in the last hour (a 4xx other than 429); the days they carried were dropped and are missing from the database. The exporter log names the receiver\'s answer.',
        runbook_url: runbook('copilotremotewriterejected'),
      },
    },
    {
      alert: 'CopilotRemoteWriteFailing',
      // Retryable failures are retried at most five minutes apart, so an outage increases the counter in
      // every 15-minute window; a receiver that recovers stops it at the first accepted request.
      expr: `sum without (reason) (increase(${metric('github_copilot_exporter_remote_write_failures_total', 'reason!="rejected"')}[15m])) > 0`,
      for: config.remoteWriteFailingFor,
      labels: { severity: 'warning' },
      annotations: {
        summary: 'The exporter cannot push Copilot history to its remote write receiver.',
        description: `Remote write requests of {{ $labels.instance }} have kept failing (server errors, rate limits or no answer) for ${config.remoteWriteFailingFor}; the days wait in memory and are retried, /metrics and the polls are not affected.`,
        runbook_url: runbook('copilotremotewritefailing'),
      },
    },
    {
      alert: 'CopilotAICreditSpendSpike',
      // The gauge holds the latest complete day's spend for every scrape of a day, and that value grows while
      // GitHub bills late usage; a plain avg_over_time(…[7d]) would average every scrape's reading, early partial
      // ones included, and put the baseline below the days' real spend. The baseline samples each day once
      // instead: the subquery steps are aligned to 00:00 UTC, where last_over_time(…[1d]) is the last reading
      // of the day before (the one the exporter replaces after midnight), so it averages the 7 days before
      // the current one, each as completely as it was ever read. Without a week of the recorded series the
      // average is of fewer days; without any, it is absent and so is the alert.
      expr:
        `${daySpend}\n` +
        `> ${config.aiCreditSpendSpikeFactor} * avg_over_time(last_over_time(${daySpend}[1d])[7d:1d])\n` +
        `and ${daySpend} >= ${config.aiCreditSpendSpikeMinUsd}`,
      for: '1h',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Copilot AI-credit spend of a day is far above its average.',
        description: `The net AI-credit spend of ${SCOPE} on the latest complete UTC day is {{ $value | printf "%.2f" }} USD, more than ${config.aiCreditSpendSpikeFactor} times its daily average over the 7 days before (alert from ${config.aiCreditSpendSpikeMinUsd} USD). GitHub bills with a delay, so the day can still grow.`,
        runbook_url: runbook('copilotaicreditspendspike'),
      },
    },
    {
      alert: 'CopilotAICreditBudgetExceeded',
      // One budget for every scope, each compared on its own: an enterprise's bill and an organization's are separate.
      expr: `${metric(`scope_period:${NET_AMOUNT}:sum`, 'period="month_to_date"')} > ${config.aiCreditMonthlyBudgetUsd}`,
      for: '1h',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Copilot AI-credit spend of the month is above its budget.',
        description: `The month-to-date net AI-credit spend of ${SCOPE} is {{ $value | printf "%.2f" }} USD, above the monthly budget of ${config.aiCreditMonthlyBudgetUsd} USD. On the 1st of a month the month to date is the month that just ended.`,
        runbook_url: runbook('copilotaicreditbudgetexceeded'),
      },
    },
  ];
}

export function ruleGroups(config: MixinConfig): RuleGroup[] {
  return [
    { name: 'github-copilot.rules', rules: recordingRules(config) },
    { name: 'github-copilot.alerts', rules: alertRules(config) },
  ];
}
