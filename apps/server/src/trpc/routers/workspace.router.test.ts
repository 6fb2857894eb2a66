import type { FlowGraph } from '@flowdesk/model';
import type { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../http/app-error.ts';
import { createTestBed, publishableGraph, type TestBed } from '../../testing/server-test-kit.ts';

let bed: TestBed;
beforeEach(async () => {
  bed = await createTestBed();
  const admin = bed.callerAs(bed.users.admin);
  await admin.teams.save({ id: 'after_sales', name: { 'zh-CN': '售后组', en: 'After-sales' } });
  await admin.teams.createAgent({ id: 'agent-li', name: '李明', teams: ['after_sales'], capacity: 3 });
});
afterEach(async () => {
  await bed.close();
});

/** Trigger → create ticket → assign to `teamId` → end. */
function assigningTo(teamId: string): FlowGraph {
  const base = publishableGraph();
  const at = (x: number) => ({ x, y: 0 });
  return {
    ...base,
    nodes: [
      ...base.nodes,
      { id: 'ticket', type: 'action.create_ticket', config: {}, position: at(240) },
      { id: 'route', type: 'action.assign', config: { target: 'team', teamId }, position: at(480) },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourcePort: 'next', target: 'ticket' },
      { id: 'e2', source: 'ticket', sourcePort: 'next', target: 'route' },
      { id: 'e3', source: 'route', sourcePort: 'next', target: 'end' },
    ],
  };
}

describe('workspace references', () => {
  it('lists the records flows may name, by id and name, to everyone who reads flows', async () => {
    const references = await bed.callerAs(bed.users.viewer).workspace.references();
    expect(references.team).toEqual([{ id: 'after_sales', label: { 'zh-CN': '售后组', en: 'After-sales' } }]);
    expect(references.agent).toEqual([{ id: 'agent-li', label: { 'zh-CN': '李明', en: '李明' } }]);
    expect(references).toMatchObject({ sla_policy: [], message_template: [], knowledge_tag: [] });
  });

  it('lint names an unknown team at its node and field, and publishing refuses it like any lint error', async () => {
    const editor = bed.callerAs(bed.users.editor);
    const { id } = await editor.flows.create({ name: 'Intake', graph: assigningTo('VIP team') });
    const lint = await editor.flows.lint({ id });
    expect(lint.ok).toBe(false);
    const [problem] = lint.problems.filter((candidate) => candidate.code === 'reference.unknown');
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'route', field: 'config.teamId' });
    expect(problem?.message['zh-CN']).toContain('「VIP team」不是本工作区中的团队');

    const refused = await editor.flows.publish({ id }).then(
      () => undefined,
      (error: unknown) => error as TRPCError & { cause: AppError },
    );
    expect(refused?.code).toBe('PRECONDITION_FAILED');
    expect(refused?.cause.details).toContainEqual(
      expect.objectContaining({ code: 'reference.unknown', nodeId: 'route' }),
    );

    await editor.flows.updateDraft({ id, graph: assigningTo('after_sales'), expectedRevision: 1 });
    expect((await editor.flows.lint({ id })).ok).toBe(true);
    expect((await editor.flows.publish({ id })).version).toBe(1);
  });
});
