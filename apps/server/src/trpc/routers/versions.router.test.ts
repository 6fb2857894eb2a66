import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

/** A flow with v1 (end labelled "First") and v2 (labelled "Second", moved), draft = v2. */
async function twoVersions() {
  const editor = bed.callerAs(bed.users.editor);
  const { id } = await editor.flows.create({ name: 'Versioned', graph: publishableGraph('First') });
  await editor.flows.publish({ id, note: 'v1' });
  const second = publishableGraph('Second');
  second.nodes = second.nodes.map((node) =>
    node.id === 'end' ? { ...node, position: { x: 300, y: 50 }, config: { outcome: 'cancelled' } } : node,
  );
  await editor.flows.updateDraft({ id, graph: second, expectedRevision: 1 });
  bed.clock.advance(1000);
  await editor.flows.publish({ id, note: 'v2' });
  return { id, editor };
}

describe('versions router', () => {
  it('lists versions newest first without their graphs, and gets one whole', async () => {
    const { id } = await twoVersions();
    const viewer = bed.callerAs(bed.users.viewer);
    const list = await viewer.versions.list({ flowId: id });
    expect(list.map((version) => [version.version, version.note])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
    expect(list[0]).not.toHaveProperty('graph');
    const v1 = await viewer.versions.get({ flowId: id, version: 1 });
    expect(v1.graph.nodes[1]?.label).toBe('First');
    await expect(viewer.versions.get({ flowId: id, version: 9 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('diffs two versions by node, config path and edge', async () => {
    const { id } = await twoVersions();
    const diff = await bed.callerAs(bed.users.viewer).versions.diff({ flowId: id, from: 1, to: 2 });
    expect(diff.identical).toBe(false);
    expect(diff.nodes.added).toEqual([]);
    expect(diff.nodes.removed).toEqual([]);
    expect(diff.nodes.changed).toEqual([
      {
        nodeId: 'end',
        label: { before: 'First', after: 'Second' },
        position: { before: { x: 240, y: 0 }, after: { x: 300, y: 50 } },
        config: [{ path: 'outcome', before: 'completed', after: 'cancelled' }],
      },
    ]);
    expect(diff.edges).toEqual({ added: [], removed: [] });
    const sinceDraft = await bed
      .callerAs(bed.users.viewer)
      .versions.diff({ flowId: id, from: 2, to: 'draft' });
    expect(sinceDraft.identical).toBe(true);
  });

  it('rolls back by publishing the old graph as a new version and leaves the draft alone', async () => {
    const { id, editor } = await twoVersions();
    const draftBefore = await editor.flows.get({ id });
    const result = await editor.versions.rollback({ flowId: id, version: 1 });
    expect(result).toMatchObject({ version: 3, rolledBackTo: 1 });
    const v3 = await editor.versions.get({ flowId: id, version: 3 });
    const v1 = await editor.versions.get({ flowId: id, version: 1 });
    expect(v3.graph).toEqual(v1.graph);
    expect(v3.note).toBe('Rollback to version 1');
    const draftAfter = await editor.flows.get({ id });
    expect(draftAfter.draftRevision).toBe(draftBefore.draftRevision);
    expect(draftAfter.draft.nodes[1]?.label).toBe('Second');
    await expect(
      bed.callerAs(bed.users.viewer).versions.rollback({ flowId: id, version: 1 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
