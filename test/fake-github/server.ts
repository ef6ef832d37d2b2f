/**
 * A loopback fake of the GitHub REST API and of its report download host, for the demo, the
 * end-to-end tests and the benchmarks. Two servers on two ports, so that "the token never reaches a
 * download host" can be checked: the download server records every Authorization header it sees.
 *
 * It serves the usage-metrics report endpoints with signed download links back to itself, ETags and
 * 304s, GitHub's rate-limit headers, 401 for a wrong token and 404 for unknown targets (and for the
 * reports an entity lists in `missingReports`), and accepts injected faults (statuses, headers, hangs,
 * resets, truncated or malformed files), and revises a day as GitHub does until it settles (revise: new
 * figures under new links, so new ETags). Enterprise-scale users reports (`heavyUsers`) are files on disk,
 * streamed. The AI credit billing usage comes from ai-credits.ts (404 for an organization
 * `billedThroughEnterprise`).
 */
import { createHash, createHmac, randomBytes, verify } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { addDays, today } from '../../src/days.js';
import { AI_CREDIT_PATH, aiCreditQuery, aiCreditScopes, aiCreditUsage } from './ai-credits.js';
import { type HeavyReport, type ReportFile, heavyReport } from './heavy-report.js';
import { generateLegacyDays, teamLegacyDays } from './legacy-report.js';
import { orgBilling, seatList, userRows, userTeamRows } from './people.js';
import { repoRows } from './repos-report.js';
import type { EntityProfile, Exclusions } from './entity-profile.js';
import { generateDayTotals, generateEntityReport } from './usage-report.js';

