/**
 * Cost and value: AI-credit spend (collector ai_credits, COPILOT_AI_CREDIT_METRICS=true) by product, SKU and
 * model, per day and month to date, and what it buys: spend per monthly active user, per accepted line and per
 * merged Copilot pull request (recording rules of mixin/rules.ts, ratios of sums per scope).
 */
import type { MixinConfig } from '../config.js';
import { DAY_NOTE, SCOPE_LEGEND, barGaugePanel, copilotDashboard, daily, row, statPanel, tablePanel, timeseriesPanel } from './common.js';

const NET = 'github_copilot_ai_credits_net_amount_usd';
const NET_SUM = `scope_period:${NET}:sum`;
const DAY = 'period="day"';
const MONTH = 'period="month_to_date"';

/** Said by every AI-credit panel: which day and month the amounts describe. */
const BILLING_NOTE =
  'AI credits are billed per organization or enterprise (no team values: with a team picked the panel is empty). period="day" is the latest complete UTC day (yesterday), month to date its month so far (on the 1st, the month that just ended), as read every AI_CREDITS_REFRESH_INTERVAL; GitHub bills with a delay, so the latest values can still grow.';

/** Said by the cost ratios: the two sides describe different days. */
const RATIO_NOTE = `A ratio of sums per organization or enterprise: the whole net spend (all products, SKUs and models) over the usage count of the same scope (team and per-user series left out). ${BILLING_NOTE}`;

const SPEND_LEGEND = SCOPE_LEGEND;

function netBy(without: string, period: string): string {
  return `sum without (${without}) (${daily(NET, period)})`;
}

