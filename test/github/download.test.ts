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

function makeDownloader(maxBytes = 1024 * 1024) {
  const clock = new FakeClock();
  const observer = new RecordingObserver();
  const downloader = new ReportDownloader({ timeoutMs: 2000, maxBytes, logger: silentLogger, observer, clock, random: () => 0.5 });
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
    expect(error.message).toBe(`Report file ${HOST}${PATH}?[REDACTED] is larger than 100 bytes.`);
  });

  it('stops a streamed file without Content-Length once it passes the cap', async () => {
    const line = `${JSON.stringify({ pad: 'y'.repeat(50) })}\n`;
    nock(HOST).get(PATH).query(true).reply(200, chunked(line, line, line, line));
    const rows: ReportRow[] = [];
    const error = await rejection(makeDownloader(150).downloader.forEachRow(SIGNED, (row) => rows.push(row)));
    expect(error.message).toContain('is larger than 150 bytes');
    expect(rows.length).toBeLessThan(4);
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
