import { describe, expect, it } from 'vitest';
import { lintFlow } from '../lint-flow.ts';
import { edge, flow, node } from '../lint-test-kit.ts';

const trigger = () => node('start', 'trigger.request_received');
const setVar = (id: string) =>
  node(id, 'logic.set_variable', { assignments: [{ name: 'x', value: { kind: 'literal', value: 1 } }] });

function unreachable(graph: ReturnType<typeof flow>) {
  return lintFlow(graph).filter((problem) => problem.code === 'node.unreachable');
}

describe('unreachable steps', () => {
  it('deleting a middle step gives one problem on the first cut-off step, naming the steps after it', () => {
    // start → a → [deleted b] → c → d → e
    const graph = flow(
      [trigger(), setVar('a'), setVar('c'), setVar('d'), setVar('e')],
      [edge('start', 'next', 'a'), edge('c', 'next', 'd'), edge('d', 'next', 'e')],
    );
    const problems = unreachable(graph);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ nodeId: 'c', severity: 'warning' });
    expect(problems[0]?.message.en).toContain('the 2 steps after it');
    expect(problems[0]?.message['zh-CN']).toContain('其后的 2 个步骤');
  });

  it('reports each cut-off group once, and a lone step as before', () => {
    const graph = flow(
      [trigger(), setVar('a'), setVar('b1'), setVar('b2'), setVar('island')],
      [edge('start', 'next', 'a'), edge('b1', 'next', 'b2')],
    );
    const problems = unreachable(graph);
    expect(problems.map((problem) => problem.nodeId)).toEqual(['b1', 'island']);
    expect(problems[1]?.message.en).toBe('This node cannot be reached from the trigger and will never run');
  });

  it('a cut-off loop is one problem', () => {
    const graph = flow(
      [trigger(), setVar('a'), setVar('l1'), setVar('l2')],
      [edge('start', 'next', 'a'), edge('l1', 'next', 'l2'), edge('l2', 'next', 'l1')],
    );
    const problems = unreachable(graph);
    expect(problems.map((problem) => problem.nodeId)).toEqual(['l1']);
    expect(problems[0]?.message.en).toContain('the 1 step after it');
  });
});