export function costAndValueDashboard(config: MixinConfig) {
  return copilotDashboard(
    config,
    'cost-and-value',
    'GitHub Copilot / Cost and value',
    'AI-credit spend by product, SKU and model, per day and month to date, against the budget, and what it buys: spend per monthly active user, per accepted line and per merged Copilot pull request. Needs COPILOT_AI_CREDIT_METRICS=true.',
    'github_copilot_daily_active_users',
  )
    .withRow(row('Spend'))
    .withPanel(
      statPanel({
        title: 'Spend, month to date',
        description: `Net AI-credit spend (gross minus discounts) of the month so far, in US dollars (recording rule ${NET_SUM}). ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [{ expr: daily(NET_SUM, MONTH), legend: SPEND_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Spend, latest day',
        description: `Net AI-credit spend of the latest complete UTC day, in US dollars (recording rule ${NET_SUM}). The CopilotAICreditSpendSpike alert fires above ${config.aiCreditSpendSpikeFactor} times its 7-day average. ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [{ expr: daily(NET_SUM, DAY), legend: SPEND_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'Month to date against the budget',
        description: `Month-to-date net spend over the monthly budget of ${config.aiCreditMonthlyBudgetUsd} USD (aiCreditMonthlyBudgetUsd in mixin/config.ts), each scope on its own; CopilotAICreditBudgetExceeded fires above 100%. ${BILLING_NOTE}`,
        unit: 'percentunit',
        queries: [{ expr: `${daily(NET_SUM, MONTH)} / ${config.aiCreditMonthlyBudgetUsd}`, legend: SPEND_LEGEND }],
      }),
    )
    .withPanel(
      statPanel({
        title: 'AI credits billed, month to date',
        description: `Net quantity of the month so far (gross minus what the plan includes), in its unit_type units (1 AI credit = USD 0.01). ${BILLING_NOTE}`,
        queries: [{ expr: `sum without (product, sku, model) (${daily('github_copilot_ai_credits_net_quantity', MONTH)})`, legend: `${SCOPE_LEGEND} {{unit_type}}` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Daily spend: gross, discounts and net',
        description: `The latest complete day's value of the usage before discounts (gross), of what the plan includes (discounts) and billed (net), in US dollars, all products, SKUs and models together. ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [
          { expr: `sum without (product, sku, model) (${daily('github_copilot_ai_credits_gross_amount_usd', DAY)})`, legend: `${SCOPE_LEGEND} gross` },
          { expr: `sum without (product, sku, model) (${daily('github_copilot_ai_credits_discount_amount_usd', DAY)})`, legend: `${SCOPE_LEGEND} discounts` },
          { expr: daily(NET_SUM, DAY), legend: `${SCOPE_LEGEND} net` },
        ],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Spend, month to date, over time',
        description: `Net spend of the month so far, in US dollars: it climbs through the month and starts again on the 2nd (on the 1st it is the month that just ended). Budget: ${config.aiCreditMonthlyBudgetUsd} USD. ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [{ expr: daily(NET_SUM, MONTH), legend: SPEND_LEGEND }],
      }),
    )
    .withRow(row('By product, SKU and model'))
    .withPanel(
      barGaugePanel({
        title: 'Spend by product, month to date',
        description: `Net spend of the month so far per product, in US dollars. ${BILLING_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: netBy('sku, model', MONTH), legend: `{{product}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Spend by SKU, month to date',
        description: `Net spend of the month so far per SKU (within its product), in US dollars. ${BILLING_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: netBy('model', MONTH), legend: `{{sku}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      barGaugePanel({
        title: 'Spend by model, month to date',
        description: `Net spend of the month so far per model, all products together, in US dollars; usage GitHub bills without a model has an empty name. ${BILLING_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: netBy('product, sku', MONTH), legend: `{{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Daily spend by product',
        description: `Net spend of the latest complete day per product, in US dollars. ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [{ expr: netBy('sku, model', DAY), legend: `{{product}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Daily spend by model',
        description: `Net spend of the latest complete day per model, all products together, in US dollars. ${BILLING_NOTE}`,
        unit: 'currencyUSD',
        queries: [{ expr: netBy('product, sku', DAY), legend: `{{model}} (${SCOPE_LEGEND})` }],
      }),
    )
    .withPanel(
      tablePanel(
        {
          title: 'Spend by product, SKU and model',
          description: `One row per scope, product, SKU and model: gross, discounts and net of the month so far, and net of the latest complete day, in US dollars. ${BILLING_NOTE}`,
          unit: 'currencyUSD',
          height: 10,
          queries: [
            { expr: `sum without (period) (${daily('github_copilot_ai_credits_gross_amount_usd', MONTH)})`, legend: 'gross' },
            { expr: `sum without (period) (${daily('github_copilot_ai_credits_discount_amount_usd', MONTH)})`, legend: 'discounts' },
            { expr: `sum without (period) (${daily(NET, MONTH)})`, legend: 'net' },
            { expr: `sum without (period) (${daily(NET, DAY)})`, legend: 'net, latest day' },
          ],
        },
        [{ name: 'Gross, month to date' }, { name: 'Discounts, month to date' }, { name: 'Net, month to date' }, { name: 'Net, latest day' }],
      ),
    )
    .withRow(row('Teams'))
    .withPanel(
      tablePanel(
        {
          title: "Teams' share of the AI credits, and their estimated part of the bill",
          description: `Per team: the AI credits its members used on the reported day (github_copilot_ai_credits_used, the members' sum: a user in two teams counts in both), their share of the credits the organization or enterprise was billed for the latest complete UTC day, and that share of the day's net amount in US dollars, beside the organization's billed amount (recording rules scope:github_copilot_ai_credits_used:share_of_billed_credits and scope:${NET}:team_estimate). An estimate for sharing a bill out: GitHub calls ai_credits_used a usage signal, not the billed amount, and not split by feature or model; the usage day and the billing day differ. ${BILLING_NOTE}`,
          height: 10,
          queries: [
            { expr: daily('github_copilot_ai_credits_used', 'team!=""'), legend: '' },
            { expr: daily('scope:github_copilot_ai_credits_used:share_of_billed_credits'), legend: '' },
            { expr: daily(`scope:${NET}:team_estimate`), legend: '' },
            // The organization's billed amount on each of its teams' rows (0 × the team's series gives the row its labels).
            { expr: `${daily('github_copilot_ai_credits_used', 'team!=""')} * 0 + on (job, instance, enterprise, org) group_left () ${daily(NET_SUM, DAY)}`, legend: '' },
          ],
        },
        [{ name: 'AI credits used' }, { name: 'Share of the billed credits', unit: 'percentunit' }, { name: 'Estimated part of the bill', unit: 'currencyUSD' }, { name: 'Billed amount of the organization', unit: 'currencyUSD' }],
      ),
    )
    .withRow(row('Value'))
    .withPanel(
      timeseriesPanel({
        title: 'Spend per monthly active user',
        description: `Month-to-date net spend over the users active in the 28 days ending on the latest reported usage day (recording rule scope:${NET}_per_monthly_active_user:ratio). ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: daily(`scope:${NET}_per_monthly_active_user:ratio`), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Spend per accepted line, all features',
        description: `Net spend of the latest complete UTC day over the lines added with Copilot on the latest reported usage day, all features (code completions, chat and agent edits: github_copilot_loc_added), since AI credits pay for chat and agents rather than for the completions a plan includes (recording rule scope:${NET}_per_accepted_line_all_features:ratio). Billing runs about a day behind, usage reports two to three days, so the two days differ: follow it over weeks. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: daily(`scope:${NET}_per_accepted_line_all_features:ratio`), legend: SCOPE_LEGEND }],
      }),
    )
    .withPanel(
      timeseriesPanel({
        title: 'Spend per merged Copilot pull request',
        description: `Net spend of the latest complete UTC day, all products, over the pull requests Copilot created and that were merged on the latest reported usage day (github_copilot_pull_requests_merged_created_by_copilot; recording rule scope:${NET}_per_merged_copilot_pull_request:ratio): an upper bound of what one costs, since the spend includes chat, agent mode, code review and the other products (see Daily spend by product for the cloud agent's part). Absent on days without such a merge; the two days differ: follow it over weeks. ${RATIO_NOTE} ${DAY_NOTE}`,
        span: 8,
        unit: 'currencyUSD',
        queries: [{ expr: daily(`scope:${NET}_per_merged_copilot_pull_request:ratio`), legend: SCOPE_LEGEND }],
      }),
    );
}
