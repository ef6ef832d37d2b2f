/**
 * The mixin's settings: alert thresholds, selectors and links. Change them here and run `npm run mixin`
 * to regenerate grafana/*.json and prometheus/*.rules.yml.
 */
export const mixinConfig = {
  /** Label matchers that pick this exporter's series in alerts, e.g. `job="github-copilot"`; empty matches all. */
  exporterSelector: '',
  /** Adoption drop: weekly active users down by at least this share against 7 days earlier… */
  adoptionDropRatio: 0.2,
  /** …for scopes that had at least this many weekly active users then (tiny teams are noisy). */
  adoptionMinWeeklyUsers: 10,
  /** Collapse: daily active users down by at least this share against the same weekday a week earlier… */
  dauCollapseRatio: 0.5,
  /** …for scopes that had at least this many daily active users then. */
  dauCollapseMinUsers: 10,
  /** The reported day is more than this many calendar days before today (GitHub publishes a day within two full days after it ends, so 3 is normal at worst). */
  staleDays: 3,
  /** A target whose main report (collector usage or legacy) fails this long. */
  targetDownFor: '2h',
  /** An optional collector (people, seats, …) of a target that fails this long. */
  collectorFailingFor: '2h',
  /** No exporter series at all for this long. */
  absentFor: '15m',
  /** Fewer GitHub requests than this left before the rate-limit window resets. */
  rateLimitRemainingMin: 500,
  /** This many polls whose main report failed with GitHub-side reasons within the window (3 in 3 h at the default hourly refresh). */
  githubErrorsMin: 3,
  githubErrorsWindow: '3h',
  /**
   * AI-credit spend spike (COPILOT_AI_CREDIT_METRICS): a scope's net spend of the latest complete UTC day
   * (period="day") above this multiple of its average over the 7 days before the last 24 hours…
   */
  aiCreditSpendSpikeFactor: 2,
  /** …when that day's spend is at least this many US dollars (small bills are noisy). */
  aiCreditSpendSpikeMinUsd: 10,
  /**
   * Monthly AI-credit budget in US dollars: CopilotAICreditBudgetExceeded fires when the month-to-date net spend
   * of an organization or enterprise is above it. One number for every scope (each compared on its own); see
   * docs/runbook.md#copilotaicreditbudgetexceeded for budgets per scope.
   */
  aiCreditMonthlyBudgetUsd: 1000,
  /** Remote write (REMOTE_WRITE_URL): requests failing with retryable reasons (5xx, 429, no answer) for this long. */
  remoteWriteFailingFor: '30m',
  /** Where each alert's runbook_url points: a section of docs/runbook.md per alert. */
  runbookUrl: 'https://github.com/github-copilot-exporter/github-copilot-exporter/blob/main/docs/runbook.md',
  /** Prefix of the dashboards' uids, and their tags. */
  dashboardUidPrefix: 'github-copilot-',
  dashboardTags: ['github-copilot', 'copilot'],
};

export type MixinConfig = typeof mixinConfig;
