/** What the benchmark (bench/run.ts) measures of each case: results.json records them, chart.ts plots the scrape cases. */

/** One scrape case, of the exporter or of the baseline. */
export interface Measured {
  series: number;
  pollSeconds: number;
  plain: { p50: number; p99: number; bytes: number; cpuSecondsPerScrape: number };
  gzip: { p50: number; p99: number; bytes: number; cpuSecondsPerScrape: number };
  peakRssMb: number;
  /** Snapshots swapped in during the first poll, in which every target changes (the exporter's only). */
  rebuilds?: number;
}

/** The physical limit beside a scrape case: a plain Node server writing the same bytes, scraped by the same client (ms). */
export interface Limit {
  plainP50: number;
  plainP99: number;
  gzipP50: number;
  gzipP99: number;
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
