/**
 * The credential a request carries, whichever kind it is: a token (create-credentials.ts) or a GitHub
 * App (app-auth.ts).
 */
import type { Owner } from './endpoints.js';

export interface Credentials {
  /** The token to send now, for a request about this organization or enterprise. */
  token(owner?: Owner): Promise<string>;
  /** After a 401: forget any cached token, so that the next `token()` gets a fresh one. */
  refresh?(owner?: Owner): Promise<void>;
  /** Every secret value seen so far, for scrubbing logs. */
  secrets(): string[];
}
