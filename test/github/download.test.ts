import { Readable } from 'node:stream';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ReportDownloader, type ReportRow } from '../../src/github/download.js';
import { USER_AGENT } from '../../src/version.js';
import { rejection, useNock } from '../helpers/nock.js';
import { FakeClock, RecordingObserver, silentLogger } from '../helpers/fakes.js';

const HOST = 'https://copilot-reports.github.test';
const PATH = '/enterprise/acme/2026-11-20/part-1.ndjson';
const SIGNED = `${HOST}${PATH}?sig=secret-signature-value&se=2026-11-25`;

function makeDownloader(maxBytes = 1024 * 1024, maxLineBytes = 64 * 1024) {
  const clock = new FakeClock();
  const observer = new RecordingObserver();
  const downloader = new ReportDownloader({ timeoutMs: 2000, maxBytes, maxLineBytes, logger: silentLogger, observer, clock, random: () => 0.5 });
  return { downloader, clock, observer };
}

async function collect(downloader: ReportDownloader, url = SIGNED): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  await downloader.forEachRow(url, (row) => rows.push(row));
  return rows;
}


/** A body delivered in the given chunks, to cut lines and characters at awkward places. */
function chunked(...chunks: Array<string | Buffer>): () => Readable {
  return () => Readable.from(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
}

useNock();

describe('ReportDownloader', () => {
  it('streams NDJSON rows cut anywhere, including inside a UTF-8 character, and a last line without newline', async () => {
    const text = '{"a":1,"lang":"日本語"}\n\n{"b":2}\n{"c":3}';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('本')) + 1; // in the middle of a three-byte character
    nock(HOST).get(PATH).query(true).reply(200, chunked(bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)));
    const { downloader } = makeDownloader();
    await expect(collect(downloader)).resolves.toEqual([{ a: 1, lang: '日本語' }, { b: 2 }, { c: 3 }]);
  });

  it('never sends an Authorization header to the download host', async () => {
    nock(HOST, { badheaders: ['authorization'], reqheaders: { 'user-agent': USER_AGENT } })
      .get(PATH)
      .query({ sig: 'secret-signature-value', se: '2026-11-25' })
      .reply(200, '{"ok":true}\n');
    const { downloader, observer } = makeDownloader();
    await expect(collect(downloader)).resolves.toEqual([{ ok: true }]);
    expect(observer.requests).toEqual([{ endpoint: 'report-download', code: '200' }]);
  });

  it('rejects a truncated file as a whole', async () => {
    nock(HOST).get(PATH).query(true).reply(200, '{"day":"2026-11-19"}\n{"day":"2026-11-2');
    const error = await rejection(collect(makeDownloader().downloader));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(
      `Report file ${HOST}${PATH}?[REDACTED] is malformed: line 2 is not valid JSON (the file may be truncated).`,
    );
  });

  it.each([
    ['a line that is not JSON', '{"a":1}\nnot json\n{"b":2}\n', 'line 2 is not valid JSON'],
    ['a line that is an array', '[1,2]\n', 'line 1 is not a JSON object'],
    ['a line that is null', 'null\n', 'line 1 is not a JSON object'],
  ])('rejects %s', async (_case, body, what) => {
    nock(HOST).get(PATH).query(true).reply(200, body);
    const error = await rejection(collect(makeDownloader().downloader));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toContain(what);
  });

  it('refuses a file whose Content-Length is over the cap before reading it', async () => {
    nock(HOST).get(PATH).query(true).reply(200, `${JSON.stringify({ pad: 'x'.repeat(200) })}\n`);
    const error = await rejection(collect(makeDownloader(100).downloader));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`Report file ${HOST}${PATH}?[REDACTED] is larger than 100 bytes (REPORT_MAX_BYTES), far beyond any real report.`);
    expect(error.details.endpoint).toBe('report-download');
    expect(error.describe()).toContain('raise REPORT_MAX_BYTES only if reports this large are expected');
  });

  it('stops a streamed file without Content-Length once it passes the cap', async () => {
    const line = `${JSON.stringify({ pad: 'y'.repeat(50) })}\n`;
    nock(HOST).get(PATH).query(true).reply(200, chunked(line, line, line, line));
    const rows: ReportRow[] = [];
    const error = await rejection(makeDownloader(150).downloader.forEachRow(SIGNED, (row) => rows.push(row)));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toBe(`Report file ${HOST}${PATH}?[REDACTED] is larger than 150 bytes (REPORT_MAX_BYTES), far beyond any real report.`);
    expect(rows.length).toBeLessThan(4);
  });

  it('reads a file of exactly REPORT_MAX_BYTES', async () => {
    const line = `${JSON.stringify({ pad: 'y'.repeat(50) })}\n`;
    nock(HOST).get(PATH).query(true).reply(200, chunked(line, line, line));
    await expect(collect(makeDownloader(line.length * 3).downloader)).resolves.toHaveLength(3);
  });

  it('parses a line spread over many chunks, with multi-byte characters cut between chunks', async () => {
    const rows = [
      { day: '2026-11-20', user_login: 'zoë', note: '日本語のテキスト, emoji 🚀🧪 and ümlauts'.repeat(20), n: 1 },
      { day: '2026-11-20', user_login: 'ann', n: 2 },
      { day: '2026-11-20', user_login: 'Ω', note: '€'.repeat(300), n: 3 },
    ];
    const bytes = Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
    // Chunks of 1 to 7 bytes: every multi-byte character (2, 3 and 4 bytes long) is cut somewhere, and some
    // chunks start or end on a newline.
    const chunks: Buffer[] = [];
    for (let start = 0, size = 1; start < bytes.length; start += size, size = (size % 7) + 1) chunks.push(bytes.subarray(start, start + size));
    expect(chunks.length).toBeGreaterThan(500);
    const firstCut = chunks.findIndex((chunk) => (chunk.at(-1) as number) >= 0x80 && ((chunk.at(-1) as number) & 0xc0) !== 0x80);
    expect(firstCut, 'a chunk ends inside a multi-byte character').toBeGreaterThanOrEqual(0);
    nock(HOST).get(PATH).query(true).reply(200, chunked(...chunks));
    await expect(collect(makeDownloader(1024 * 1024, 8 * 1024).downloader)).resolves.toEqual(rows);
  });

  it('reads a line of exactly REPORT_MAX_LINE_BYTES bytes spread over several chunks', async () => {
    const line = JSON.stringify({ pad: 'é'.repeat(41) }); // 92 bytes, 51 characters
    const bytes = Buffer.from(line);
    expect(bytes.length).toBe(92);
    nock(HOST).get(PATH).query(true).reply(200, chunked(bytes.subarray(0, 31), bytes.subarray(31, 61), bytes.subarray(61), '\n{"b":2}\n'));
    await expect(collect(makeDownloader(1024 * 1024, 92).downloader)).resolves.toEqual([JSON.parse(line), { b: 2 }]);
  });

  it.each([
    ['ends later', (line: Buffer) => [line.subarray(0, 60), line.subarray(60), Buffer.from('\n')]],
    ['never ends', (line: Buffer) => [line.subarray(0, 60), line.subarray(60, 120), line.subarray(120)]],
  ])('rejects a line longer than REPORT_MAX_LINE_BYTES that %s, naming the line and the setting', async (_case, cut) => {
    // Bytes, not characters: the line is 56 characters but 102 bytes (each "é" is two).
    const long = Buffer.from(JSON.stringify({ pad: 'é'.repeat(46) }));
    expect(long.length).toBe(102);
    nock(HOST).get(PATH).query(true).reply(200, chunked('{"a":1}\n', ...cut(long), '{"b":2}\n'));
    const rows: ReportRow[] = [];
    const error = await rejection(makeDownloader(1024 * 1024, 100).downloader.forEachRow(SIGNED, (row) => rows.push(row)));
    expect(error.reason).toBe('invalid_response');
    expect(error.details.endpoint).toBe('report-download');
    expect(error.message).toBe(
      `Report file ${HOST}${PATH}?[REDACTED] has a line longer than 100 bytes (line 2, REPORT_MAX_LINE_BYTES): a report row is a few kilobytes, so the file is not NDJSON or is broken.`,
    );
    expect(error.describe()).toContain('raise REPORT_MAX_LINE_BYTES only if rows this long are expected');
    expect(rows).toEqual([{ a: 1 }]);
  });

  it('retries a 5xx from the download host before reading', async () => {
    nock(HOST).get(PATH).query(true).reply(503, 'busy');
    nock(HOST).get(PATH).query(true).reply(200, '{"ok":1}\n');
    const { downloader, clock, observer } = makeDownloader();
    await expect(collect(downloader)).resolves.toEqual([{ ok: 1 }]);
    expect(clock.sleeps).toEqual([750]);
    expect(observer.requests.map((request) => request.code)).toEqual(['503', '200']);
  });

  it('reports an expired link (403) without retrying and without the signature', async () => {
    nock(HOST).get(PATH).query(true).reply(403, '<Error>AuthenticationFailed</Error>');
    const { downloader, clock } = makeDownloader();
    const error = await rejection(collect(downloader));
    expect(error.reason).toBe('invalid_response');
    expect(error.describe()).toContain('The signed link may have expired');
    expect(error.describe()).not.toContain('secret-signature-value');
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects a body that breaks off in the middle', async () => {
    const broken = () =>
      new Readable({
        read() {
          this.push(Buffer.from('{"a":1}\n{"b":'));
          this.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
        },
      });
    nock(HOST).get(PATH).query(true).reply(200, broken);
    const error = await rejection(collect(makeDownloader().downloader));
    expect(error.reason).toBe('invalid_response');
    expect(error.message).toContain('is malformed');
  });
});
