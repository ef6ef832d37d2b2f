/**
 * The Node.js versions package.json claims (`engines`) are ones every installed package accepts, and
 * the Node 24 that CI fetches for its second run (scripts/fetch-node.sh) is one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/exporter-process.js';

const read = (path: string) => readFileSync(join(PROJECT_ROOT, path), 'utf8');
const claimed = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe('the Node.js versions package.json claims', () => {
  it('are accepted by every package of the lock file', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, { version, engines }]) => {
        const wanted = Array.isArray(engines) ? undefined : engines?.node;
        return wanted && !semver.subset(claimed, wanted) ? [`${path.replace(/^.*node_modules\//, '')}@${version} wants ${wanted}`] : [];
      });
    expect(refusing).toEqual([]);
  });

  it('include the Node.js CI fetches for its second run', () => {
    const version = /^version=(\S+)$/m.exec(read('scripts/fetch-node.sh'))?.[1];
    expect(version).toMatch(/^24\./);
    expect(semver.satisfies(version as string, claimed)).toBe(true);
  });
});
