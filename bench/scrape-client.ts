/**
 * The benchmark's scraper: one HTTP/1.1 GET over a fresh loopback connection, read into one reused
 * buffer and counted, never copied. node:http's client allocates a Buffer per read and parses in
 * JavaScript callbacks: at 60 MB a scrape it measured about twice the time of the socket itself, and far
 * more inside the bench process, whose heap (the fake GitHub's reports) makes every garbage collection
 * those allocations trigger slow. A scraper that costs next to nothing is what lets the bench tell the
 * exporter's time from its own, and the limit (bench/limit.ts) from both.
 *
 * It reads what the exporter and the baseline answer: a status line, headers, and a body of
 * `content-length` bytes or in chunked transfer encoding. It counts the body as sent (gzip stays
 * compressed) and resolves when the last byte is in.
 */
import { connect } from 'node:net';

export interface Scraped {
  /** From the connect to the last byte of the body. */
  ms: number;
  /** The body's length as sent. */
  bytes: number;
  status: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** GET `path` of the server at `url` (http only), `gzip` asking for it; `readSize` is the one buffer's size. */
export function scrape(url: string, path: string, gzip: boolean, readSize = 1 << 20): Promise<Scraped> {
  const { hostname, port } = new URL(url);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let body: BodyCounter | undefined;
    const socket = connect({
      host: hostname,
      port: Number(port),
      onread: {
        buffer: Buffer.allocUnsafe(readSize),
        callback: (length, buffer) => {
          let data = Buffer.from(buffer.buffer, buffer.byteOffset, length);
          if (!body) {
            // Headers are small: the few reads they span are copied, the body never is.
            head = Buffer.concat([head, data]);
            const end = head.indexOf(HEADER_END);
            if (end < 0) return true;
            try {
              body = bodyCounter(head.subarray(0, end).toString('latin1'));
            } catch (error) {
              socket.destroy();
              reject(error);
              return false;
            }
            data = head.subarray(end + HEADER_END.length);
          }
          if (body.read(data)) {
            socket.destroy();
            resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: body.bytes, status: body.status });
          }
          return true;
        },
      },
    });
    socket.on('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept-Encoding: ${gzip ? 'gzip' : 'identity'}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('error', reject);
    socket.on('end', () => reject(new Error(`${url}${path} closed the connection before the end of the body`)));
  });
}

interface BodyCounter {
  status: number;
  bytes: number;
  /** Counts a read; true once the body is complete. */
  read(data: Buffer): boolean;
}

function bodyCounter(head: string): BodyCounter {
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  if (status === 204 || status === 304) return fixedLengthCounter(status, 0);
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) return chunkedCounter(status);
  const length = Number(headers.get('content-length'));
  if (!Number.isInteger(length)) throw new Error(`the answer has neither a content-length nor chunked encoding: ${statusLine}`);
  return fixedLengthCounter(status, length);
}

function fixedLengthCounter(status: number, length: number): BodyCounter {
  const counter: BodyCounter = {
    status,
    bytes: 0,
    read(data) {
      counter.bytes += data.length;
      return counter.bytes >= length;
    },
  };
  return counter;
}

/** Chunked transfer encoding: `<hex size>[;ext]\r\n<data>\r\n`, repeated, until a size of 0 and the final `\r\n`. */
function chunkedCounter(status: number): BodyCounter {
  let sizeLine = '';
  let remaining = 0;
  /** Bytes of the `\r\n` after a chunk's data still to skip; -1 while reading a size line. */
  let trailing = -1;
  let last = false;
  const counter: BodyCounter = {
    status,
    bytes: 0,
    read(data) {
      let at = 0;
      while (at < data.length) {
        if (remaining > 0) {
          const taken = Math.min(remaining, data.length - at);
          counter.bytes += taken;
          remaining -= taken;
          at += taken;
          if (remaining === 0) trailing = 2;
        } else if (trailing > 0) {
          trailing -= 1;
          at += 1;
          if (trailing === 0) {
            trailing = -1;
            if (last) return true;
          }
        } else {
          const newline = data.indexOf(0x0a, at);
          const end = newline < 0 ? data.length : newline + 1;
          sizeLine += data.toString('latin1', at, end);
          at = end;
          if (newline < 0) continue;
          const size = Number.parseInt(sizeLine, 16);
          sizeLine = '';
          if (size === 0) {
            // No trailers follow from the servers measured: the blank line ends the body.
            last = true;
            trailing = 2;
          } else remaining = size;
        }
      }
      return false;
    },
  };
  return counter;
}
