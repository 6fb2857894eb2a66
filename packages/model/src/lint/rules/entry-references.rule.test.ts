import { describe, expect, it } from 'vitest';
import { getNodeType } from '../../catalog/node-catalog.ts';
import { text } from '../../i18n.ts';
import { lintFlow } from '../lint-flow.ts';
import { condition, edge, flow, node } from '../lint-test-kit.ts';
import type { WorkspaceReferences } from '../workspace-references.ts';

/**
 * A trigger's entry conditions are rules like a condition's: a team, agent,
 * status or language they compare with must be one that exists, or the flow
 * silently never starts.
 */

const WORKSPACE: WorkspaceReferences = {
  team: [{ id: 'vip', label: text('VIP 专席', 'VIP desk') }],
  agent: [{ id: 'agent-li', label: text('李明', 'Li Ming') }],
  sla_policy: [],
  message_template: [],
  knowledge_tag: [],
};

const rules = (...children: { field: string; operator: string; value: unknown }[]) => ({
  kind: 'group',
  combinator: 'all',
  children: children.map((child) => ({ kind: 'rule', ...child })),
});

/** A ticket-event trigger with these entry conditions → end. */
function ticketEventFlow(entry: ReturnType<typeof rules>) {
  const example = getNodeType('trigger.ticket_event')?.example as Record<string, unknown>;
  return flow(
    [node('start', 'trigger.ticket_event', { ...example, entry }), node('end', 'action.end')],
    [edge('start', 'next', 'end')],
  );
}

const found = (graph: ReturnType<typeof flow>, workspace?: WorkspaceReferences) =>
  lintFlow(graph, workspace ? { workspace } : {})
    .filter((problem) => problem.code.startsWith('reference.') || problem.code === 'rule.unknown_value')
    .map((problem) => [problem.code, problem.nodeId, problem.field, problem.severity]);

describe('references in trigger entry conditions', () => {
  it('reports a team the workspace lacks and an agent named by label, at the rule’s value', () => {
    const graph = ticketEventFlow(
      rules(
        { field: 'ticket.team', operator: 'equals', value: 'VIP team' },
        { field: 'ticket.assignee', operator: 'not_equals', value: '李明' },
      ),
    );
    expect(found(graph, WORKSPACE)).toEqual([
      ['reference.unknown', 'start', 'config.entry.children[0].value', 'error'],
      ['reference.label_not_id', 'start', 'config.entry.children[1].value', 'error'],
    ]);
  });

  it('reports a status or language the field never holds, with or without the workspace', () => {
    const graph = ticketEventFlow(
      rules(
        { field: 'ticket.status', operator: 'equals', value: 'Closed' },
        { field: 'customer.locale', operator: 'in', value: ['zh-CN', 'english'] },
      ),
    );
    const expected = [
      ['rule.unknown_value', 'start', 'config.entry.children[0].value', 'error'],
      ['rule.unknown_value', 'start', 'config.entry.children[1].value[1]', 'error'],
    ];
    expect(found(graph, WORKSPACE)).toEqual(expected);
    expect(found(graph)).toEqual(expected);
    const [problem] = lintFlow(graph).filter((entry) => entry.code === 'rule.unknown_value');
    expect(problem?.message.en).toContain('"Closed"');
    expect(problem?.message.en).toContain('closed');
    expect(problem?.message['zh-CN']).toContain('「Closed」');
  });

  it('checks a condition step’s status the same way', () => {
    const graph = flow(
      [
        node('start', 'trigger.ticket_event'),
        node('check', 'logic.condition', condition('ticket.status', 'equals', 'Closed')),
        node('end', 'action.end'),
      ],
      [edge('start', 'next', 'check'), edge('check', 'true', 'end'), edge('check', 'false', 'end', 'no')],
    );
    expect(found(graph, WORKSPACE)).toEqual([
      ['rule.unknown_value', 'check', 'config.rules.children[0].value', 'error'],
    ]);
  });

  it('accepts ids the workspace has and values the field holds, on a request trigger too', () => {
    const good = ticketEventFlow(
      rules(
        { field: 'ticket.team', operator: 'equals', value: 'vip' },
        { field: 'ticket.assignee', operator: 'in', value: ['agent-li'] },
        { field: 'ticket.status', operator: 'equals', value: 'closed' },
      ),
    );
    expect(found(good, WORKSPACE)).toEqual([]);
    const request = flow(
      [
        node('start', 'trigger.request_received', {
          channels: [],
          categories: [],
          keywords: [],
          entry: rules(
            { field: 'request.channel', operator: 'equals', value: 'wechat' },
            { field: 'customer.locale', operator: 'equals', value: 'Chinese' },
          ),
        }),
        node('end', 'action.end'),
      ],
      [edge('start', 'next', 'end')],
    );
    expect(found(request, WORKSPACE)).toEqual([
      ['rule.unknown_value', 'start', 'config.entry.children[1].value', 'error'],
    ]);
  });
});
