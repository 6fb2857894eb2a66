import type { FlowGraph } from '@flowdesk/model';

/**
 * The six-node flow the intake benchmark runs: request received → classify →
 * condition → create ticket → assign → send message (a reply returned at once).
 */
export const BENCH_CATEGORIES = [
  { id: 'returns', label: '退换货', keywords: ['退货', 'return'], examples: ['想退掉这双鞋'] },
  { id: 'order_status', label: '订单状态', keywords: ['快递', 'where is my order'], examples: ['到哪了'] },
];

export const BENCH_MESSAGES = [
  '我要退货，鞋子尺码不对',
  '快递三天了还没到',
  'I want to return this jacket',
  'where is my order 1234?',
];

const at = (x: number) => ({ x, y: 0 });

export function benchFlow(): FlowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.request_received',
        config: { channels: [], categories: [], keywords: [] },
        position: at(0),
      },
      {
        id: 'classify',
        type: 'logic.classify',
        config: { source: 'request.message', threshold: 0.7, categories: BENCH_CATEGORIES },
        position: at(200),
      },
      {
        id: 'vip',
        type: 'logic.condition',
        config: {
          mode: 'rules',
          rules: {
            kind: 'group',
            combinator: 'any',
            children: [{ kind: 'rule', field: 'request.customFields.vip', operator: 'equals', value: true }],
          },
        },
        position: at(400),
      },
      {
        id: 'ticket',
        type: 'action.create_ticket',
        config: {
          title: '{{ request.message }}',
          description: '{{ request.message }}',
          priority: 'auto',
          team: 'support',
          customFields: {},
        },
        position: at(600),
      },
      {
        id: 'assign',
        type: 'action.assign',
        config: { target: 'team', teamId: 'support', strategy: 'round_robin', skills: [], vipFirst: true },
        position: at(800),
      },
      {
        id: 'reply',
        type: 'action.send_message',
        config: {
          channel: 'reply',
          to: 'customer',
          body: { 'zh-CN': '已收到，工单号 {{ ticket.number }}', en: 'Ticket {{ ticket.number }}' },
        },
        position: at(1000),
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'classify' },
      { id: 'e2', source: 'classify', sourcePort: 'returns', target: 'vip' },
      { id: 'e3', source: 'classify', sourcePort: 'order_status', target: 'vip' },
      { id: 'e4', source: 'classify', sourcePort: 'low_confidence', target: 'vip' },
      { id: 'e5', source: 'vip', sourcePort: 'true', target: 'ticket' },
      { id: 'e6', source: 'vip', sourcePort: 'false', target: 'ticket' },
      { id: 'e7', source: 'ticket', sourcePort: 'next', target: 'assign' },
      { id: 'e8', source: 'assign', sourcePort: 'next', target: 'reply' },
    ],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}
