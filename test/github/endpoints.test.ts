/**
 * Endpoints of a target: a concrete path, a bounded template for the request counter, and the owner
 * a GitHub App picks its installation by.
 */
import { describe, expect, it } from 'vitest';
import { latest28DayReport, legacyMetrics, oneDayReport, orgBilling, seatList, userTeamsOneDayReport, usersOneDayReport } from '../../src/github/endpoints.js';
import type { Target } from '../../src/targets.js';

const BUILDERS = { latest28DayReport, oneDayReport, usersOneDayReport, userTeamsOneDayReport, orgBilling, seatList, legacyMetrics };

describe('endpoints', () => {
  it.each([
    [{ kind: 'org', slug: 'acme' }],
    [{ kind: 'enterprise', slug: 'big' }],
    [{ kind: 'org', slug: 'acme', team: 'web' }],
    [{ kind: 'enterprise', slug: 'big', team: 'platform' }],
  ] satisfies Array<[Target]>)('name the owner of %o, which a GitHub App authenticates for', (target) => {
    for (const [name, build] of Object.entries(BUILDERS)) expect(build(target).owner, name).toEqual({ kind: target.kind, slug: target.slug });
  });

  it('put a legacy team below its owner, with a bounded template', () => {
    expect(legacyMetrics({ kind: 'org', slug: 'acme', team: 'web ui' })).toMatchObject({ path: '/orgs/acme/team/web%20ui/copilot/metrics', template: '/orgs/{org}/team/{team_slug}/copilot/metrics' });
    expect(legacyMetrics({ kind: 'enterprise', slug: 'big', team: 'platform' })).toMatchObject({ path: '/enterprises/big/team/platform/copilot/metrics', template: '/enterprises/{enterprise}/team/{team_slug}/copilot/metrics' });
  });
});
