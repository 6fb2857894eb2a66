import { describe, expect, it } from 'vitest';
import { text } from '../../i18n.ts';
import { lintFlow } from '../lint-flow.ts';
import { condition, edge, flow, node } from '../lint-test-kit.ts';
import type { WorkspaceReferences } from '../workspace-references.ts';

const WORKSPACE: WorkspaceReferences = {
  team: [
    { id: 'after_sales', label: text('售后组', 'After-sales') },
    { id: 'vip', label: text('VIP 专席', 'VIP desk') },
  ],
  agent: [{ id: 'agent-li', label: text('李明', 'Li Ming') }],
  sla_policy: [],
  message_template: [{ id: 'tpl-ack', label: text('受理通知', 'Acknowledgement') }],
  knowledge_tag: [],
};

/** request → create ticket → the step under test. */
function afterTicket(step: ReturnType<typeof node>) {
  return flow(
    [node('start', 'trigger.request_received'), node('ticket', 'action.create_ticket'), step],
    [edge('start', 'next', 'ticket'), edge('ticket', 'next', step.id)],
  );
}

const COMPLAINTS = {
  source: 'request.message',
  categories: [
    { id: 'complaint', label: 'Complaint', keywords: ['投诉'] },
    { id: 'order_status', label: '订单状态', keywords: ['快递'] },
  ],
};

function problemsWith(code: string, graph: ReturnType<typeof flow>, workspace = WORKSPACE) {
  return lintFlow(graph, { workspace }).filter((problem) => problem.code === code);
}

describe('references to workspace records', () => {
  it('reports an Assign step naming a team the workspace does not have, at the node and field', () => {
    const graph = afterTicket(node('route', 'action.assign', { target: 'team', teamId: 'VIP team' }));
    const [problem, ...others] = problemsWith('reference.unknown', graph);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'route', field: 'config.teamId' });
    expect(problem?.message['zh-CN']).toContain('「VIP team」不是本工作区中的团队');
    expect(problem?.message.en).toContain('"VIP team" is not a team of this workspace');
  });

  it('accepts the ids the workspace has, and the escalation queue’s built-in supervisor', () => {
    const graph = flow(
      [
        node('start', 'trigger.request_received'),
        node('ticket', 'action.create_ticket'),
        node('route', 'action.assign', { target: 'agent', agentId: 'agent-li', teamId: 'vip' }),
        node('up', 'action.escalate', { queue: 'supervisor', reason: '升级' }),
        node('tell', 'action.send_message', { channel: 'reply', templateId: 'tpl-ack' }),
      ],
      [
        edge('start', 'next', 'ticket'),
        edge('ticket', 'next', 'route'),
        edge('route', 'next', 'up'),
        edge('up', 'next', 'tell'),
      ],
    );
    const codes = lintFlow(graph, { workspace: WORKSPACE }).map((problem) => problem.code);
    expect(codes).not.toContain('reference.unknown');
    expect(codes).not.toContain('reference.label_not_id');
  });

  it('says which record is meant when its name was typed instead of its id', () => {
    const graph = afterTicket(
      node('tell', 'action.send_message', { channel: 'reply', templateId: '受理通知' }),
    );
    const [problem] = problemsWith('reference.label_not_id', graph);
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'tell', field: 'config.templateId' });
    expect(problem?.message.en).toContain('use the message template Acknowledgement (id `tpl-ack`)');
  });

  it('does not check the subject and body a chosen message template replaces', () => {
    // The palette's Send message comes with a body naming the ticket; with a template picked it is never sent.
    const tell = node('tell', 'action.send_message', {
      channel: 'reply',
      templateId: 'tpl-ack',
      subject: { 'zh-CN': '工单 {{ ticket.number }}', en: 'Ticket {{ ticket.number }}' },
      body: { 'zh-CN': '进度：{{ ticket.link }}', en: 'Follow it: {{ ticket.link }}' },
    });
    const graph = flow([node('start', 'trigger.request_received'), tell], [edge('start', 'next', 'tell')]);
    const atTell = lintFlow(graph, { workspace: WORKSPACE }).filter((problem) => problem.nodeId === 'tell');
    expect(atTell).toEqual([]);
    const withoutTemplate = { ...tell, config: { ...tell.config, templateId: undefined } };
    const unchecked = lintFlow(
      flow([node('start', 'trigger.request_received'), withoutTemplate], [edge('start', 'next', 'tell')]),
      {
        workspace: WORKSPACE,
      },
    );
    expect(unchecked.filter((problem) => problem.nodeId === 'tell').length).toBeGreaterThan(0);
  });

  it('checks nothing against the workspace when the caller has none (CLI, template checks)', () => {
    const graph = afterTicket(node('route', 'action.assign', { target: 'team', teamId: 'VIP team' }));
    expect(lintFlow(graph).map((problem) => problem.code)).not.toContain('reference.unknown');
  });

  it('reports a rule comparing the ticket’s team with a team that does not exist', () => {
    const graph = afterTicket(
      node('is_vip', 'logic.condition', condition('ticket.team', 'equals', 'VIP team')),
    );
    expect(problemsWith('reference.unknown', graph)).toEqual([
      expect.objectContaining({ nodeId: 'is_vip', field: 'config.rules.children[0].value' }),
    ]);
  });
});

