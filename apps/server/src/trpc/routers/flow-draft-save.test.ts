import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

/** The same graph with every object's keys in reverse order, as another client might send it. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, item]) => [key, reordered(item)]),
  );
}

describe('saving a draft', () => {
  it('an unchanged draft (opened, or tidied when tidy) keeps its revision and "last changed"', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    const before = await editor.flows.get({ id });
    bed.clock.advance(60_000);

    const saved = await editor.flows.updateDraft({ id, graph: reordered(before.draft), expectedRevision: 1 });

    expect(saved).toEqual({ draftRevision: 1 });
    const after = await editor.flows.get({ id });
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.draftRevision).toBe(1);
    expect((await editor.flows.list()).find((flow) => flow.id === id)?.updatedAt).toBe(before.updatedAt);
  });

  it('a real change still moves both', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    const before = await editor.flows.get({ id });
    bed.clock.advance(60_000);
    const moved = structuredClone(before.draft);
    const first = moved.nodes[0];
    if (first) first.position = { x: first.position.x + 40, y: first.position.y };

    await expect(editor.flows.updateDraft({ id, graph: moved, expectedRevision: 1 })).resolves.toEqual({
      draftRevision: 2,
    });
    expect((await editor.flows.get({ id })).updatedAt).not.toBe(before.updatedAt);
  });

  it('an unchanged draft sent with a stale revision is still a conflict', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    const { draft } = await editor.flows.get({ id });
    const moved = structuredClone(draft);
    const first = moved.nodes[0];
    if (first) first.position = { x: 1, y: 1 };
    await editor.flows.updateDraft({ id, graph: moved, expectedRevision: 1 });
    await expect(editor.flows.updateDraft({ id, graph: moved, expectedRevision: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('the flow list', () => {
  it("names each flow's trigger and says when the draft has changes the live version lacks", async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    const row = async () => (await editor.flows.list()).find((flow) => flow.id === id);
    expect(await row()).toMatchObject({
      triggerType: 'trigger.request_received',
      hasUnpublishedChanges: true,
    });

    await editor.flows.publish({ id });
    expect(await row()).toMatchObject({ latestVersion: 1, hasUnpublishedChanges: false });

    const { draft } = await editor.flows.get({ id });
    await editor.flows.updateDraft({ id, graph: publishableGraph('Done'), expectedRevision: 1 });
    expect(draft.nodes).toHaveLength(2);
    expect(await row()).toMatchObject({ latestVersion: 1, hasUnpublishedChanges: true });
  });
});
