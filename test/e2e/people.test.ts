/**
 * Teams, seats, per-user series, GitHub App authentication and `check`, end to end: the real exporter
 * process against the fake GitHub API. Expected values are computed here from the fake's own rows.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userLabel } from '../../src/metrics/map/user-label.js';
import { seatList } from '../fake-github/people.js';
import type { EntityProfile } from '../fake-github/entity-profile.js';
import { sampleKey } from '../helpers/exposition.js';
import { exporterForTest, fakeGitHubForTest } from '../helpers/e2e.js';
import { scrapeValues } from '../helpers/scrape.js';
import { scopeOf } from '../helpers/usage-oracle.js';
import { runCli, waitFor, waitForLog } from '../helpers/exporter-process.js';

type Row = Record<string, unknown>;

const entities: EntityProfile[] = [
  { kind: 'org', slug: 'web', id: 3, seats: 60, teams: ['platform', 'data', 'tiny'] },
  { kind: 'enterprise', slug: 'big', id: 4, seats: 45, teams: ['core', 'infra'] },
];
const SALT = 'test-salt-for-user-labels';
// Spelled out here rather than imported from src: the expected values must not share the code under test.
const COUNTERS = ['user_initiated_interaction_count', 'code_generation_activity_count', 'code_acceptance_activity_count', 'loc_suggested_to_add_sum', 'loc_suggested_to_delete_sum', 'loc_added_sum', 'loc_deleted_sum'];

describe('teams, seats and per-user series', () => {
  it('match what the day’s users and user-teams reports and the seat lists say', async () => {
    const fake = await fakeGitHubForTest({ entities, smallTeams: ['tiny'], seatPageSize: 7 });
    const exporter = await exporterForTest({
      GITHUB_API_URL: fake.apiUrl,
      GITHUB_TOKEN: fake.token,
      COPILOT_ORGS: 'web',
      COPILOT_ENTERPRISES: 'big',
      REFRESH_INTERVAL: '3600',
      COPILOT_USER_METRICS: 'true',
      COPILOT_USER_LABEL: 'hash',
      COPILOT_USER_HASH_SALT: SALT,
      COPILOT_USER_METRICS_MAX_USERS: '5',
      COPILOT_USER_BREAKDOWNS: 'true',
    });
    const url = exporter.url;
    await waitFor('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));
    const values = await scrapeValues(url);
    const day = fake.endDay;
    let usersWithCli = 0;

    for (const entity of entities) {
      const scope = scopeOf(entity);
      const users = new Map(fake.userRows(entity.kind, entity.slug, day).map((row) => [row.user_id, row]));
      const memberships = fake.userTeamRows(entity.kind, entity.slug, day);
      const teams = new Map<string, Row[]>();
      for (const membership of memberships) {
        const row = users.get(membership.user_id);
        const list = teams.get(String(membership.slug)) ?? [];
        if (row) list.push(row);
        teams.set(String(membership.slug), list);
      }
      expect(teams.size, entity.slug).toBeGreaterThan(1);
      const members = new Map<string, Set<unknown>>();
      for (const membership of memberships) members.set(String(membership.slug), (members.get(String(membership.slug)) ?? new Set()).add(membership.user_id));
      for (const [team, rows] of teams) {
        expect(values.get(sampleKey('github_copilot_daily_active_users', { ...scope, team })), `${entity.slug}/${team}`).toBe(rows.length);
        // Its size, active or not, and its members' AI credits (a user in two teams counts in both).
        expect(values.get(sampleKey('github_copilot_team_members', { ...scope, team })), `${entity.slug}/${team} members`).toBe(members.get(team)?.size);
        expect(members.get(team)!.size, `${entity.slug}/${team}: members without activity`).toBeGreaterThanOrEqual(rows.length);
        const credits = rows.reduce((sum, row) => sum + (row.ai_credits_used as number), 0);
        expect(values.get(sampleKey('github_copilot_ai_credits_used', { ...scope, team })), `${entity.slug}/${team} credits`).toBeCloseTo(credits, 9);
        for (const counter of COUNTERS) {
          const expected = rows.reduce((sum, row) => sum + (row[counter] as number), 0);
          const name = `github_copilot_${counter.replace(/_(count|sum)$/, '')}`;
          expect(values.get(sampleKey(name, { ...scope, team })), `${entity.slug}/${team} ${name}`).toBe(expected);
        }
      }

      // Active users by client version, from every row (no per-user series needed): written out from the rows here.
      const byVersion = new Map<string, Set<unknown>>();
      const count = (name: string, labels: Record<string, unknown>, user: unknown) => {
        const known = Object.fromEntries(Object.entries(labels).filter(([, value]) => typeof value === 'string' && value !== '')) as Record<string, string>;
        const key = sampleKey(name, { ...scope, ...known });
        byVersion.set(key, (byVersion.get(key) ?? new Set()).add(user));
      };
      for (const row of users.values()) {
        for (const entry of row.totals_by_ide as Row[]) {
          const plugin = entry.last_known_plugin_version as Row;
          count('github_copilot_users_by_ide_version', { ide: entry.ide, ide_version: (entry.last_known_ide_version as Row).ide_version }, row.user_id);
          count('github_copilot_users_by_plugin_version', { ide: entry.ide, plugin: plugin.plugin, plugin_version: plugin.plugin_version }, row.user_id);
        }
        const cli = row.totals_by_cli as Row | undefined;
        if (cli) count('github_copilot_users_by_cli_version', { cli_version: (cli.last_known_cli_version as Row).cli_version }, row.user_id);
      }
      const served = new Map([...values].filter(([key]) => /^github_copilot_users_by_(ide|plugin|cli)_version\{/.test(key) && key.includes(JSON.stringify(scope).slice(1, -1))));
      expect(served, entity.slug).toEqual(new Map([...byVersion].map(([key, set]) => [key, set.size])));

      // Per user: the five most active, hashed; the others counted as dropped.
      const ranked = [...users.values()].sort(
        (a, b) => (b.code_generation_activity_count as number) + (b.user_initiated_interaction_count as number) - ((a.code_generation_activity_count as number) + (a.user_initiated_interaction_count as number)) || String(a.user_login).localeCompare(String(b.user_login)),
      );
      let ideInfo = 0;
      for (const row of ranked.slice(0, 5)) {
        const user = userLabel(String(row.user_login), { label: 'hash', salt: SALT });
        expect(values.get(sampleKey('github_copilot_loc_added', { ...scope, user }))).toBe(row.loc_added_sum);
        // Their Copilot CLI day and CLI version, when they used it.
        const cli = row.totals_by_cli as Row | undefined;
        if (cli) usersWithCli += 1;
        expect(values.get(sampleKey('github_copilot_cli_session', { ...scope, user }))).toBe(cli?.session_count);
        expect(values.get(sampleKey('github_copilot_cli_token_usage_output_tokens', { ...scope, user }))).toBe((cli?.token_usage as Row | undefined)?.output_tokens_sum);
        const cliVersion = (cli?.last_known_cli_version as Row | undefined)?.cli_version;
        expect(values.get(sampleKey('github_copilot_user_cli_info', { ...scope, user, cli_version: String(cliVersion) }))).toBe(cli ? 1 : undefined);
        // COPILOT_USER_BREAKDOWNS: their split by IDE and by feature; and per IDE, the IDE and plugin versions last run.
        for (const entry of row.totals_by_ide as Row[]) {
          const ide = String(entry.ide);
          expect(values.get(sampleKey('github_copilot_loc_added_by_ide', { ...scope, user, ide })), `${user} ${ide}`).toBe(entry.loc_added_sum);
          const { ide_version } = entry.last_known_ide_version as Row;
          const { plugin, plugin_version } = entry.last_known_plugin_version as Row;
          // GitHub leaves a plugin it does not know empty: no label then.
          const versions = { ide_version: String(ide_version), ...(plugin ? { plugin: String(plugin) } : {}), ...(plugin_version ? { plugin_version: String(plugin_version) } : {}) };
          expect(values.get(sampleKey('github_copilot_user_ide_info', { ...scope, user, ide, ...versions })), `${user} ${ide} ${JSON.stringify(versions)}`).toBe(1);
          ideInfo += 1;
        }
        for (const entry of row.totals_by_feature as Row[]) {
          expect(values.get(sampleKey('github_copilot_code_generation_activity_by_feature', { ...scope, user, feature: String(entry.feature) }))).toBe(entry.code_generation_activity_count);
        }
      }
      // Only the kept users have details, and never a language or model split.
      const inScope = (key: string) => key.includes(JSON.stringify(scope).slice(1, -1));
      expect([...values.keys()].filter((key) => key.startsWith('github_copilot_user_ide_info{') && inScope(key))).toHaveLength(ideInfo);
      expect([...values.keys()].some((key) => key.includes('"user":') && /_by_(language|model)/.test(key))).toBe(false);
      const userSeries = [...values.keys()].filter((key) => key.startsWith('github_copilot_loc_added{') && key.includes('"user":'));
      expect(userSeries.filter((key) => key.includes(JSON.stringify(scope).slice(1, -1)))).toHaveLength(5);
      // Seats: every page read; totals, plan types and recent activity as the list says.
      const seats = seatList(entity, fake.endDay);
      const seatHolders = seats.filter((seat) => seat.last_activity_at !== null).length;
      expect(values.get(sampleKey('github_copilot_exporter_dropped_users_total', scope))).toBe(users.size - 5 + (seatHolders - 5));
      const polledAt = (values.get(sampleKey('github_copilot_exporter_last_success_timestamp_seconds', scope)) as number) * 1000;
      expect(values.get(sampleKey('github_copilot_seats', { ...scope, state: 'total' }))).toBe(seats.length);
      for (const plan of ['business', 'enterprise']) {
        expect(values.get(sampleKey('github_copilot_seats_by_plan_type', { ...scope, plan_type: plan }))).toBe(seats.filter((seat) => seat.plan_type === plan).length);
      }
      for (const [window, days] of [['7d', 7], ['28d', 28]] as const) {
        const active = seats.filter((seat) => seat.last_activity_at !== null && polledAt - Date.parse(String(seat.last_activity_at)) <= days * 86_400_000).length;
        expect(values.get(sampleKey('github_copilot_seats_active', { ...scope, window })), `${entity.slug} ${window}`).toBe(active);
      }
    }

    // Some of the kept users ran Copilot CLI that day, so its per-user series were checked with values.
    expect(usersWithCli).toBeGreaterThan(0);
    // A user in two teams counts in both; GitHub left the four-member team out.
    const memberships = fake.userTeamRows('org', 'web', day);
    const twice = memberships.find((row, index) => memberships.findIndex((other) => other.user_id === row.user_id) !== index);
    expect(twice).toBeDefined();
    expect([...values.keys()].some((key) => key.includes('"team":"tiny"'))).toBe(false);
    expect(values.get(sampleKey('github_copilot_seats', { org: 'web', state: 'active_this_cycle' }))).toBeGreaterThan(0);
    expect(fake.requests.filter((request) => request.path.startsWith('/enterprises/big/copilot/billing/seats')).length).toBe(Math.ceil(45 / 7));
    await waitForLog(exporter, 'per-user series capped by COPILOT_USER_METRICS_MAX_USERS');
  });
});

describe('GitHub App authentication, end to end', () => {
  it('serves every target without any personal token', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
    const fake = await fakeGitHubForTest({
      entities,
      app: { id: '77', publicKey: keys.publicKey, installations: [{ id: 1, kind: 'org', slug: 'web' }, { id: 2, kind: 'enterprise', slug: 'big' }] },
    });
    const keyFile = join(mkdtempSync(join(tmpdir(), 'copilot-app-')), 'app.pem');
    writeFileSync(keyFile, keys.privateKey);
    const exporter = await exporterForTest({ GITHUB_API_URL: fake.apiUrl, GITHUB_APP_ID: '77', GITHUB_APP_PRIVATE_KEY_FILE: keyFile, COPILOT_ORGS: 'web', COPILOT_ENTERPRISES: 'big', REFRESH_INTERVAL: '3600' });
    const url = exporter.url;
    await waitFor('readiness', async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));
    const values = await scrapeValues(url);
    for (const entity of entities) expect(values.get(sampleKey('github_copilot_exporter_target_up', scopeOf(entity)))).toBe(1);
    expect(values.get(sampleKey('github_copilot_daily_active_users', { org: 'web' }))).toBeGreaterThan(0);
    expect(fake.requests.some((request) => request.authorization === `Bearer ${fake!.token}`)).toBe(false);
    expect(new Set(fake.issuedTokens.map((entry) => entry.installationId))).toEqual(new Set([1, 2]));
    expect(exporter.stdout.join('\n')).not.toContain('PRIVATE KEY');
  });
});

describe('check', () => {
  it('says everything is in place, and exits 0', async () => {
    const fake = await fakeGitHubForTest({ entities });
    const { code, stdout } = await runCli(['check'], { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'web', COPILOT_ENTERPRISES: 'big' });
    expect(code).toBe(0);
    expect(stdout).toContain('Everything the exporter needs is in place.');
    // One row per target and collector, each naming the endpoints it tried.
    const rows = stdout.split('\n').filter((line) => /^(org|enterprise):/.test(line)).map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(rows).toEqual(['enterprise:big usage', 'enterprise:big people', 'enterprise:big repositories', 'enterprise:big seats', 'org:web usage', 'org:web people', 'org:web repositories', 'org:web seats']);
    expect(stdout).toMatch(/org:web\s+repositories\s+\/orgs\/web\/copilot\/metrics\/reports\/repos-1-day\?day=\d{4}-\d\d-\d\d\s+OK/);
    expect(stdout).toMatch(/org:web\s+seats\s+\/orgs\/web\/copilot\/billing\s+OK/);
    expect(stdout).toMatch(/org:web\s+people\s+\/orgs\/web\/copilot\/metrics\/reports\/user-teams-1-day\?day=\d{4}-\d\d-\d\d \S+users-1-day\?day=\S+\s+OK/);
  });

  it('names the scope a token is missing, for each endpoint, and exits 1', async () => {
    const fake = await fakeGitHubForTest({ entities, tokenScopes: ['read:user'] });
    const { code, stdout } = await runCli(['check'], { GITHUB_API_URL: fake.apiUrl, GITHUB_TOKEN: fake.token, COPILOT_ORGS: 'web', COPILOT_ENTERPRISES: 'big' });
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    const row = lines.find((line) => line.startsWith('org:web') && line.includes('organization-28-day/latest'));
    expect(row).toMatch(/403 forbidden/);
    expect(row).toContain('The token needs one of these scopes (X-Accepted-OAuth-Scopes): read:org, manage_billing:copilot; it has: read:user.');
    expect(lines.find((line) => line.startsWith('enterprise:big') && line.includes('enterprise-28-day/latest'))).toContain('manage_billing:copilot, read:enterprise');
    // The people reports need the usage report's day: not tried, and said why. Seats say what they need.
    expect(lines.find((line) => line.startsWith('org:web') && /\speople\s/.test(line))).toMatch(/not tried\s+It needs the day of the usage report/);
    const seats = lines.find((line) => line.startsWith('org:web') && /\sseats\s/.test(line));
    expect(seats).toMatch(/403 forbidden/);
    expect(seats).toContain('The seats collector needs');
    expect(stdout).toMatch(/^\d+ of \d+ checks failed, \d+ not tried because of them\.$/m);
    expect(stdout).not.toContain(fake.token);
  });
});
