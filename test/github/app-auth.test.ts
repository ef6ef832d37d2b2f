/**
 * GitHub App authentication against the fake GitHub API, which checks every JWT's RS256 signature with
 * the App's public key and issues installation tokens that expire.
 */
import { generateKeyPairSync, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubAppCredentials } from '../../src/github/app-auth.js';
import { GitHubClient } from '../../src/github/client.js';
import { latest28DayReport } from '../../src/github/endpoints.js';
import { type FakeGitHub, startFakeGitHub } from '../fake-github/server.js';
import { FakeClock, silentLogger } from '../helpers/fakes.js';
import { rejection } from '../helpers/nock.js';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
const APP = { id: '4242', installations: [{ id: 11, kind: 'org' as const, slug: 'acme-web' }, { id: 12, kind: 'enterprise' as const, slug: 'acme' }] };
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub({ app: { ...APP, publicKey: keys.publicKey, tokenTtlMs: 10 * 60_000 } });
});
afterAll(() => fake.close());

function credentials(clock = new FakeClock(Date.now()), privateKey = keys.privateKey, installationId?: number) {
  return new GitHubAppCredentials({ appId: APP.id, privateKey, ...(installationId ? { installationId } : {}) }, fake.apiUrl, undefined, clock);
}

describe('GitHub App authentication', () => {
  it('signs its JWT with RS256 and the App key (checked here with the public key)', async () => {
    const jwt = await credentials().appJwt();
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ iss: '4242' });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), keys.publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('finds the installation of each organization and enterprise, and caches its token', async () => {
    const app = credentials();
    const before = fake.issuedTokens.length;
    const web = await app.token({ kind: 'org', slug: 'acme-web' });
    expect(await app.token({ kind: 'org', slug: 'ACME-WEB' })).toBe(web);
    const acme = await app.token({ kind: 'enterprise', slug: 'acme' });
    expect(fake.issuedTokens.slice(before).map((entry) => [entry.installationId, entry.token])).toEqual([
      [11, web],
      [12, acme],
    ]);
    expect(app.secrets()).toEqual(expect.arrayContaining([keys.privateKey, web, acme]));
  });

  it('uses GITHUB_APP_INSTALLATION_ID without looking installations up', async () => {
    const app = credentials(new FakeClock(Date.now()), keys.privateKey, 12);
    const token = await app.token({ kind: 'org', slug: 'anything' });
    expect(fake.issuedTokens.find((entry) => entry.token === token)?.installationId).toBe(12);
  });

  it('gets a new installation token before the old one expires', async () => {
    const clock = new FakeClock(Date.now());
    const app = credentials(clock);
    const first = await app.token({ kind: 'org', slug: 'acme-web' });
    clock.time += 4 * 60_000;
    expect(await app.token({ kind: 'org', slug: 'acme-web' })).toBe(first);
    // Ten-minute tokens: with less than five minutes left, a new one is fetched.
    clock.time += 2 * 60_000;
    const second = await app.token({ kind: 'org', slug: 'acme-web' });
    expect(second).not.toBe(first);
  });

  it('refreshes once after a 401 and carries on', async () => {
    const app = credentials();
    const client = new GitHubClient({ apiUrl: fake.apiUrl, credentials: app, timeoutMs: 5000, logger: silentLogger });
    const endpoint = latest28DayReport({ kind: 'org', slug: 'acme-web' });
    await client.getJson(endpoint);
    // The token is revoked behind the exporter's back.
    fake.issuedTokens.splice(0, fake.issuedTokens.length);
    await expect(client.getJson(endpoint)).resolves.toMatchObject({ status: 200 });
  });

  it('says clearly when GitHub rejects the App key, or the App is not installed', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const wrongKey = await rejection(credentials(new FakeClock(Date.now()), other.privateKey).token({ kind: 'org', slug: 'acme-web' }));
    expect(wrongKey.reason).toBe('unauthorized');
    expect(wrongKey.describe()).toBe(
      "GitHub rejected the GitHub App's JWT with 401 (/app/installations). Check GITHUB_APP_ID, that the private key belongs to this App, and that the clock of this machine is right.",
    );
    const missing = await rejection(credentials().token({ kind: 'org', slug: 'acme-data' }));
    expect(missing.reason).toBe('not_found');
    expect(missing.describe()).toBe(
      'The GitHub App 4242 is not installed on organization acme-data. Install the App on organization acme-data with the Copilot metrics read permission, or set GITHUB_APP_INSTALLATION_ID.',
    );
  });
});
