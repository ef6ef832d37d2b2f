/**
 * The enterprises and organizations the fake GitHub knows (what it answers about one is generated from
 * its profile), and what a test can leave out of a day.
 */

export interface EntityProfile {
  kind: 'enterprise' | 'org';
  slug: string;
  id: number;
  /** Licensed users; drives every other number. */
  seats: number;
  /** How many activity cells a day has; 1 is a realistic default, larger values make large reports for benchmarks. */
  scale?: number;
  /**
   * An enterprise's organizations (the fake serves them too when listed among its entities): their
   * counts are part of the enterprise's, as on GitHub (its `seats` and seat list stay its own).
   */
  organizations?: EntityProfile[];
  /** Team slugs the legacy `/team/{team_slug}/copilot/metrics` endpoints know. */
  teams?: string[];
  /** The legacy endpoints answer 422, as when the "Copilot Metrics API access" policy is disabled. */
  legacyPolicyDisabled?: boolean;
  /** Reports the API answers 404 for (GitHub's `Not Found`), as for a token or plan without them. */
  missingReports?: ReadonlyArray<'users' | 'user-teams' | 'repos' | 'seats'>;
  /** An organization billed through its enterprise: its AI credit usage URL answers 404, as on GitHub. */
  billedThroughEnterprise?: boolean;
  /**
   * An enterprise-scale users report: `count` active users (the first `count` seat holders) with heavy
   * rows of about 8 KB, in one file, and every seat holder in two of `teams` teams (people.ts). The
   * files are written to disk and streamed, never held in memory (see FakeGitHub.heavyReport).
   */
  heavyUsers?: { count: number; teams: number };
}

/** What a test changes about a day: values to leave out (to make series disappear), and GitHub's revisions of it. */
export interface Exclusions {
  ide?: string[];
  feature?: string[];
  language?: string[];
  model?: string[];
  /** How often GitHub has revised the day (FakeGitHub.revise): each revision draws its activity anew. */
  revision?: number;
}

/** The extra seed of a revised day (none for a day as first published, so that unrevised days stay as they were). */
export function revisionSeed(excluded: Exclusions = {}): number[] {
  return excluded.revision ? [excluded.revision] : [];
}
