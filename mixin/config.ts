/** A client GitHub fixed: by the IDE's version (`ide_version`) or the Copilot plugin's (`plugin_version`). */
export interface FullyCountedClient {
  ide: string;
  /** Which version label of github_copilot_users_by_<label> the first version is compared with. */
  label: 'ide_version' | 'plugin_version';
  /** The first version that counts agent activity fully; null while GitHub names only the month. */
  first: string | null;
  /** What GitHub said of it. */
  note: string;
}

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
  /**
   * The first client versions that count IDE agent activity fully (GitHub's changelog of 2026-10-06: older
   * ones undercounted agent sessions and lines, partly as Copilot CLI). The rule
   * scope_ide:github_copilot_users_on_outdated_client:ratio and the Adoption overview's outdated-clients
   * panel compare the `ide` values below with them. GitHub names the versions of VS Code and Visual Studio;
   * of the JetBrains, Eclipse and Xcode plugins it names only the month of release, so their `first` is
   * null (left out of the rule) until you set the first plugin version of that month your fleet reports
   * (the panel's table of plugin versions lists them).
   */
  fullyCountedClients: [
    { ide: 'vscode', label: 'ide_version', first: '1.139.0', note: 'VS Code 1.139.0 (GitHub, 2026-10-06)' },
    { ide: 'visualstudio', label: 'ide_version', first: '18.12', note: 'Visual Studio 18.12 (GitHub, 2026-10-06)' },
    { ide: 'jetbrains', label: 'plugin_version', first: null, note: 'the JetBrains plugin of late October 2026 (GitHub names no version)' },
    { ide: 'eclipse', label: 'plugin_version', first: null, note: 'the Eclipse plugin of November 2026 (GitHub names no version)' },
    { ide: 'xcode', label: 'plugin_version', first: null, note: 'the Xcode plugin of November 2026 (GitHub names no version)' },
  ] as FullyCountedClient[],
  /** Where each alert's runbook_url points: a section of docs/runbook.md per alert. */
  runbookUrl: 'https://github.com/github-copilot-exporter/github-copilot-exporter/blob/main/docs/runbook.md',
  /** Prefix of the dashboards' uids, and their tags. */
  dashboardUidPrefix: 'github-copilot-',
  dashboardTags: ['github-copilot', 'copilot'],
};

export type MixinConfig = typeof mixinConfig;