export interface Fault {
  /** Which server the fault applies to. */
  on: 'api' | 'download';
  /** Only requests whose path (with query) contains this text. */
  pathIncludes?: string;
  /** How many matching requests it affects (default: all). */
  times?: number;
  /** Answer with this status (and body) instead of the real answer. */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering (a hang, when longer than the client's timeout). */
  delayMs?: number;
  /** Destroy the connection without an answer. */
  reset?: boolean;
  /** Send only the first half of the real body, then destroy the connection. */
  truncate?: boolean;
  /** Replace the real body with this text (for malformed NDJSON). */
  replaceBody?: string;
  /** Replace the real body with these bytes (for bytes that are not UTF-8). */
  replaceBodyBytes?: Buffer;
  /** Stream this many bytes of filler instead of the real body, with a Content-Length unless `chunked`. */
  streamBytes?: number;
  chunked?: boolean;
}

export interface RecordedRequest {
  on: 'api' | 'download';
  method: string;
  path: string;
  authorization?: string;
  /** Every header as sent (names and values), for tests that grep requests for secrets. */
  rawHeaders: string[];
  /** The answer's status: 0 until it is answered (a delay fault holds it up), and 0 when the connection was cut instead. */
  status: number;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

export interface FakeGitHubOptions {
  token?: string;
  /**
   * The last complete day of the reports (report_end_day): by default 2026-11-20, so that tests see the
   * same reports on every run; `'latest'` follows the clock as GitHub does (latestPublishedDay), for the
   * demo and `npm run fake-github`.
   */
  endDay?: string;
  /** Ports of the API and of the download host, on 127.0.0.1 (default 0: any free port). */
  port?: number;
  downloadPort?: number;
  entities?: EntityProfile[];
  /** How many download links (files) each report is split into. */
  linksPerReport?: number;
  /** The most days a legacy page holds, whatever `per_page` asks for: small values force pagination. */
  legacyPageSize?: number;
  /** Legacy days with null sections, missing fields, duplicates and hostile names. */
  legacyRough?: boolean;
  /** Teams that get only four members, so that GitHub (and this fake) leaves them out. */
  smallTeams?: string[];
  /** Seats per page of the seat lists, whatever `per_page` asks for. */
  seatPageSize?: number;
  /** Scopes of the personal access token (classic); every scope when undefined. */
  tokenScopes?: string[];
  /** A GitHub App whose JWTs (checked with the public key) buy installation tokens. */
  app?: FakeApp;
  /** How many of the 28 days an entity report carries (benchmarks use fewer to stay fast). */
  historyDays?: number;
  /** Keep a record of every request (default); long soak runs turn it off to stay flat in memory. */
  record?: boolean;
  /** Where the files of `heavyUsers` reports are written and kept between runs (default: copilot-fake-github in the temp dir). */
  heavyDir?: string;
  /** The last day AI credit usage is billed for (default: today, UTC); later days have none yet. */
  billedUntil?: string;
}

export interface FakeApp {
  id: string;
  publicKey: string;
  installations: Array<{ id: number; kind: 'enterprise' | 'org'; slug: string }>;
  /** How long installation tokens live (GitHub: one hour). */
  tokenTtlMs?: number;
}

const ACME_WEB: EntityProfile = { kind: 'org', slug: 'acme-web', id: 201, seats: 120, teams: ['platform', 'frontend'] };
const ACME_DATA: EntityProfile = { kind: 'org', slug: 'acme-data', id: 202, seats: 45 };

export const DEFAULT_ENTITIES: EntityProfile[] = [
  { kind: 'enterprise', slug: 'acme', id: 101, seats: 240, teams: ['ai-platform'], organizations: [ACME_WEB, ACME_DATA] },
  ACME_WEB,
  ACME_DATA,
];

export const FAKE_TOKEN = 'ghp_fakeTokenForTheLoopbackGitHub0000000';

/**
 * The latest day GitHub's reports carry at `now`: the day before yesterday, in UTC. GitHub publishes a
 * day within two full UTC days after it closes (docs/github-usage-fields.md).
 */
export function latestPublishedDay(now: number): string {
  return addDays(today(now), -2);
}

/** An answer: a body in memory, or a file streamed from disk. */
type Reply = { status: number; headers?: Record<string, string>; body?: string; file?: ReportFile };

export class FakeGitHub {
  token: string;
  readonly requests: RecordedRequest[] = [];
  /** The end day set by the options or by advanceDay; undefined while it follows the clock. */
  private pinnedDay: string | undefined;
  apiUrl = '';
  downloadOrigin = '';
  private readonly entities: Map<string, EntityProfile>;
  private readonly excludedOn = new Map<string, Exclusions>();
  /** How many times revise() was called: part of the 28-day report's links, which change with any of its days. */
  private revisions = 0;
  /** Report rows set by a test, by `kind:slug`, instead of generated ones. */
  private readonly fixedReports = new Map<string, Array<Record<string, unknown>>>();
  /** The generated report of each `kind:slug`, for the end day it was made for: generating large reports is slow, serving them again is not. */
  private readonly generated = new Map<string, { endDay: string; rows: Array<Record<string, unknown>> }>();
  private readonly linksPerReport: number;
  /** Heavy reports by `kind:slug:day`, written once. */
  private readonly heavy = new Map<string, Promise<HeavyReport>>();
  private readonly legacyPageSize: number;
  private readonly legacyRough: boolean;
  /** Legacy days set by a test, by `kind:slug[/team]`, instead of generated ones. */
  private readonly fixedLegacyDays = new Map<string, Array<Record<string, unknown>>>();
  private readonly signingKey = 'fake-github-signing-key';
  private faults: Array<Fault & { used: number }> = [];
  /** Installation tokens this fake issued, and when they expire. */
  readonly issuedTokens: Array<{ token: string; installationId: number; expiresAt: number }> = [];
  private readonly options: FakeGitHubOptions;
  private rateRemaining = 5000;
  private readonly api: Server;
  private readonly download: Server;

  constructor(options: FakeGitHubOptions = {}) {
    this.token = options.token ?? FAKE_TOKEN;
    this.pinnedDay = options.endDay === 'latest' ? undefined : (options.endDay ?? '2026-11-20');
    this.entities = new Map((options.entities ?? DEFAULT_ENTITIES).map((entity) => [`${entity.kind}:${entity.slug}`, entity]));
    this.linksPerReport = options.linksPerReport ?? 2;
    this.legacyPageSize = options.legacyPageSize ?? 10;
    this.legacyRough = options.legacyRough ?? false;
    this.options = options;
    this.api = createServer((req, res) => void this.handle('api', req, res));
    this.download = createServer((req, res) => void this.handle('download', req, res));
  }

