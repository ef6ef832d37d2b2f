/**
 * An enterprise's day is its own users' activity plus its organizations': GitHub's enterprise report
 * counts every organization of the enterprise, so no organization's value may exceed its enterprise's.
 * Counts add up field by field and breakdown entry by breakdown entry (entries are matched by the
 * values that name them: ide, feature, language, model, …). Medians and averages do not add up: the
 * enterprise keeps its own.
 */

type Json = unknown;

/** Medians and averages (median_minutes_to_merge, avg_tokens_per_request): not sums of their parts. */
export const NOT_ADDITIVE = /^(median_|avg_)/;

/** What names a breakdown entry: its fields that are not numbers, nested objects or lists. */
function entryName(entry: Json): string {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return JSON.stringify(entry);
  return JSON.stringify(Object.entries(entry).filter(([, value]) => value === null || ['string', 'boolean'].includes(typeof value)));
}

/** `into` with every count of `from` added to it (neither is changed). */
export function addCounts(into: Json, from: Json, key = ''): Json {
  if (typeof into === 'number' && typeof from === 'number') return NOT_ADDITIVE.test(key) ? into : into + from;
  if (into === undefined || into === null) return NOT_ADDITIVE.test(key) ? into : from;
  if (Array.isArray(into) && Array.isArray(from)) {
    const sums = new Map<string, Json>(into.map((entry) => [entryName(entry), entry]));
    for (const entry of from) sums.set(entryName(entry), addCounts(sums.get(entryName(entry)), entry, key));
    return [...sums.values()];
  }
  if (typeof into === 'object' && typeof from === 'object' && from !== null && !Array.isArray(into)) {
    const sum: Record<string, Json> = { ...(into as Record<string, Json>) };
    for (const [name, value] of Object.entries(from)) {
      // An organization's own names (organization_id) are not the enterprise's.
      if (!(name in sum) && typeof value === 'string') continue;
      sum[name] = addCounts(sum[name], value, name);
    }
    return sum;
  }
  // Strings (the day, an id) are the enterprise's own.
  return into;
}
