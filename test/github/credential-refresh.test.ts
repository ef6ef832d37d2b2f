import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubClient } from '../../src/github/client.js';
import { refreshOnceAfter401 } from '../../src/github/credential-refresh.js';
import type { Credentials } from '../../src/github/credentials.js';
import { type Owner, seatList } from '../../src/github/endpoints.js';
import { FakeClock, RecordingObserver, silentLogger, staticCredentials } from '../helpers/fakes.js';
import { rejection, useNock } from '../helpers/nock.js';

const API = 'https://api.github.test';
const owner: Owner = { kind: 'enterprise', slug: 'octo-ent' };
const seats = seatList({ kind: 'enterprise', slug: 'octo-ent' });

/** Installation tokens as an App gets them: a new one after each refresh, every refresh recorded. */
function rotatingCredentials(): Credentials & { refreshes: Array<Owner | undefined> } {
  let generation = 1;
  const refreshes: Array<Owner | undefined> = [];
  return {
    refreshes,
    token: async () => `ghs_installationToken${generation}`,
    refresh: async (refreshed) => {
      refreshes.push(refreshed);
      generation += 1;
    },
    secrets: () => [],
  };
}

describe('refreshOnceAfter401', () => {
  it('refreshes the credential of the owner on the first 401, and answers true to retry', async () => {
    const credentials = rotatingCredentials();
    const refreshed = refreshOnceAfter401(credentials, owner);
    expect(await refreshed(401)).toBe(true);
    expect(credentials.refreshes).toEqual([owner]);
  });

  it('lets a second 401 stand', async () => {
    const credentials = rotatingCredentials();
    const refreshed = refreshOnceAfter401(credentials, owner);
    await refreshed(401);
    expect(await refreshed(401)).toBe(false);
    expect(credentials.refreshes).toHaveLength(1);
  });

  it('does nothing for another status', async () => {
    const credentials = rotatingCredentials();
    const refreshed = refreshOnceAfter401(credentials, owner);
    for (const status of [200, 403, 404, 500]) expect(await refreshed(status)).toBe(false);
    expect(credentials.refreshes).toEqual([]);
    // The once is still there for a 401 after them.
    expect(await refreshed(401)).toBe(true);
  });

  it('does nothing for a credential that cannot be refreshed (a plain token)', async () => {
    expect(await refreshOnceAfter401(staticCredentials('ghp_plain'), owner)(401)).toBe(false);
  });

  it('is once per request: another request may refresh again', async () => {
    const credentials = rotatingCredentials();
    await refreshOnceAfter401(credentials, owner)(401);
    expect(await refreshOnceAfter401(credentials, undefined)(401)).toBe(true);
    expect(credentials.refreshes).toEqual([owner, undefined]);
  });
});

describe('401 refresh in GitHubClient', () => {
  useNock();
  const makeClient = (credentials: Credentials) => {
    const observer = new RecordingObserver();
    const clock = new FakeClock();
    const client = new GitHubClient({ apiUrl: API, credentials, timeoutMs: 2000, logger: silentLogger, observer, clock });
    return { client, observer, clock };
  };

  it('sends the fresh token after a 401, without a backoff', async () => {
    nock(API, { reqheaders: { authorization: 'Bearer ghs_installationToken1' } })
      .get(seats.path)
      .reply(401, { message: 'Bad credentials' });
    nock(API, { reqheaders: { authorization: 'Bearer ghs_installationToken2' } })
      .get(seats.path)
      .reply(200, { total_seats: 0, seats: [] });
    const credentials = rotatingCredentials();
    const { client, observer, clock } = makeClient(credentials);
    await expect(client.getJson(seats)).resolves.toMatchObject({ status: 200 });
    expect(credentials.refreshes).toEqual([owner]);
    expect(observer.requests.map((request) => request.code)).toEqual(['401', '200']);
    expect(clock.sleeps).toEqual([]);
  });

  it('fails as unauthorized when the fresh token is refused too', async () => {
    nock(API).get(seats.path).times(2).reply(401, { message: 'Bad credentials' });
    const credentials = rotatingCredentials();
    const error = await rejection(makeClient(credentials).client.getJson(seats));
    expect(error.reason).toBe('unauthorized');
    expect(credentials.refreshes).toHaveLength(1);
  });
});
