/**
 * The benchmark's scraper (bench/scrape-client.ts) counts exactly the body a server sends, whether its
 * length is given or it comes chunked, however the reads cut it: its figures are what the bench's
 * budgets compare.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrape } from '../../bench/scrape-client.js';

const BODY = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `series_${i % 97}{target="t${i}"} ${i}\n`).join(''));
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/length') {
      res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
    } else if (req.url === '/chunked') {
      // Writes of uneven sizes, none of them given a length up front: node sends each as one chunk.
      let at = 0;
      for (let size = 1; at < BODY.length; size = (size * 7 + 3) % 9_001) {
        res.write(BODY.subarray(at, at + size));
        at += size;
      }
      res.end();
    } else if (req.url === '/empty') {
      res.writeHead(204).end();
    } else res.writeHead(404, { 'content-length': 9 }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the bench's scraper", () => {
  for (const readSize of [1 << 20, 4_096, 7]) {
    it(`counts a body of content-length and a chunked one to the byte, reading ${readSize} bytes at a time`, async () => {
      expect(await scrape(url, '/length', false, readSize)).toMatchObject({ status: 200, bytes: BODY.length });
      expect(await scrape(url, '/chunked', false, readSize)).toMatchObject({ status: 200, bytes: BODY.length });
    });
  }

  it('answers the status and an empty body, and measures the time to the last byte', async () => {
    expect(await scrape(url, '/missing', false)).toMatchObject({ status: 404, bytes: 9 });
    const empty = await scrape(url, '/empty', false);
    expect(empty).toMatchObject({ status: 204, bytes: 0 });
    expect(empty.ms).toBeGreaterThan(0);
  });

  it('fails, naming the URL, when the server closes the connection before the end of the body', async () => {
    const cut = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': 100 });
      res.write('only part of it');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    const cutUrl = `http://127.0.0.1:${(cut.address() as AddressInfo).port}`;
    await expect(scrape(cutUrl, '/metrics', false)).rejects.toThrow(`${cutUrl}/metrics closed the connection before the end of the body`);
    await new Promise<void>((resolve) => cut.close(() => resolve()));
  });
});
