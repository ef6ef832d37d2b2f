/** The list of collectors: which ones a configuration turns on, for which targets, main report first. */
import { describe, expect, it } from 'vitest';
import { COLLECTORS, collectorsOf, enabledCollectors } from '../../src/collectors/index.js';
import { buildTargets } from '../../src/targets.js';
import { configFrom } from '../helpers/collectors.js';

const names = (collectors: ReadonlyArray<{ name: string }>) => collectors.map((collector) => collector.name);

describe('the collectors', () => {
  it('are usage, legacy, people, repositories, seats and ai_credits, the main reports first', () => {
    expect(names(COLLECTORS)).toEqual(['usage', 'legacy', 'people', 'repositories', 'seats', 'ai_credits']);
    expect(COLLECTORS.filter((collector) => collector.main).map((collector) => collector.name)).toEqual(['usage', 'legacy']);
  });

  it.each<[string, Record<string, string>, string[]]>([
    ['the defaults', {}, ['usage', 'people', 'repositories', 'seats']],
    ['no teams, no repositories, no seats', { COPILOT_TEAM_METRICS: 'false', COPILOT_REPOSITORY_METRICS: 'false', COPILOT_SEAT_METRICS: 'false' }, ['usage']],
    ['per-user metrics only', { COPILOT_TEAM_METRICS: 'false', COPILOT_USER_METRICS: 'true', COPILOT_REPOSITORY_METRICS: 'false', COPILOT_SEAT_METRICS: 'false' }, ['usage', 'people']],
    ['repositories only', { COPILOT_TEAM_METRICS: 'false', COPILOT_SEAT_METRICS: 'false' }, ['usage', 'repositories']],
    ['the legacy API', { COPILOT_API: 'legacy-metrics' }, ['legacy', 'seats']],
    ['AI credits on', { COPILOT_AI_CREDIT_METRICS: 'true' }, ['usage', 'people', 'repositories', 'seats', 'ai_credits']],
    ['AI credits with the legacy API', { COPILOT_API: 'legacy-metrics', COPILOT_SEAT_METRICS: 'false', COPILOT_AI_CREDIT_METRICS: 'true' }, ['legacy', 'ai_credits']],
  ])('%s turn on exactly one main report', (_case, env, expected) => {
    const enabled = enabledCollectors(configFrom(env));
    expect(names(enabled)).toEqual(expected);
    expect(enabled.filter((collector) => collector.main)).toHaveLength(1);
  });

  it('give a team target only its main report', () => {
    const config = configFrom({ COPILOT_API: 'legacy-metrics', COPILOT_ORGS: 'octo', COPILOT_TEAMS: 'octo/web' });
    const byTarget = buildTargets(config).map((target) => [target.team ?? target.slug, names(collectorsOf(config, target))]);
    expect(byTarget).toEqual([
      ['octo', ['legacy', 'seats']],
      ['web', ['legacy']],
    ]);
  });
});
