import { describe, expect, it } from 'vitest';
import { compileFlow, FlowCompileError } from './compile-flow.ts';
import { edge, graph, node, REQUEST_TRIGGER } from './testing/flow-builder.ts';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowCompileError) return error.problems.map((p) => [p.code, p.nodeId ?? p.edgeId]);
    throw error;
  }
  throw new Error('expected FlowCompileError');
}

describe('compileFlow', () => {
  it('parses configs with their defaults and indexes edges by port', () => {
    const flow = compileFlow({
      flowId: 'f',
      version: 3,
      graph: graph(
        [REQUEST_TRIGGER, node('ticket', 'action.create_ticket', {})],
        [edge('trigger', 'next', 'ticket')],
      ),
    });
    expect(flow.trigger.id).toBe('trigger');
    expect(flow.nodes.get('ticket')?.config).toMatchObject({
      title: '{{ request.subject | default: request.message | truncate: 80 }}',
      priority: 'auto',
    });
    expect(flow.nodes.get('ticket')?.ports).toEqual(new Set(['next', 'error']));
    expect(flow.edges.get('trigger')?.get('next')).toBe('ticket');
  });

  it('refuses a version it cannot run, saying which node or edge is at fault', () => {
    const compile =
      (nodes: ReturnType<typeof node>[], edges: ReturnType<typeof edge>[] = []) =>
      () =>
        compileFlow({ flowId: 'f', version: 1, graph: graph(nodes, edges) });
    expect(problemsOf(compile([REQUEST_TRIGGER, node('x', 'logic.teleport', {})]))).toEqual([
      ['node.unknown_type', 'x'],
    ]);
    expect(
      problemsOf(compile([REQUEST_TRIGGER, node('s', 'logic.switch', { field: 'ticket.priority' })])),
    ).toEqual([['node.invalid_config', 's']]);
    expect(problemsOf(compile([REQUEST_TRIGGER], [edge('trigger', 'next', 'ghost')]))).toEqual([
      ['edge.dangling', 'trigger-next-ghost'],
    ]);
    expect(problemsOf(compile([node('end', 'action.end')]))).toEqual([['flow.no_trigger', undefined]]);
    expect(problemsOf(compile([REQUEST_TRIGGER, node('t2', 'trigger.schedule')]))).toEqual([
      ['flow.multiple_triggers', undefined],
    ]);
  });

  it('gives messages in both languages', () => {
    try {
      compileFlow({
        flowId: 'f',
        version: 1,
        graph: graph([REQUEST_TRIGGER, node('x', 'logic.teleport', {})], []),
      });
    } catch (error) {
      const problem = (error as FlowCompileError).problems[0];
      expect(problem?.message['zh-CN']).toContain('logic.teleport');
      expect(problem?.message.en).toContain('logic.teleport');
    }
    expect.assertions(2);
  });
});
