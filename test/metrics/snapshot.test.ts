import CRC32 from 'crc-32';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findDefinition, type MetricDefinition } from '../../src/metrics/definitions.js';
import { type RenderedFamilies, renderSamples } from '../../src/metrics/exposition.js';
import { gzipMember } from '../../src/metrics/gzip-join.js';
import { type CopilotSnapshot, SnapshotBuilder, buildSnapshot, snapshotText } from '../../src/metrics/snapshot.js';

const users = findDefinition('github_copilot_daily_active_users') as MetricDefinition;
const byIde = findDefinition('github_copilot_loc_added_by_ide') as MetricDefinition;

/** One organization's series; `version` changes its values. */
function organization(i: number, version = 0): RenderedFamilies {
  const org = `org-${i}`;
  return renderSamples([{ family: users, labels: { org }, value: i + version }, ...['vscode', 'vim'].map((ide) => ({ family: byIde, labels: { org, ide }, value: i * 10 + version }))]);
}

function gunzipped(snapshot: CopilotSnapshot): string {
  return gunzipSync(Buffer.concat(gzipMember([snapshot.deflated], Buffer.alloc(0), snapshot.crc, snapshot.length))).toString('utf8');
}

describe('snapshots built one after the other', () => {
  it('deflate only the blocks whose series changed, and serve the same bytes as a snapshot built afresh', async () => {
    const builder = new SnapshotBuilder();
    const targets = Array.from({ length: 200 }, (_, i) => organization(i));
    expect(await builder.build(targets)).toMatchObject({ blocks: 8, deflatedBlocks: 8 });
    // Two families, 200 slots in blocks of 64: four blocks each, of which the two holding slots 5 and 150 changed.
    targets[5] = organization(5, 1);
    targets[150] = organization(150, 1);
    const { snapshot: next, deflatedBlocks } = await builder.build(targets);
    expect(deflatedBlocks).toBe(4);
    const fresh = await buildSnapshot(Array.from({ length: 200 }, (_, i) => organization(i, i === 5 || i === 150 ? 1 : 0)));
    expect(snapshotText(next)).toBe(snapshotText(fresh));
    expect(snapshotText(next)).toContain('github_copilot_daily_active_users{org="org-150"} 151\n');
    expect(gunzipped(next)).toBe(snapshotText(next));
    expect(next.crc).toBe(CRC32.buf(Buffer.from(snapshotText(next))));
  });

  it('hold the bytes once: the targets\' lines are views of the snapshot\'s blocks, and unchanged blocks are not copied again', async () => {
    const builder = new SnapshotBuilder();
    const targets = Array.from({ length: 100 }, (_, i) => organization(i));
    const { snapshot: first } = await builder.build(targets);
    const buffers = new Set(first.blocks.map((block) => block.bytes.buffer));
    for (const rendered of targets) for (const { lines } of rendered.values()) expect(buffers.has(lines.buffer)).toBe(true);
    targets[70] = organization(70, 1);
    const { snapshot: next } = await builder.build(targets);
    // Slots 0 to 63 are the first block of each family: the same bytes, not a copy.
    expect(next.blocks.filter((block) => block.index === 0).every((block, i) => block.bytes === first.blocks.filter((old) => old.index === 0)[i]?.bytes)).toBe(true);
    expect(next.blocks.filter((block) => block.index === 1).some((block) => buffers.has(block.bytes.buffer))).toBe(false);
  });

  it('follow series that vanish and families that appear', async () => {
    const builder = new SnapshotBuilder();
    await builder.build([organization(1), organization(2)]);
    const onlyUsers = renderSamples([{ family: users, labels: { org: 'org-2' }, value: 7 }]);
    const { snapshot: next } = await builder.build([organization(1), onlyUsers]);
    expect(snapshotText(next)).not.toContain('org="org-2",ide=');
    expect(gunzipped(next)).toBe(snapshotText(next));
    const { snapshot: empty } = await builder.build([]);
    expect(snapshotText(empty)).toBe('');
  });
});
