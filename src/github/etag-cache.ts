/**
 * Conditional requests: the ETag of a URL's last 200 goes out as `If-None-Match`, and GitHub's 304 then
 * stands for the body of that 200, kept here. A 304 to an authorized request does not count against the
 * primary rate limit (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api,
 * "Use conditional requests if appropriate").
 *
 * The cache is bounded: every `?day=` of every report is a URL of its own, and an enterprise's seat list
 * is thousands of pages, so an unbounded cache would grow for the life of the process and hold the seat
 * list whole. Bodies are kept as the text GitHub sent (a parsed body takes several times its text) and
 * parsed again on a 304; the least recently used answers go first once their text passes `maxBytes`.
 */

/** The last 200 of one URL that came with an ETag: its JSON text and the query of its next page. */
export interface CachedAnswer {
  etag: string;
  text: string;
  next?: Record<string, string>;
}

/** 32 MiB of answers: every day report's links of a year for dozens of targets, or a few hundred seat pages. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export class EtagCache {
  /** In least recently used order: a Map iterates in insertion order, and a hit is inserted again. */
  private readonly answers = new Map<string, CachedAnswer>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /** The answer a 304 for this URL stands for, when there is one. */
  get(url: string): CachedAnswer | undefined {
    const answer = this.answers.get(url);
    if (answer) {
      this.answers.delete(url);
      this.answers.set(url, answer);
    }
    return answer;
  }

  /** Keeps a 200 for the next conditional request; one without an ETag cannot be asked about, so it is not kept. */
  remember(url: string, etag: unknown, text: string, next?: Record<string, string>): void {
    this.forget(url);
    if (typeof etag !== 'string' || text.length > this.maxBytes) return;
    this.answers.set(url, { etag, text, ...(next ? { next } : {}) });
    this.bytes += text.length;
    for (const [oldest] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
  }

  private forget(url: string): void {
    const answer = this.answers.get(url);
    if (!answer) return;
    this.answers.delete(url);
    this.bytes -= answer.text.length;
  }
}

/** The header that turns a request into a conditional one on the cached answer. */
export function conditionalHeaders(cached: CachedAnswer | undefined): Record<string, string> {
  return cached ? { 'if-none-match': cached.etag } : {};
}
