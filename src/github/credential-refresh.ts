/**
 * A 401 may be an installation token that expired early or was revoked: the request then gets a fresh
 * token and tries once more. A second 401 stands, as does any 401 for a credential that cannot be
 * refreshed (a plain token): retrying would only send the same rejected token again.
 */
import type { Credentials } from './credentials.js';
import type { Owner } from './endpoints.js';

/**
 * For one request: answers true after refreshing the credential of `owner`, the first time the request
 * is answered 401; false for any other status, and for every later 401.
 */
export function refreshOnceAfter401(credentials: Credentials, owner: Owner | undefined): (status: number) => Promise<boolean> {
  let refreshed = false;
  return async (status) => {
    if (status !== 401 || refreshed || !credentials.refresh) return false;
    refreshed = true;
    await credentials.refresh(owner);
    return true;
  };
}
