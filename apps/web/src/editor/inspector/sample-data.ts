/**
 * Sample data for template previews: what a typical request looks like once a
 * ticket exists. Values are invented and clearly fake.
 */
export const SAMPLE_DATA = {
  request: {
    id: 'req-1001',
    channel: 'web_form',
    subject: '订单还没到 / Order not arrived',
    message: '我的订单三天了还没到。My order is three days late.',
    category: 'order_status',
    receivedAt: '2026-11-20T09:30:00+08:00',
  },
  customer: {
    id: 'cus-42',
    name: '王小明',
    phone: '138****0000',
    email: 'x***@example.com',
    vipLevel: 3,
    tags: ['vip'],
    requestCount: 5,
    complaintCount: 1,
    isNew: false,
  },
  ticket: {
    id: 'tkt-1',
    number: 'CS20261120001',
    title: '订单还没到',
    status: 'assigned',
    priority: 'high',
    category: 'order_status',
    team: 'support',
    assignee: 'Li Na',
    dueAt: '2026-11-20T13:30:00+08:00',
    link: 'https://example.com/t/CS20261120001',
  },
  classification: { category: 'order_status', confidence: 0.91 },
  survey: { kind: 'csat', score: 5, link: 'https://example.com/s/1' },
  anomaly: {
    id: 'anomaly-1',
    kind: 'category',
    kindLabel: { zh: '分类的请求量', en: 'Requests per category' },
    key: 'electrical',
    value: 42,
    baseline: 9,
    score: 8.6,
    volume: 42,
    hour: '2026-11-20T02:00:00.000Z',
  },
  variables: {},
} as const;
