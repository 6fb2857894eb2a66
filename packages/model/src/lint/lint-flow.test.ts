import { describe, expect, it } from 'vitest';
import { hasErrors, lintFlow, readFlowDocument } from '../index.ts';
import { condition, edge, flow, node } from './lint-test-kit.ts';
import type { Problem } from './problem.ts';

const trigger = () => node('start', 'trigger.request_received');
const setVar = (id: string, name = 'x') =>
  node(id, 'logic.set_variable', { assignments: [{ name, value: { kind: 'literal', value: 1 } }] });

function codes(problems: Problem[]) {
  return problems.map((p) => `${p.severity}:${p.code}:${p.edgeId ?? p.nodeId ?? ''}`);
}

describe('lintFlow', () => {
  it('accepts a clean flow', () => {
    const graph = flow(
      [
        trigger(),
        node('vip', 'logic.condition', condition('request.channel', 'equals', 'wechat')),
        setVar('a'),
      ],
      [edge('start', 'next', 'vip'), edge('vip', 'true', 'a')],
    );
    expect(lintFlow(graph)).toEqual([]);
  });

  it('flags an unknown node type on the node', () => {
    const problems = lintFlow(
      flow([trigger(), node('n1', 'action.teleport', {})], [edge('start', 'next', 'n1')]),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'node.unknown_type', nodeId: 'n1', field: 'type' }),
    );
  });

  it('points an invalid config at the field, in both languages', () => {
    const classify = node('c', 'logic.classify', {
      categories: [{ id: 'returns', label: '退货' }],
      threshold: 1.5,
    });
    const problems = lintFlow(flow([trigger(), classify], [edge('start', 'next', 'c')]));
    const problem = problems.find((p) => p.code === 'node.invalid_config');
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'c', field: 'config.threshold' });
    expect(problem?.message.en).toBe('Confidence threshold: must be at most 1');
    expect(problem?.message['zh-CN']).toBe('置信度阈值：不能大于 1');
  });

  it('refuses rule-builder patterns RE2 cannot run, pointing at the value', () => {
    const check = node('c', 'logic.condition', condition('request.message', 'matches', '(a)\\1'));
    const problems = lintFlow(flow([trigger(), check], [edge('start', 'next', 'c')]));
    const problem = problems.find((p) => p.code === 'node.invalid_config');
    expect(problem).toMatchObject({
      severity: 'error',
      nodeId: 'c',
      field: 'config.rules.children[0].value',
    });
    expect(problem?.message.en).toContain('backreferences');
    expect(problem?.message['zh-CN']).toContain('反向引用');
  });

  it('refuses lookaround in a literal pattern of an advanced expression, pointing at the expression', () => {
    const check = node('c', 'logic.condition', {
      mode: 'expression',
      expression: 'request.message.matches("(?=x)") || request.message.matches("^(a+)+$")',
    });
    const problems = lintFlow(flow([trigger(), check], [edge('start', 'next', 'c')]));
    const found = problems.filter((p) => p.code === 'node.invalid_config');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', nodeId: 'c', field: 'config.expression' });
    expect(found[0]?.message.en).toContain('.matches("(?=x)")');
    expect(found[0]?.message['zh-CN']).toContain('前后查找');
  });

  it('names a dangling edge and which end is missing', () => {
    const problems = lintFlow(flow([trigger()], [edge('start', 'next', 'ghost', 'e-9')]));
    expect(problems).toContainEqual(
      expect.objectContaining({ code: 'edge.dangling', edgeId: 'e-9', field: 'target', severity: 'error' }),
    );
    expect(problems.find((p) => p.code === 'edge.dangling')?.message.en).toContain('ghost');
  });

  it('flags a duplicate edge and a port with two connections', () => {
    const graph = flow(
      [trigger(), setVar('a'), setVar('b')],
      [edge('start', 'next', 'a', 'e1'), edge('start', 'next', 'a', 'e2'), edge('start', 'next', 'b', 'e3')],
    );
    const found = codes(lintFlow(graph));
    expect(found).toContain('error:edge.duplicate:e2');
    expect(found).toContain('error:port.fan_out:e3');
  });

  it('flags an edge from a port the node does not have', () => {
    const graph = flow([trigger(), setVar('a')], [edge('start', 'yes', 'a', 'e1')]);
    expect(lintFlow(graph)).toContainEqual(
      expect.objectContaining({ code: 'edge.unknown_port', edgeId: 'e1', field: 'sourcePort' }),
    );
  });

  it('flags an edge leading into a trigger', () => {
    const graph = flow(
      [trigger(), setVar('a')],
      [edge('start', 'next', 'a'), edge('a', 'next', 'start', 'back')],
    );
    expect(lintFlow(graph)).toContainEqual(
      expect.objectContaining({ code: 'edge.into_trigger', edgeId: 'back' }),
    );
  });

  it('requires required ports to be connected and warns about recommended ones', () => {
    const sw = node('sw', 'logic.switch', {
      field: 'request.channel',
      cases: [{ id: 'wechat', operator: 'equals', value: 'wechat' }],
    });
    const graph = flow(
      [node('start', 'trigger.request_received'), node('cond', 'logic.condition'), sw],
      [edge('start', 'next', 'cond'), edge('cond', 'false', 'sw')],
    );
    const problems = lintFlow(graph);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'port.unconnected',
        severity: 'error',
        nodeId: 'cond',
        field: 'ports.true',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'port.unconnected',
        severity: 'warning',
        nodeId: 'sw',
        field: 'ports.wechat',
      }),
    );
  });

  it('warns about nodes the trigger cannot reach', () => {
    const graph = flow([trigger(), setVar('a'), setVar('island')], [edge('start', 'next', 'a')]);
    expect(codes(lintFlow(graph))).toEqual(['warning:node.unreachable:island']);
  });

  it('requires exactly one trigger', () => {
    expect(codes(lintFlow(flow([setVar('a')])))).toContain('error:flow.no_trigger:');
    const two = flow(
      [trigger(), node('second', 'trigger.schedule'), setVar('a')],
      [edge('start', 'next', 'a')],
    );
    expect(codes(lintFlow(two))).toContain('error:flow.multiple_triggers:second');
  });

  it('rejects a loop without a wait and names its nodes', () => {
    const graph = flow(
      [trigger(), setVar('a'), node('again', 'logic.condition', condition('variables.x', 'lt', 3))],
      [edge('start', 'next', 'a'), edge('a', 'next', 'again'), edge('again', 'true', 'a')],
    );
    const problem = lintFlow(graph).find((p) => p.code === 'flow.cycle_without_wait');
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'a' });
    expect(problem?.message.en).toContain('a → again');
  });

  it('flags a self-loop', () => {
    const graph = flow(
      [trigger(), node('again', 'logic.condition', condition('request.channel', 'equals', 'api'))],
      [edge('start', 'next', 'again'), edge('again', 'true', 'again')],
    );
    expect(codes(lintFlow(graph))).toContain('error:flow.cycle_without_wait:again');
  });

  it('warns about switch cases an earlier case already covers', () => {
    const sw = node('sw', 'logic.switch', {
      field: 'request.subject',
      cases: [
        { id: 'refund', operator: 'contains', value: 'refund' },
        { id: 'refund_now', operator: 'contains', value: 'refund now' },
        { id: 'exact', operator: 'equals', value: 'please refund' },
        { id: 'other', operator: 'equals', value: 'hello' },
      ],
    });
    const graph = flow([trigger(), sw], [edge('start', 'next', 'sw')]);
    const unreachable = lintFlow(graph).filter((p) => p.code === 'switch.unreachable_case');
    expect(unreachable.map((p) => p.field)).toEqual(['config.cases[1]', 'config.cases[2]']);
    expect(unreachable[0]?.nodeId).toBe('sw');
  });

  it('decides numeric and list coverage of switch cases', () => {
    const sw = node('sw', 'logic.switch', {
      field: 'customer.vipLevel',
      cases: [
        { id: 'gold', operator: 'gte', value: 3 },
        { id: 'higher', operator: 'gt', value: 5 },
        { id: 'listed', operator: 'in', value: [4, 7] },
        { id: 'low', operator: 'lt', value: 3 },
        { id: 'rest', operator: 'in', value: [1, 2] },
      ],
    });
    const graph = flow([node('start', 'trigger.ticket_event'), sw], [edge('start', 'next', 'sw')]);
    const fields = lintFlow(graph)
      .filter((p) => p.code === 'switch.unreachable_case')
      .map((p) => p.field);
    expect(fields).toEqual(['config.cases[1]', 'config.cases[2]', 'config.cases[4]']);
  });

  it('rejects condition fields the flow cannot have yet, with a hint', () => {
    const graph = flow(
      [trigger(), node('vip', 'logic.condition', condition('customer.vipLevel', 'gte', 3)), setVar('a')],
      [edge('start', 'next', 'vip'), edge('vip', 'true', 'a')],
    );
    const problem = lintFlow(graph).find((p) => p.code === 'field.not_yet_available');
    expect(problem).toMatchObject({
      nodeId: 'vip',
      field: 'config.rules.children[0].field',
      severity: 'error',
    });
    expect(problem?.message.en).toContain('customer.vipLevel');
  });

  it('rejects unknown fields in templates and accepts variables set earlier', () => {
    const graph = flow(
      [
        trigger(),
        setVar('a', 'orderId'),
        node('b', 'logic.set_variable', {
          assignments: [
            {
              name: 'msg',
              value: {
                kind: 'template',
                template: '{{ variables.orderId }} {{ request.bogus }} {{ shop.name }}',
              },
            },
          ],
        }),
      ],
      [edge('start', 'next', 'a'), edge('a', 'next', 'b')],
    );
    const problems = lintFlow(graph).filter((p) => p.code === 'field.unknown');
    expect(problems.map((p) => [p.nodeId, p.field, p.message.en])).toEqual([
      ['b', 'config.assignments[0].value.template', '"request.bogus" is not a known data field'],
      ['b', 'config.assignments[0].value.template', '"shop.name" is not a known data field'],
    ]);
  });

  it('flags a template whose {{ is never closed, at the field', () => {
    const graph = flow(
      [
        trigger(),
        node('b', 'logic.set_variable', {
          assignments: [
            { name: 'm', value: { kind: 'template', template: '您好 {{ request.customer.name' } },
          ],
        }),
      ],
      [edge('start', 'next', 'b')],
    );
    expect(lintFlow(graph)).toContainEqual(
      expect.objectContaining({
        code: 'template.unclosed',
        severity: 'error',
        nodeId: 'b',
        field: 'config.assignments[0].value.template',
      }),
    );
  });

  it('accepts open sub-fields and declared flow variables', () => {
    const graph = flow(
      [
        trigger(),
        node('b', 'logic.set_variable', {
          assignments: [
            {
              name: 'm',
              value: {
                kind: 'template',
                template: '{{ request.customFields.orderNo }} {{ variables.region }}',
              },
            },
          ],
        }),
      ],
      [edge('start', 'next', 'b')],
    );
    graph.settings.variables.push({ name: 'region', type: 'text' });
    expect(lintFlow(graph)).toEqual([]);
  });

  it('puts errors before warnings', () => {
    const graph = flow([setVar('island'), trigger()], [edge('start', 'next', 'ghost')]);
    const severities = lintFlow(graph).map((p) => p.severity);
    expect(severities).toEqual([...severities].sort());
    expect(hasErrors(lintFlow(graph))).toBe(true);
  });
});

describe('readFlowDocument', () => {
  it('reads a flow file with its name', () => {
    const read = readFlowDocument({ name: '退货', nodes: [], edges: [] });
    expect(read).toMatchObject({ ok: true, name: '退货', graph: { nodes: [], edges: [] } });
  });

  it('refuses something that is not a flow, pointing at the fault', () => {
    const read = readFlowDocument({ nodes: [{ id: 'a', type: 'x', config: {} }], edges: [] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ code: 'flow.not_a_flow', field: 'nodes[0].position' });
    expect(readFlowDocument([1, 2]).ok).toBe(false);
  });
});