  /** The last complete day of the reports (report_end_day). */
  get endDay(): string {
    return this.pinnedDay ?? latestPublishedDay(Date.now());
  }

  async start(): Promise<this> {
    this.api.listen(this.options.port ?? 0, '127.0.0.1');
    this.download.listen(this.options.downloadPort ?? 0, '127.0.0.1');
    // once() rejects with a server's 'error' (its port in use): then the other must not be left listening.
    const failed = (await Promise.allSettled([once(this.api, 'listening'), once(this.download, 'listening')])).find((result) => result.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
    // Made now rather than on the first request, which would otherwise wait while hundreds of MB are
    // written and the entity report sums every user's day (seconds, all other requests held up).
    for (const entity of this.entities.values()) {
      if (!entity.heavyUsers) continue;
      await this.heavyReport(entity.kind, entity.slug, this.endDay);
      this.reportRows(entity.kind, entity.slug);
    }
    // The download host is "localhost" and the API "127.0.0.1": two origins, as on github.com.
    this.apiUrl = `http://127.0.0.1:${(this.api.address() as AddressInfo).port}`;
    this.downloadOrigin = `http://localhost:${(this.download.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const server of [this.api, this.download]) server.closeAllConnections();
    await Promise.all([this.api, this.download].map((server) => new Promise((resolve) => server.close(resolve))));
  }

  /** Cuts every open connection to the API host, so the next request must connect (and resolve) anew. */
  dropApiConnections(): void {
    this.api.closeAllConnections();
  }

  /** Revokes the token and accepts this one instead (a rotation). */
  setToken(token: string): void {
    this.token = token;
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault, used: 0 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The next day becomes the latest; `excluded` values do not appear on that day. */
  advanceDay(excluded: Exclusions = {}): void {
    this.pinnedDay = addDays(this.endDay, 1);
    this.excludedOn.set(this.endDay, excluded);
  }

  /**
   * GitHub revises these days (the latest by default), as it does until a day settles or when it
   * corrects past days: every report holding them answers new figures under new links. A heavy entity's
   * users reports are not revised.
   */
  revise(...days: string[]): void {
    for (const day of days.length > 0 ? days : [this.endDay]) {
      const excluded = this.excludedOn.get(day) ?? {};
      this.excludedOn.set(day, { ...excluded, revision: (excluded.revision ?? 0) + 1 });
    }
    this.revisions += 1;
    this.generated.clear();
  }

  /** Serve exactly these NDJSON rows as the target's report (one row per download link). */
  setReport(kind: EntityProfile['kind'], slug: string, rows: Array<Record<string, unknown>>): void {
    if (!this.entities.has(`${kind}:${slug}`)) this.entities.set(`${kind}:${slug}`, { kind, slug, id: 0, seats: 0 });
    this.fixedReports.set(`${kind}:${slug}`, rows);
  }

  /** The rows the target's current report consists of (what the exporter should read). */
  reportRows(kind: EntityProfile['kind'], slug: string): Array<Record<string, unknown>> {
    const fixed = this.fixedReports.get(`${kind}:${slug}`);
    if (fixed) return fixed;
    const entity = this.entityOf(kind, slug);
    const { endDay } = this;
    const cached = this.generated.get(`${kind}:${slug}`);
    if (cached?.endDay === endDay) return cached.rows;
    const historyDays = this.options.historyDays;
    const rows = generateEntityReport(entity, endDay, { parts: this.linksPerReport, excludedOn: this.excludedOn, ...(historyDays ? { historyDays } : {}) });
    this.generated.set(`${kind}:${slug}`, { endDay, rows });
    return rows;
  }

  /** Serve exactly these days from the legacy endpoint of the target (or of its team). */
  setLegacyDays(kind: EntityProfile['kind'], slug: string, team: string | undefined, days: Array<Record<string, unknown>>): void {
    if (!this.entities.has(`${kind}:${slug}`)) this.entities.set(`${kind}:${slug}`, { kind, slug, id: 0, seats: 0 });
    const entity = this.entities.get(`${kind}:${slug}`) as EntityProfile;
    if (team && !entity.teams?.includes(team)) entity.teams = [...(entity.teams ?? []), team];
    this.fixedLegacyDays.set(`${kind}:${slug}${team ? `/${team}` : ''}`, days);
  }

  /** All days the legacy endpoint of the target (or of its team) returns, oldest first. */
  legacyDays(kind: EntityProfile['kind'], slug: string, team?: string): Array<Record<string, unknown>> {
    const key = `${kind}:${slug}${team ? `/${team}` : ''}`;
    const fixed = this.fixedLegacyDays.get(key);
    if (fixed) return fixed;
    const entity = this.entityOf(kind, slug);
    if (!team) return generateLegacyDays(key, entity.seats, this.endDay, { rough: this.legacyRough });
    // A team has a share of its owner's seats, and its owner's days scaled to that share (so it never exceeds them); small teams lose days, as on GitHub.
    const seats = Math.max(3, Math.round(entity.seats / (3 + team.length % 5)));
    return teamLegacyDays(key, this.legacyDays(kind, slug), seats, Math.min(1, seats / Math.max(1, entity.seats)), this.endDay);
  }

  /** Requests that carried an Authorization header to the download host (must stay empty). */
  downloadsWithAuthorization(): RecordedRequest[] {
    return this.requests.filter((request) => request.on === 'download' && request.authorization !== undefined);
  }

  private async handle(on: 'api' | 'download', req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Recorded on arrival, so that a test sees a request that a delay fault is still holding up.
    const recorded = this.record(on, req);
    const path = req.url ?? '/';
    const fault = this.takeFault(on, path);
    let reply: Reply;
    try {
      reply = on === 'api' ? this.answerApi(req, path) : await this.answerDownload(path);
    } catch (error) {
      reply = { status: 500, body: JSON.stringify({ message: String(error) }) };
    }
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) reply = { status: fault.status, body: fault.body ?? JSON.stringify({ message: `fault ${fault.status}` }) };
    if (fault?.replaceBody !== undefined) reply = { ...reply, body: fault.replaceBody };
    reply.headers = { ...reply.headers, ...fault?.headers };
    recorded.status = reply.status;
    if (res.destroyed) return;
    if (fault?.streamBytes !== undefined) {
      await this.stream(res, fault.streamBytes, fault.chunked ?? false);
      return;
    }
    if (reply.file && fault?.replaceBody === undefined && fault?.replaceBodyBytes === undefined) {
      await this.sendFile(req, res, reply.status, reply.headers, reply.file, fault?.truncate ?? false);
      return;
    }
    const body = fault?.replaceBodyBytes ?? Buffer.from(reply.body ?? '');
    res.writeHead(reply.status, { 'content-length': String(body.length), ...reply.headers });
    if (fault?.truncate) {
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    res.end(body);
  }

  /** A file with its Content-Length; when truncated, its first half and then a cut connection. */
  private async sendFile(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, file: ReportFile, truncate: boolean): Promise<void> {
    res.writeHead(status, { 'content-length': String(file.bytes), ...headers });
    const half = Math.floor(file.bytes / 2);
    try {
      await pipeline(createReadStream(file.path, truncate ? { end: half - 1 } : {}), res, { end: !truncate });
    } catch {
      // The client hung up.
    }
    if (truncate) setTimeout(() => req.socket.destroy(), 20);
  }

  /** Filler bytes, a megabyte at a time, until done or the client hangs up. */
  private async stream(res: ServerResponse, bytes: number, chunked: boolean): Promise<void> {
    res.writeHead(200, chunked ? { 'content-type': 'application/x-ndjson' } : { 'content-type': 'application/x-ndjson', 'content-length': String(bytes) });
    const line = Buffer.from(`${JSON.stringify({ pad: 'x'.repeat(1000) })}\n`);
    const chunk = Buffer.concat(Array.from({ length: Math.floor(1_048_576 / line.length) }, () => line));
    for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)))) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end();
  }

  private takeFault(on: 'api' | 'download', path: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) => candidate.on === on && (!candidate.pathIncludes || path.includes(candidate.pathIncludes)) && candidate.used < (candidate.times ?? Infinity),
    );
    if (fault) fault.used += 1;
    return fault;
  }

  /** The request's record, unanswered (status 0); kept in `requests` unless the options turn recording off. */
  private record(on: 'api' | 'download', req: IncomingMessage): RecordedRequest {
    const authorization = req.headers.authorization;
    const recorded: RecordedRequest = { on, method: req.method ?? 'GET', path: req.url ?? '/', rawHeaders: req.rawHeaders, status: 0, at: Date.now(), ...(authorization !== undefined ? { authorization } : {}) };
    if (this.options.record !== false) this.requests.push(recorded);
    return recorded;
  }

  private answerApi(req: IncomingMessage, path: string): Reply {
    const url = new URL(path, 'http://fake');
    if (url.pathname.startsWith('/app/')) return this.answerApp(req, url);
    const owner = /^\/(enterprises|orgs|organizations)\/([^/]+)/.exec(url.pathname);
    const refusal = this.authorize(req, owner ? `${owner[1] === 'enterprises' ? 'enterprise' : 'org'}:${decodeURIComponent(owner[2] as string)}` : undefined, url.pathname);
    if (refusal) return refusal;
    const report = /^\/(enterprises|orgs)\/([^/]+)\/copilot\/metrics\/reports\/(enterprise|organization)-28-day\/latest$/.exec(url.pathname);
    if (report) {
      const entity = this.entity(report[1] as string, report[2] as string);
      if (entity && (entity.kind === 'enterprise') === (report[3] === 'enterprise')) return this.answerReportLinks(req, entity);
    }
    const oneDay = /^\/(enterprises|orgs)\/([^/]+)\/copilot\/metrics\/reports\/(enterprise|organization|users|user-teams|repos)-1-day$/.exec(url.pathname);
    if (oneDay) {
      const entity = this.entity(oneDay[1] as string, oneDay[2] as string);
      const kind = oneDay[3] as string;
      const report = kind === 'users' || kind === 'user-teams' || kind === 'repos' ? kind : '1-day';
      const matches = report !== '1-day' || (entity?.kind === 'enterprise') === (kind === 'enterprise');
      if (entity && matches && (report === '1-day' || !entity.missingReports?.includes(report))) return this.answerOneDay(req, url, entity, report);
    }
    const billing = /^\/orgs\/([^/]+)\/copilot\/billing$/.exec(url.pathname);
    if (billing) {
      const entity = this.entity('orgs', billing[1] as string);
      if (entity && !entity.missingReports?.includes('seats')) return this.conditional(req, JSON.stringify(orgBilling(entity, this.endDay)), {});
    }
    const seats = /^\/(enterprises|orgs)\/([^/]+)\/copilot\/billing\/seats$/.exec(url.pathname);
    if (seats) {
      const entity = this.entity(seats[1] as string, seats[2] as string);
      if (entity && !entity.missingReports?.includes('seats')) return this.answerSeats(req, url, entity);
    }
    const aiCredits = AI_CREDIT_PATH.exec(url.pathname);
    if (aiCredits) {
      const entity = this.entity(aiCredits[1] as string, aiCredits[2] as string);
      const billedUntil = this.options.billedUntil ?? today();
      const query = aiCreditQuery(url.searchParams, billedUntil);
      if (entity && !entity.billedThroughEnterprise) {
        return query ? this.conditional(req, JSON.stringify(aiCreditUsage(entity, query, billedUntil)), {}) : json(400, { message: 'Invalid year, month or day' });
      }
    }
    const legacy = /^\/(enterprises|orgs)\/([^/]+)(?:\/team\/([^/]+))?\/copilot\/metrics$/.exec(url.pathname);
    if (legacy) {
      const entity = this.entity(legacy[1] as string, legacy[2] as string);
      const team = legacy[3] === undefined ? undefined : decodeURIComponent(legacy[3]);
      if (entity && (team === undefined || entity.teams?.includes(team))) return this.answerLegacy(req, url, entity, team);
    }
    return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  /**
   * The token of a request: the personal access token (with its classic scopes), or an installation
   * token of the App that is still valid and belongs to the organization or enterprise asked about.
   */
  private authorize(req: IncomingMessage, owner: string | undefined, path: string): Reply | undefined {
    const token = req.headers.authorization?.replace(/^(Bearer|token) /i, '');
    if (token === this.token) {
      const needed = AI_CREDIT_PATH.test(path) ? aiCreditScopes(owner?.startsWith('enterprise:') ? 'enterprise' : 'org') : path.includes('/copilot/billing') ? ['manage_billing:copilot', 'read:org'] : owner?.startsWith('enterprise:') ? ['manage_billing:copilot', 'read:enterprise'] : ['read:org', 'manage_billing:copilot'];
      const granted = this.options.tokenScopes;
      if (granted && !needed.some((scope) => granted.includes(scope))) {
        return {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-oauth-scopes': granted.join(', '), 'x-accepted-oauth-scopes': needed.join(', ') },
          body: JSON.stringify({ message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' }),
        };
      }
      return undefined;
    }
    const issued = this.issuedTokens.find((entry) => entry.token === token);
    if (!issued || issued.expiresAt <= Date.now()) return json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const installation = this.options.app?.installations.find((entry) => entry.id === issued.installationId);
    if (owner && installation && `${installation.kind}:${installation.slug}` !== owner) {
      return json(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' });
    }
    return undefined;
  }

  /** `GET /app/installations` and `POST /app/installations/{id}/access_tokens`, authenticated with the App's JWT. */
  private answerApp(req: IncomingMessage, url: URL): Reply {
    const app = this.options.app;
    if (!app || !this.validJwt(req.headers.authorization, app)) {
      return json(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest' });
    }
    if (req.method === 'GET' && url.pathname === '/app/installations') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const all = app.installations.map((entry) => ({ id: entry.id, account: entry.kind === 'org' ? { login: entry.slug, type: 'Organization' } : { slug: entry.slug, name: entry.slug } }));
      return json(200, all.slice((page - 1) * perPage, page * perPage));
    }
    const tokenRequest = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname);
    if (req.method === 'POST' && tokenRequest) {
      const installationId = Number(tokenRequest[1]);
      if (!app.installations.some((entry) => entry.id === installationId)) return json(404, { message: 'Not Found' });
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      const expiresAt = Date.now() + (app.tokenTtlMs ?? 3_600_000);
      this.issuedTokens.push({ token, installationId, expiresAt });
      return json(201, { token, expires_at: new Date(expiresAt).toISOString(), permissions: { organization_copilot_metrics: 'read' }, repository_selection: 'all' });
    }
    return json(404, { message: 'Not Found' });
  }

  /** An RS256 JWT signed with the App's private key, issued by the App, not expired. */
  private validJwt(authorization: string | undefined, app: FakeApp): boolean {
    const jwt = authorization?.replace(/^Bearer /i, '') ?? '';
    const [header, payload, signature] = jwt.split('.');
    if (!header || !payload || !signature) return false;
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), app.publicKey, Buffer.from(signature, 'base64url'));
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: unknown; exp?: number; iat?: number };
    const now = Date.now() / 1000;
    return signed && String(claims.iss) === app.id && (claims.exp ?? 0) > now && (claims.iat ?? Infinity) <= now + 60;
  }

  private entity(plural: string, slug: string): EntityProfile | undefined {
    return this.entities.get(`${plural === 'enterprises' ? 'enterprise' : 'org'}:${decodeURIComponent(slug)}`);
  }

  private answerReportLinks(req: IncomingMessage, entity: EntityProfile): Reply {
    const rows = this.reportRows(entity.kind, entity.slug);
    const links = rows.map((_, part) => this.signedLink(`/reports/${entity.kind}/${entity.slug}/${this.endDay}/part-${part + 1}.ndjson`, this.revisions));
    const first = rows[0] ?? {};
    const body = JSON.stringify({
      download_links: links,
      report_start_day: first.report_start_day ?? addDays(this.endDay, -27),
      report_end_day: first.report_end_day ?? this.endDay,
    });
    return this.conditional(req, body, {});
  }

  /** `…-1-day?day=` (entity, users, user-teams or repos): links to that day's file, or 204 for a day not published yet or older than a year. */
  private answerOneDay(req: IncomingMessage, url: URL, entity: EntityProfile, report: '1-day' | 'users' | 'user-teams' | 'repos'): Reply {
    const day = url.searchParams.get('day') ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return json(422, { message: 'Invalid day' });
    if (day > this.endDay || day < addDays(this.endDay, -365)) return { status: 204, headers: this.rateHeaders(true) };
    const body = JSON.stringify({ download_links: [this.signedLink(`/reports/${entity.kind}/${entity.slug}/${report}/${day}.ndjson`, this.excludedOn.get(day)?.revision ?? 0)], report_day: day });
    return this.conditional(req, body, {});
  }

  /** The seat list, a page at a time with a Link header. */
  private answerSeats(req: IncomingMessage, url: URL, entity: EntityProfile): Reply {
    const seats = seatList(entity, this.endDay);
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 50) || 50, this.options.seatPageSize ?? 50);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(seats.length / perPage));
    const next = new URL(url.pathname + url.search, this.apiUrl);
    next.searchParams.set('page', String(page + 1));
    const body = JSON.stringify({ total_seats: seats.length, seats: seats.slice((page - 1) * perPage, page * perPage) });
    return this.conditional(req, body, page < last ? { link: `<${next}>; rel="next"` } : {});
  }

  /** The `users-1-day` rows of a day (all in memory: for a heavy entity, heavyReport says what teams must show). */
  userRows(kind: EntityProfile['kind'], slug: string, day: string): Array<Record<string, unknown>> {
    return userRows(this.entityOf(kind, slug), day, this.excludedOn.get(day));
  }

  /** The files of a `heavyUsers` entity's users and user-teams reports of a day, and its teams' values. */
  heavyReport(kind: EntityProfile['kind'], slug: string, day: string): Promise<HeavyReport> {
    const entity = this.entityOf(kind, slug);
    if (!entity.heavyUsers) throw new Error(`${kind}:${slug} has no heavyUsers`);
    const key = `${kind}:${slug}:${day}`;
    let report = this.heavy.get(key);
    if (!report) {
      report = heavyReport(entity, day, this.options.heavyDir ?? join(tmpdir(), 'copilot-fake-github'), this.excludedOn.get(day));
      this.heavy.set(key, report);
    }
    return report;
  }

  /** The `user-teams-1-day` rows of a day (teams below five members left out). */
  userTeamRows(kind: EntityProfile['kind'], slug: string, day: string): Array<Record<string, unknown>> {
    return userTeamRows(this.entityOf(kind, slug), day, this.options.smallTeams);
  }

  private entityOf(kind: EntityProfile['kind'], slug: string): EntityProfile {
    const entity = this.entities.get(`${kind}:${slug}`);
    if (!entity) throw new Error(`no entity ${kind}:${slug}`);
    return entity;
  }

  /** The `repos-1-day` rows of a day (the repositories active that day). */
  repoRows(kind: EntityProfile['kind'], slug: string, day: string): Array<Record<string, unknown>> {
    return repoRows(this.entityOf(kind, slug), day, this.excludedOn.get(day));
  }

  /** The rows of a 1-day report. */
  oneDayRows(kind: EntityProfile['kind'], slug: string, day: string): Array<Record<string, unknown>> {
    const entity = this.entities.get(`${kind}:${slug}`);
    if (!entity) throw new Error(`no entity ${kind}:${slug}`);
    const owner = kind === 'enterprise' ? { enterprise_id: String(entity.id) } : { organization_id: String(entity.id) };
    return [{ report_start_day: day, report_end_day: day, ...owner, day_totals: [generateDayTotals(entity, day, this.excludedOn.get(day))] }];
  }

  /** `GET …/copilot/metrics` with since, until, page and per_page, and a Link header between pages. */
  private answerLegacy(req: IncomingMessage, url: URL, entity: EntityProfile, team: string | undefined): Reply {
    if (entity.legacyPolicyDisabled) {
      return json(422, { message: 'Copilot Usage Metrics API setting is disabled at the organization or enterprise level.', documentation_url: 'https://docs.github.com/rest/copilot/copilot-metrics' });
    }
    const since = url.searchParams.get('since')?.slice(0, 10);
    const until = url.searchParams.get('until')?.slice(0, 10);
    const days = this.legacyDays(entity.kind, entity.slug, team).filter(
      (day) => (!since || String(day.date) >= since) && (!until || String(day.date) <= until),
    );
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 28) || 28, this.legacyPageSize);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(days.length / perPage));
    const pageUrl = (n: number) => {
      const target = new URL(url.pathname + url.search, this.apiUrl);
      target.searchParams.set('page', String(n));
      return target.toString();
    };
    const links = [...(page < last ? [`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`] : []), ...(page > 1 ? [`<${pageUrl(1)}>; rel="first"`] : [])];
    const body = JSON.stringify(days.slice((page - 1) * perPage, page * perPage));
    return this.conditional(req, body, links.length ? { link: links.join(', ') } : {});
  }

  /** A JSON 200 with an ETag, or a 304 when the client already has it. */
  private conditional(req: IncomingMessage, body: string, headers: Record<string, string>): Reply {
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { etag, ...this.rateHeaders(false) } };
    return { status: 200, headers: { etag, 'content-type': 'application/json; charset=utf-8', ...headers, ...this.rateHeaders(true) }, body };
  }

  private async answerDownload(path: string): Promise<Reply> {
    const url = new URL(path, 'http://fake');
    if (url.searchParams.get('sig') !== this.sign(url.pathname)) return { status: 403, body: '<Error><Code>AuthenticationFailed</Code></Error>' };
    const daily = /^\/reports\/(enterprise|org)\/([^/]+)\/(1-day|users|user-teams|repos)\/(\d{4}-\d{2}-\d{2})\.ndjson$/.exec(url.pathname);
    if (daily) {
      const [kind, slug, report, day] = [daily[1] as EntityProfile['kind'], daily[2] as string, daily[3] as string, daily[4] as string];
      if ((report === 'users' || report === 'user-teams') && this.entityOf(kind, slug).heavyUsers) {
        const heavy = await this.heavyReport(kind, slug, day);
        return { status: 200, headers: { 'content-type': 'application/x-ndjson' }, file: report === 'users' ? heavy.users : heavy.userTeams };
      }
      const rows =
        report === '1-day' ? this.oneDayRows(kind, slug, day) : report === 'users' ? this.userRows(kind, slug, day) : report === 'repos' ? this.repoRows(kind, slug, day) : this.userTeamRows(kind, slug, day);
      return { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: rows.map((row) => `${JSON.stringify(row)}\n`).join('') };
    }
    const match = /^\/reports\/(enterprise|org)\/([^/]+)\/(\d{4}-\d{2}-\d{2})\/part-(\d+)\.ndjson$/.exec(url.pathname);
    if (!match) return { status: 404, body: 'not found' };
    const rows = this.reportRows(match[1] as EntityProfile['kind'], match[2] as string);
    const row = rows[Number(match[4]) - 1];
    if (!row) return { status: 404, body: 'not found' };
    return { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(row)}\n` };
  }

  /** A link to a file of the download host; a revised report's links carry its revision (`rev`), as GitHub's new files have new links. */
  private signedLink(path: string, revision = 0): string {
    return `${this.downloadOrigin}${path}?sig=${this.sign(path)}${revision > 0 ? `&rev=${revision}` : ''}`;
  }

  private sign(path: string): string {
    return createHmac('sha256', this.signingKey).update(path).digest('hex').slice(0, 32);
  }

  /** GitHub's rate-limit headers; a 304 does not count against the limit. */
  private rateHeaders(counts: boolean): Record<string, string> {
    if (counts) this.rateRemaining = Math.max(0, this.rateRemaining - 1);
    return {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.rateRemaining),
      'x-ratelimit-used': String(5000 - this.rateRemaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
    };
  }
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(options).start();
}
