/**
 * Preloaded into the exporter process (`--import`) to make a DNS outage that can end: host names under
 * `.copilot-fake.test` fail to resolve with ENOTFOUND, exactly as getaddrinfo reports it, while the
 * file named by FAKE_DNS_DOWN_FILE exists, and resolve to 127.0.0.1 otherwise. Node's sockets call
 * `dns.lookup` through the module object, so replacing it here covers every connection the exporter opens.
 */
import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { existsSync } from 'node:fs';

const FAKE_DOMAIN = '.copilot-fake.test';
const downFile = process.env.FAKE_DNS_DOWN_FILE;
const realLookup = dns.lookup;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function fakeLookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
  const done = (typeof options === 'function' ? options : callback) as LookupCallback;
  const all = typeof options === 'object' && options.all === true;
  if (downFile !== undefined && existsSync(downFile)) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
    process.nextTick(done, error, all ? [] : '');
    return;
  }
  if (all) process.nextTick(done, null, [{ address: '127.0.0.1', family: 4 }]);
  else process.nextTick(done, null, '127.0.0.1', 4);
}

Object.assign(dns, {
  lookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
    if (hostname.endsWith(FAKE_DOMAIN)) fakeLookup(hostname, options, callback);
    else Reflect.apply(realLookup, dns, [hostname, options, callback].filter((argument) => argument !== undefined));
  },
});
