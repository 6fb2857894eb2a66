import type { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../http/app-error.ts';
import {
  createTestBed,
  publishableGraph,
  type TestBed,
  unfinishedGraph,
} from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
});
afterEach(async () => {
  await bed.close();
});

async function failure(promise: Promise<unknown>): Promise<TRPCError & { cause: AppError }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as TRPCError & { cause: AppError },
  );
}

describe('flows router', () => {
  it('creates a flow from an empty graph holding a request trigger, and lists it', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id, draftRevision } = await editor.flows.create({ name: 'Returns' });
    expect(draftRevision).toBe(1);
    const flow = await bed.callerAs(bed.users.viewer).flows.get({ id });
    expect(flow.draft.nodes.map((node) => node.type)).toEqual(['trigger.request_received']);
    expect(flow).toMatchObject({ name: 'Returns', latestVersion: null, runningByVersion: [] });
    expect((await editor.flows.list()).map((summary) => summary.name)).toEqual(['Returns']);
  });

  it('refuses a graph that is not a flow with a 400 pointing at the field', async () => {
    const broken = {
      ...publishableGraph(),
      nodes: [{ id: 'x', type: 'action.end', config: {}, position: { x: 'left', y: 0 } }],
    };
    const error = await failure(bed.callerAs(bed.users.editor).flows.create({ name: 'Bad', graph: broken }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause.pointer).toBe('/nodes/0/position/x');
    expect(error.cause.messages['zh-CN']).toContain('不是有效的流程');
  });

  it('refuses a stale draft save with CONFLICT naming who saved and when', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const admin = bed.callerAs(bed.users.admin);
    const { id } = await editor.flows.create({ name: 'Shared', graph: unfinishedGraph() });
    bed.clock.advance(60_000);
    await expect(
      admin.flows.updateDraft({ id, graph: publishableGraph(), expectedRevision: 1 }),
    ).resolves.toEqual({
      draftRevision: 2,
    });
    const error = await failure(
      editor.flows.updateDraft({ id, graph: unfinishedGraph(), expectedRevision: 1 }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(error.cause.extra).toEqual({
      currentRevision: 2,
      updatedBy: bed.users.admin.id,
      updatedAt: '2026-11-22T08:01:00.000Z',
    });
    expect(error.cause.messages.en).toContain('The admin');
    // The first save survived: nothing was silently overwritten.
    expect((await editor.flows.get({ id })).draft.nodes).toHaveLength(2);
  });

  it('refuses to publish while lint has errors, then publishes after the fix', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Intake', graph: unfinishedGraph() });
    const lint = await editor.flows.lint({ id });
    expect(lint.ok).toBe(false);

    const refused = await failure(editor.flows.publish({ id, note: 'first try' }));
    expect(refused.code).toBe('PRECONDITION_FAILED');
    expect(refused.cause.details).toEqual([
      expect.objectContaining({
        code: 'port.unconnected',
        nodeId: 'trigger',
        pointer: '/nodes/0/ports/next',
      }),
    ]);
    expect(await bed.store.versions.list(id)).toEqual([]);

    await editor.flows.updateDraft({ id, graph: publishableGraph(), expectedRevision: 1 });
    const published = await editor.flows.publish({ id, note: 'connected the trigger' });
    expect(published.version).toBe(1);
    const stored = await bed.store.versions.get(id, 1);
    expect(stored).toMatchObject({ note: 'connected the trigger', author: bed.users.editor.id });
    expect(stored?.publishedAt).toBe('2026-11-22T08:00:00.000Z');
    expect((await editor.flows.get({ id })).latestVersion).toBe(1);
  });

  it('publishes only the revision the editor saw when it says which one', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Careful', graph: publishableGraph() });
    await bed
      .callerAs(bed.users.admin)
      .flows.updateDraft({ id, graph: publishableGraph('Later'), expectedRevision: 1 });
    const stale = await failure(editor.flows.publish({ id, expectedRevision: 1 }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.cause.extra).toMatchObject({ currentRevision: 2, updatedBy: bed.users.admin.id });
    expect(await bed.store.versions.list(id)).toEqual([]);
    await expect(editor.flows.publish({ id, expectedRevision: 2 })).resolves.toMatchObject({ version: 1 });
  });

  it('lints a graph the editor has not saved', async () => {
    const result = await bed.callerAs(bed.users.viewer).flows.lint({ graph: publishableGraph() });
    expect(result).toMatchObject({ ok: true, problems: [] });
  });

  it('counts running executions per version', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Busy', graph: publishableGraph() });
    await editor.flows.publish({ id });
    await bed.store.executions.create({
      id: 'exec-1',
      flowId: id,
      version: 1,
      status: 'waiting',
      state: {},
      startedAt: bed.clock.now().toISOString(),
    });
    expect((await editor.flows.get({ id })).runningByVersion).toEqual([{ version: 1, running: 1 }]);
  });

  it('renames, archives and unarchives; deleting is for admins', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Old name' });
    await editor.flows.rename({ id, name: 'New name', description: 'Why it exists' });
    await editor.flows.archive({ id });
    expect(await editor.flows.list()).toEqual([]);
    expect((await editor.flows.list({ includeArchived: true }))[0]).toMatchObject({ name: 'New name' });
    await expect(editor.flows.publish({ id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await editor.flows.unarchive({ id });
    await expect(editor.flows.delete({ id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await bed.callerAs(bed.users.admin).flows.delete({ id });
    await expect(editor.flows.get({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits archive, unarchive and delete with who did it and the flow name', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const admin = bed.callerAs(bed.users.admin);
    const { id } = await editor.flows.create({ name: 'Returns', graph: publishableGraph() });
    await editor.flows.publish({ id });
    await editor.flows.archive({ id });
    await editor.flows.unarchive({ id });
    await admin.flows.delete({ id });
    await expect(admin.flows.delete({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const entries = (await admin.audit.list()).items.filter((entry) => entry.action !== 'flow.publish');
    expect(entries.map((entry) => [entry.action, entry.target, entry.actor.id, entry.details])).toEqual([
      ['flow.delete', `flow:${id}`, 'user-admin', { name: 'Returns', latestVersion: 1 }],
      ['flow.unarchive', `flow:${id}`, 'user-editor', { name: 'Returns' }],
      ['flow.archive', `flow:${id}`, 'user-editor', { name: 'Returns' }],
    ]);
  });

  it('exports a flowdesk.flow/v1 file that imports back as an equal flow', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Round trip', graph: publishableGraph('Done') });
    const file = await editor.flows.exportFile({ id });
    expect(file).toMatchObject({ format: 'flowdesk.flow/v1', name: 'Round trip' });
    const imported = await editor.flows.importFile({ file: JSON.parse(JSON.stringify(file)) });
    const copy = await editor.flows.get({ id: imported.id });
    expect(copy.name).toBe('Round trip');
    expect(copy.draft).toEqual((await editor.flows.get({ id })).draft);
    await expect(editor.flows.exportFile({ id, version: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
