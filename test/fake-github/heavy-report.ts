/**
 * The files of an entity's enterprise-scale users and user-teams reports (EntityProfile.heavyUsers),
 * written to disk once so that the fake can stream them: at 100,000 users the users report is some
 * 825 MB, more than a test process should hold. While writing, it works out what the exporter's team
 * series must show, so that a test can check them without reading the files again.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ActivityCounter, ACTIVITY_COUNTERS } from '../../src/metrics/definitions.js';
import { eachUserRow, eachUserTeamRow } from './people.js';
import type { EntityProfile, Exclusions } from './entity-profile.js';

export interface ReportFile {
  path: string;
  bytes: number;
}

/** A team's values on the day: its members with a row in the users report, and the sums of their counters. */
export type TeamValues = Record<'daily_active_users' | ActivityCounter, number>;

export interface HeavyReport {
  users: ReportFile;
  userTeams: ReportFile;
  /** By team slug. */
  teams: Record<string, TeamValues>;
}

// The files are kept between runs; their names change with the generator's sources, so a change to
// how rows are made never serves rows made the old way.
const GENERATOR = createHash('sha1');
for (const source of ['activity.ts', 'people.ts', 'user-tools.ts', 'usage-report.ts', 'random.ts', 'heavy-report.ts']) GENERATOR.update(readFileSync(new URL(`./${source}`, import.meta.url)));
const GENERATOR_HASH = GENERATOR.digest('hex');

/** The entity's heavy reports of `day` (less the `excluded` values) in `dir`: written unless an earlier run left them complete. */
export async function heavyReport(entity: EntityProfile, day: string, dir: string, excluded: Exclusions = {}): Promise<HeavyReport> {
  const key = createHash('sha1').update(JSON.stringify([GENERATOR_HASH, entity.kind, entity.slug, entity.id, entity.seats, entity.heavyUsers, day, excluded])).digest('hex').slice(0, 12);
  const base = join(dir, `${entity.kind}-${entity.slug}-${day}-${key}`);
  // Written last: its presence says both files are complete.
  const summary = `${base}.json`;
  if (existsSync(summary)) return JSON.parse(readFileSync(summary, 'utf8')) as HeavyReport;
  mkdirSync(dir, { recursive: true });

  const teamsOf = new Map<unknown, string[]>();
  const teams: Record<string, TeamValues> = {};
  const userTeams = await writeRows(`${base}.user-teams.ndjson`, eachUserTeamRow(entity, day), (row) => {
    const slug = String(row.slug);
    teams[slug] ??= Object.fromEntries(['daily_active_users', ...ACTIVITY_COUNTERS].map((name) => [name, 0])) as TeamValues;
    const list = teamsOf.get(row.user_id) ?? [];
    list.push(slug);
    teamsOf.set(row.user_id, list);
  });
  const users = await writeRows(`${base}.users.ndjson`, eachUserRow(entity, day, excluded), (row) => {
    for (const slug of teamsOf.get(row.user_id) ?? []) {
      const team = teams[slug] as TeamValues;
      team.daily_active_users += 1;
      for (const counter of ACTIVITY_COUNTERS) team[counter] += row[counter] as number;
    }
  });
  const report: HeavyReport = { users, userTeams, teams };
  writeFileSync(`${summary}.tmp`, JSON.stringify(report));
  renameSync(`${summary}.tmp`, summary);
  return report;
}

/** Writes rows as NDJSON, a row at a time, handing each to `seen`. */
async function writeRows(path: string, rows: Iterable<Record<string, unknown>>, seen: (row: Record<string, unknown>) => void): Promise<ReportFile> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  for (const row of rows) {
    seen(row);
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, bytes: out.bytesWritten };
}