describe('comparisons of a category with something that is not one of its ids', () => {
  function classifyThen(rule: Record<string, unknown>) {
    return flow(
      [
        node('start', 'trigger.request_received'),
        node('sort', 'logic.classify', COMPLAINTS),
        node('angry', 'logic.condition', rule),
      ],
      [edge('start', 'next', 'sort'), edge('sort', 'complaint', 'angry')],
    );
  }

  it('reports a comparison with a category’s label and names the category to use instead', () => {
    const graph = classifyThen(condition('classification.category', 'equals', 'Complaint'));
    const [problem, ...others] = problemsWith('category.label_not_id', graph);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({
      severity: 'error',
      nodeId: 'angry',
      field: 'config.rules.children[0].value',
    });
    expect(problem?.message.en).toContain('use the category Complaint (id `complaint`)');
    expect(problem?.message['zh-CN']).toContain('请改用分类「Complaint」（编号 `complaint`）');
  });

  it('reports a value no Classify step before it gives, and accepts the ids', () => {
    const unknown = problemsWith(
      'category.unknown_value',
      classifyThen(condition('classification.category', 'in', ['complaint', 'refund'])),
    );
    expect(unknown).toEqual([
      expect.objectContaining({ severity: 'error', field: 'config.rules.children[0].value[1]' }),
    ]);
    const fine = lintFlow(classifyThen(condition('classification.category', 'equals', 'complaint')));
    expect(fine.filter((problem) => problem.code.startsWith('category.'))).toEqual([]);
  });

  it('checks a switch on the ticket’s category and Create ticket’s category field by label', () => {
    const graph = flow(
      [
        node('start', 'trigger.request_received'),
        node('sort', 'logic.classify', COMPLAINTS),
        node('ticket', 'action.create_ticket', { title: '投诉', category: '订单状态' }),
        node('branch', 'logic.switch', {
          field: 'ticket.category',
          cases: [{ id: 'c', operator: 'equals', value: 'Complaint' }],
        }),
      ],
      [
        edge('start', 'next', 'sort'),
        edge('sort', 'order_status', 'ticket'),
        edge('ticket', 'next', 'branch'),
      ],
    );
    const problems = lintFlow(graph).filter((problem) =>
      ['category.label_not_id', 'reference.label_not_id'].includes(problem.code),
    );
    expect(problems).toEqual([
      expect.objectContaining({ nodeId: 'ticket', field: 'config.category', code: 'reference.label_not_id' }),
      expect.objectContaining({
        nodeId: 'branch',
        field: 'config.cases[0].value',
        code: 'category.label_not_id',
      }),
    ]);
  });
});

describe('ticket status changes the lifecycle refuses', () => {
  it('reports new → waiting_for_customer right after the ticket is created, with what it can become', () => {
    const graph = afterTicket(
      node('wait_customer', 'action.update_ticket', { status: 'waiting_for_customer' }),
    );
    const [problem, ...others] = problemsWith('ticket.status_change_refused', graph);
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', nodeId: 'wait_customer', field: 'config.status' });
    expect(problem?.message['zh-CN']).toContain('工单在此处的状态是「新建」，不能改为「等待客户」');
    expect(problem?.message.en).toContain('The ticket is New here and cannot change to Waiting for customer');
    expect(problem?.message.en).toContain('Assigned, In progress');
  });

  it('accepts the change once the ticket is in progress, and after a wait (agents may have moved it)', () => {
    const working = flow(
      [
        node('start', 'trigger.request_received'),
        node('ticket', 'action.create_ticket'),
        node('work', 'action.update_ticket', { status: 'in_progress' }),
        node('ask', 'action.update_ticket', { status: 'waiting_for_customer' }),
      ],
      [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'work'), edge('work', 'next', 'ask')],
    );
    expect(problemsWith('ticket.status_change_refused', working)).toEqual([]);
    const waited = flow(
      [
        node('start', 'trigger.request_received'),
        node('ticket', 'action.create_ticket'),
        node('later', 'timing.wait'),
        node('ask', 'action.update_ticket', { status: 'waiting_for_customer' }),
      ],
      [edge('start', 'next', 'ticket'), edge('ticket', 'next', 'later'), edge('later', 'next', 'ask')],
    );
    expect(lintFlow(waited).filter((problem) => problem.code.startsWith('ticket.status'))).toEqual([]);
  });

  it('warns when only some paths bring a ticket the change is refused from', () => {
    const graph = flow(
      [
        node('start', 'trigger.request_received'),
        node('ticket', 'action.create_ticket'),
        node('vip', 'logic.condition', condition('request.channel', 'equals', 'wechat')),
        node('work', 'action.update_ticket', { status: 'in_progress' }),
        node('ask', 'action.update_ticket', { status: 'waiting_for_customer' }),
      ],
      [
        edge('start', 'next', 'ticket'),
        edge('ticket', 'next', 'vip'),
        edge('vip', 'true', 'work'),
        edge('vip', 'false', 'ask'),
        edge('work', 'next', 'ask'),
      ],
    );
    expect(lintFlow(graph).filter((problem) => problem.code.startsWith('ticket.status'))).toEqual([
      expect.objectContaining({
        code: 'ticket.status_change_may_be_refused',
        severity: 'warning',
        nodeId: 'ask',
      }),
    ]);
  });
});
