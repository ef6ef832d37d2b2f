/**
 * The physical limit of a scrape in the benchmark: a plain node:http server that holds the bytes the
 * exporter served (plain and gzipped, read once from LIMIT_URL/metrics) and writes them with one
 * `end(buffer)` per request. Whatever an exporter does, a scrape of the same bytes over the same loopback
 * socket with the same client cannot be faster than this.
 *
 * Run by bench/run.ts as a child process; it prints one JSON line when it listens.
 */
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';

const source = process.env.LIMIT_URL;
if (!source) throw new Error('LIMIT_URL is not set');

function read(gzip: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(`${source}/metrics`, { headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

const plain = await read(false);
const gzipped = await read(true);
const server = createServer((req, res) => {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? gzipped : plain;
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(body);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'limit ready', url: `http://127.0.0.1:${port}`, plainBytes: plain.length, gzipBytes: gzipped.length }));
});
