/** What the benchmark (bench/run.ts) measures of each case: results.json records them, chart.ts plots the scrape cases. */

/** One scrape case, of the exporter or of the baseline. */
export interface Measured {
  series: number;
  pollSeconds: number;
  plain: { p50: number; p99: number; bytes: number; cpuSecondsPerScrape: number };
  gzip: { p50: number; p99: number; bytes: number; cpuSecondsPerScrape: number };
  peakRssMb: number;
}

/** One enterprise-scale case: the exporter's team series against the floor of reading the users report. */
export interface EnterpriseMeasured {
  users: number;
  teams: number;
  reportBytes: number;
  /** From the fake receiving the users report's download request to the swap that served the team series; null when they never came. */
  exporterSeconds: number | null;
  /** The floor's download and parse of the same file. */
  floorSeconds: number;
  exporterPeakRssMb: number | null;
  floorPeakRssMb: number;
  /** Teams whose daily active users and activity counters on /metrics are the fake's sums. */
  teamsCorrect: number;
  correct: boolean;
  /** Why the team series were not measured (the exporter failed the poll or died). */
  failure?: string;
}
