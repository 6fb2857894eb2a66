import { describe, expect, it } from 'vitest';
import type { FlowEdge, FlowNode } from '../../flow-graph.schema.ts';
import { unguardedOutputs } from '../../template-outputs.ts';
import { lintFlow } from '../lint-flow.ts';
import { condition, edge, flow, node } from '../lint-test-kit.ts';

/** A request flow: identify the customer, then the given step. */
function afterIdentify(step: FlowNode, extra: FlowNode[] = [], edges: FlowEdge[] = []) {
  return flow(
    [node('start', 'trigger.request_received'), node('who', 'action.identify_customer'), step, ...extra],
    [edge('start', 'next', 'who'), edge('who', 'next', step.id), ...edges],
  );
}

const reply = (id: string, body: string, to = 'customer') =>
  node(id, 'action.send_message', { channel: 'reply', to, body: { 'zh-CN': body, en: 'Hello' } });

function emptyWarnings(graph: ReturnType<typeof flow>) {
  return lintFlow(graph).filter((problem) => problem.code === 'field.may_be_empty');
}

describe('fields that may be empty in texts people read', () => {
  it('warns when a message greets the customer by a name many requests lack, naming node and field, with a fallback', () => {
    const graph = afterIdentify({ ...reply('hello', '您好 {{ customer.name }}，已收到'), label: '致谢' });
    const warnings = emptyWarnings(graph);
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', nodeId: 'hello', field: 'config.body.zh-CN' }),
    ]);
    const [warning] = warnings;
    expect(warning?.message['zh-CN']).toContain('“致谢”中的 {{ customer.name }}');
    expect(warning?.message['zh-CN']).toContain('{{ customer.name | default: "顾客" }}');
    expect(warning?.message.en).toContain('{{ customer.name }} in "致谢" may have no value');
    expect(warning?.message.en).toContain('{{ customer.name | default: "customer" }}');
  });

  it('is satisfied by a default filter, also after mask', () => {
    for (const body of [
      '您好 {{ customer.name | default: "顾客" }}',
      '您好 {{ customer.name | mask | default: "未提供" }}',
      '您好 {{ customer.name | strip | default: "顾客" }}',
      '您好 {{ customer.name | default: "" | default: "顾客" }}',
    ]) {
      expect(emptyWarnings(afterIdentify(reply('hello', body))), body).toEqual([]);
    }
  });

  it('does not count an empty default, or one placed after a filter that already turned the empty value into text', () => {
    for (const body of [
      '您好 {{ customer.name | default: "" }}',
      "您好 {{ customer.name | default: '' }}",
      '您好 {{ customer.name | default: nil }}',
      '您好 {{ customer.name | default: " " }}',
      '您好 {{ customer.name | append: " " | default: "顾客" }}',
      '您好 {{ customer.name | prepend: "尊敬的" | default: "顾客" }}',
    ]) {
      expect(emptyWarnings(afterIdentify(reply('hello', body))), body).toHaveLength(1);
    }
  });

  it('counts only guards that imply the field has a value: not one side of an or', () => {
    const guarded = [
      '{% if customer.name and customer.isNew %}您好 {{ customer.name }}{% endif %}',
      '{% if customer.isNew and customer.name %}您好 {{ customer.name }}{% endif %}',
      '{% if customer.name != blank %}您好 {{ customer.name }}{% endif %}',
      '{% unless customer.name == blank %}您好 {{ customer.name }}{% endunless %}',
      '{% if customer.name == blank %}您好{% else %}您好 {{ customer.name }}{% endif %}',
    ];
    for (const body of guarded) expect(emptyWarnings(afterIdentify(reply('hello', body))), body).toEqual([]);
    const unguarded = [
      '{% if customer.name or customer.isNew %}您好 {{ customer.name }}{% endif %}',
      '{% if customer.isNew or customer.name %}您好 {{ customer.name }}{% endif %}',
      '{% if customer.name == blank %}您好 {{ customer.name }}{% endif %}',
      '{% unless customer.name %}您好 {{ customer.name }}{% endunless %}',
      '{% unless customer.name == blank and customer.isNew %}您好 {{ customer.name }}{% endunless %}',
    ];
    for (const body of unguarded) {
      expect(emptyWarnings(afterIdentify(reply('hello', body))), body).toHaveLength(1);
    }
  });

  it('is satisfied inside an if on the same field, not inside an if on another one', () => {
    const guarded = '您好{% if customer.name %} {{ customer.name }}{% endif %}，已收到';
    const elseOfUnless = '{% unless customer.name %}您好{% else %}您好 {{ customer.name }}{% endunless %}';
    expect(emptyWarnings(afterIdentify(reply('hello', guarded)))).toEqual([]);
    expect(emptyWarnings(afterIdentify(reply('hello', elseOfUnless)))).toEqual([]);
    const otherField = '{% if customer.isNew %}欢迎 {{ customer.name }}{% endif %}';
    const inElse = '{% if customer.name %}您好{% else %}{{ customer.name }}{% endif %}';
    expect(emptyWarnings(afterIdentify(reply('hello', otherField)))).toHaveLength(1);
    expect(emptyWarnings(afterIdentify(reply('hello', inElse)))).toHaveLength(1);
  });

  it('warns on a field only some paths provide, and not when every path provides it', () => {
    const nodes = (bothPathsCreate: boolean) => [
      node('start', 'trigger.request_received'),
      node('vip', 'logic.condition', condition('request.channel', 'equals', 'wechat')),
      node('t1', 'action.create_ticket'),
      node('t2', bothPathsCreate ? 'action.create_ticket' : 'logic.set_variable', {
        ...(bothPathsCreate ? {} : { assignments: [{ name: 'x', value: { kind: 'literal', value: 1 } }] }),
      }),
      reply('ack', '工单 {{ ticket.number }} 已受理'),
    ];
    const edges = [
      edge('start', 'next', 'vip'),
      edge('vip', 'true', 't1'),
      edge('vip', 'false', 't2'),
      edge('t1', 'next', 'ack'),
      edge('t2', 'next', 'ack'),
    ];
    const some = emptyWarnings(flow(nodes(false), edges));
    expect(some).toEqual([expect.objectContaining({ nodeId: 'ack', field: 'config.body.zh-CN' })]);
    expect(some[0]?.message.en).toContain('only some paths to this step provide it');
    expect(emptyWarnings(flow(nodes(true), edges))).toEqual([]);
  });

  it('does not count what a step provides on its error port', () => {
    const graph = flow(
      [
        node('start', 'trigger.request_received'),
        node('t', 'action.create_ticket'),
        reply('ack', '{{ ticket.number }}'),
      ],
      [edge('start', 'next', 't'), edge('t', 'next', 'ack'), edge('t', 'error', 'ack')],
    );
    expect(emptyWarnings(graph)).toEqual([expect.objectContaining({ nodeId: 'ack' })]);
  });

  it('knows a knowledge-base answer has text on Answered only', () => {
    const graph = (port: 'answered' | 'not_answered') =>
      flow(
        [
          node('start', 'trigger.request_received'),
          node('kb', 'action.auto_reply', { sendReply: false }),
          reply('answer', '{{ reply.text }}'),
          node('human', 'action.escalate'),
        ],
        [
          edge('start', 'next', 'kb'),
          edge('kb', port, 'answer'),
          edge('kb', port === 'answered' ? 'not_answered' : 'answered', 'human'),
        ],
      );
    expect(emptyWarnings(graph('answered'))).toEqual([]);
    expect(emptyWarnings(graph('not_answered'))).toEqual([expect.objectContaining({ nodeId: 'answer' })]);
  });

  it('warns on a ticket title from an optional subject, not with a fallback or from the message', () => {
    const ticket = (title: string) =>
      flow(
        [node('start', 'trigger.request_received'), node('t', 'action.create_ticket', { title })],
        [edge('start', 'next', 't')],
      );
    expect(emptyWarnings(ticket('待人工分拣：{{ request.subject }}'))).toEqual([
      expect.objectContaining({ nodeId: 't', field: 'config.title' }),
    ]);
    expect(emptyWarnings(ticket('{{ request.subject | default: request.message | truncate: 60 }}'))).toEqual(
      [],
    );
    expect(emptyWarnings(ticket('{{ request.subject | default: "客户请求" }}'))).toEqual([]);
    expect(emptyWarnings(ticket('{{ request.channel }}：{{ request.message }}'))).toEqual([]);
  });

  it('warns on custom fields in a survey question and on a variable only the caller gives', () => {
    const survey = node('s', 'action.send_survey', {
      kind: 'csat',
      question: {
        'zh-CN': '订单 {{ request.customFields.orderNo }} 满意吗？',
        en: 'Happy with {{ variables.product }}?',
      },
    });
    const graph = flow([node('start', 'trigger.request_received'), survey], [edge('start', 'next', 's')]);
    graph.settings.variables.push({ name: 'product', type: 'text' });
    const warnings = emptyWarnings(graph);
    expect(warnings.map((warning) => warning.field)).toEqual(['config.question.zh-CN', 'config.question.en']);
    expect(warnings[1]?.message.en).toContain('whoever starts the flow');
  });

  it('checks a saved message template where a message picks it, when the caller can look it up', () => {
    const graph = afterIdentify(
      node('hello', 'action.send_message', { channel: 'email', templateId: 'welcome' }),
    );
    const saved = { subject: { 'zh-CN': '欢迎' }, body: { 'zh-CN': '您好 {{ customer.name }}', en: 'Hi' } };
    const lookup = (id: string) => (id === 'welcome' ? saved : undefined);
    expect(
      lintFlow(graph, { messageTemplates: lookup }).filter((p) => p.code === 'field.may_be_empty'),
    ).toEqual([expect.objectContaining({ nodeId: 'hello', field: 'config.templateId' })]);
    expect(emptyWarnings(graph)).toEqual([]);
  });

  it('leaves messages to agents and texts with always-present fields alone', () => {
    expect(emptyWarnings(afterIdentify(reply('note', '客户 {{ customer.name }} 来信', 'assignee')))).toEqual(
      [],
    );
    expect(
      emptyWarnings(afterIdentify(reply('hello', '{{ request.message }} / {{ customer.vipLevel }}'))),
    ).toEqual([]);
  });
});

describe('unguardedOutputs', () => {
  it('lists shown fields with their field fallbacks, skipping literals, guards, locals and raw text', () => {
    expect(
      unguardedOutputs(
        '{{ a.b }} {{ c.d | default: e.f }} {{ g | default: "x" }} {% assign n = a.b %}{{ n }} ' +
          '{% for t in ticket.tags %}{{ t }}{% endfor %}{% raw %}{{ raw.x }}{% endraw %}' +
          '{% if h.i %}{{ h.i }}{% elsif j.k %}{{ h.i }}{{ j.k }}{% endif %}{{ "literal" }}',
      ),
    ).toEqual([
      { path: 'a.b', fallbacks: [] },
      { path: 'c.d', fallbacks: ['e.f'] },
      { path: 'h.i', fallbacks: [] },
    ]);
  });
});
