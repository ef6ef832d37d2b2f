import { describe, expect, it } from 'vitest';
import { renderSamples } from '../../src/metrics/exposition.js';
import { mapLegacyDay } from '../../src/metrics/map/legacy-day.js';
import { buildSnapshot, snapshotText } from '../../src/metrics/snapshot.js';
import { generateLegacyDay } from '../fake-github/legacy-report.js';
import { addDays } from '../../src/days.js';
import { parseExposition } from '../helpers/exposition.js';
import { readGitHubExample } from '../helpers/github-api.js';
import { LEGACY_CONTRACT, leaves, modelInfos } from '../helpers/legacy-contract.js';
import { testSeed } from '../helpers/seed.js';

const scope = { org: 'octo-org', team: 'platform' };
const [example] = readGitHubExample<Array<Record<string, unknown>>>('example-copilot-usage-metrics-for-day.json');

function sumOf(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Maps, renders and parses back: what a scrape would see, escaping included. */
async function scraped(day: Record<string, unknown>) {
  const { samples, problems } = mapLegacyDay(day, scope);
  expect(problems).toEqual([]);
  const text = snapshotText(await buildSnapshot([renderSamples(samples)]));
  return { text, samples: parseExposition(text) };
}

describe('mapLegacyDay on GitHub’s example', () => {
  it('maps the deepest leaves with every label of the path', async () => {
    const { samples } = await scraped(example!);
    const find = (name: string, labels: Record<string, string>) =>
      samples.find((sample) => sample.name === name && JSON.stringify(sample.labels) === JSON.stringify({ ...scope, ...labels }))?.value;
    expect(find('github_copilot_ide_code_completions_code_suggestions', { editor: 'vscode', model: 'default', language: 'python' })).toBe(249);
    expect(find('github_copilot_ide_code_completions_code_lines_accepted', { editor: 'neovim', model: 'a-custom-model', language: 'go' })).toBe(72);
    expect(find('github_copilot_dotcom_pull_requests_pr_summaries_created', { repository: 'demo/repo2', model: 'a-custom-model' })).toBe(10);
    expect(find('github_copilot_model_info', { model: 'a-custom-model', is_custom_model: 'true', custom_model_training_date: '2024-02-01' })).toBe(1);
    expect(find('github_copilot_model_info', { model: 'default', is_custom_model: 'false' })).toBe(1);
    expect(find('github_copilot_metrics_day_timestamp_seconds', {})).toBe(Date.parse('2024-06-24T00:00:00Z') / 1000);
  });
});

describe('mapLegacyDay over generated days (property style)', () => {
  const seed = testSeed(987642);
  const days = Array.from({ length: 60 }, (_, i) => generateLegacyDay(`property-${seed}`, addDays('2026-01-01', i), 5 + (i % 7) * 40, { rough: true }));
  // Each day is mapped, rendered and parsed once, for the three properties below.
  const exposed = new Map<Record<string, unknown>, ReturnType<typeof scraped>>();
  const scrapedOnce = (day: Record<string, unknown>) => {
    if (!exposed.has(day)) exposed.set(day, scraped(day));
    return exposed.get(day) as ReturnType<typeof scraped>;
  };

  it(`the sum of every family equals the sum of its leaves in the input (seed ${seed})`, async () => {
    for (const day of days) {
      const { samples } = await scrapedOnce(day);
      for (const row of LEGACY_CONTRACT) {
        const expected = sumOf(leaves(day, row.path).flatMap(([, value]) => (typeof value === 'number' ? [value] : [])));
        const actual = sumOf(samples.filter((sample) => sample.name === row.metric).map((sample) => sample.value));
        expect(actual, `${row.metric} on ${String(day.date)}`).toBe(expected);
      }
    }
  });

  it(`every series has exactly the labels of its path, with names as they were (seed ${seed})`, async () => {
    for (const day of days) {
      const { samples } = await scrapedOnce(day);
      for (const row of LEGACY_CONTRACT) {
        const expectedLabelSets = new Set(leaves(day, row.path).filter(([, value]) => typeof value === 'number').map(([labels]) => JSON.stringify({ ...scope, ...labels })));
        const actualLabelSets = new Set(samples.filter((sample) => sample.name === row.metric).map((sample) => JSON.stringify(sample.labels)));
        expect(actualLabelSets, row.metric).toEqual(expectedLabelSets);
      }
    }
  });

  it(`one model_info series per distinct model (seed ${seed})`, async () => {
    for (const day of days) {
      const { samples } = await scrapedOnce(day);
      const infos = new Set(
        samples
          .filter((sample) => sample.name === 'github_copilot_model_info')
          .map((sample) => JSON.stringify([sample.labels.model, sample.labels.is_custom_model, sample.labels.custom_model_training_date ?? null])),
      );
      expect(infos).toEqual(modelInfos(day));
    }
  });
});

describe('mapLegacyDay edge cases', () => {
  it('gives only the day for a day of nulls and absences', () => {
    const { samples, problems } = mapLegacyDay(
      { date: '2026-11-20', total_active_users: null, copilot_ide_chat: null, copilot_dotcom_chat: { models: null }, copilot_ide_code_completions: { editors: [{ name: 'vscode', models: [{ name: 'm' }] }] } },
      scope,
    );
    expect(problems).toEqual([]);
    expect(samples.map((sample) => sample.family.name)).toEqual(['github_copilot_metrics_day_timestamp_seconds', 'github_copilot_model_info']);
  });

  it('sums entries with the same name', () => {
    const { samples } = mapLegacyDay(
      { date: '2026-11-20', copilot_dotcom_chat: { models: [{ name: 'default', total_chats: 2 }, { name: 'default', total_chats: 5 }] } },
      scope,
    );
    expect(samples.find((sample) => sample.family.name === 'github_copilot_dotcom_chat_chats')?.value).toBe(7);
  });

  it.each([
    [{ date: '2026-11-20', total_active_users: 'ten' }, 'total_active_users is "ten", expected a non-negative integer'],
    [{ date: '2026-11-20', copilot_ide_chat: { editors: [{ name: 'vim', total_engaged_users: -1 }] } }, 'copilot_ide_chat.editors[0].total_engaged_users is -1, expected a non-negative integer'],
    // Every number of the legacy schema is an integer.
    [{ date: '2026-11-20', total_engaged_users: 2.5 }, 'total_engaged_users is 2.5, expected a non-negative integer'],
    [{ date: '2026-11-20', total_engaged_users: Number.NaN }, 'total_engaged_users is NaN, expected a non-negative integer'],
    [{ date: '2026-11-20', copilot_dotcom_chat: { models: [{ name: 'default', total_chats: 'NaN' }] } }, 'copilot_dotcom_chat.models[0].total_chats is "NaN", expected a non-negative integer'],
    [{ date: '2026-11-20', copilot_dotcom_chat: { models: 'default' } }, 'copilot_dotcom_chat.models is not an array'],
    [{ total_active_users: 3 }, 'date undefined is not a YYYY-MM-DD date'],
  ])('reports %j', (day, problem) => {
    expect(mapLegacyDay(day, scope).problems).toContain(problem);
  });
});
