import type { KbArticle } from '@flowdesk/store';

/** A small shop's knowledge base, shared by the knowledge tests. Only imported by tests. */
export function sampleArticles(workspaceId = 'default'): KbArticle[] {
  const base = { workspaceId, tags: [], status: 'published' as const, updatedAt: '2026-11-22T00:00:00.000Z' };
  return [
    {
      ...base,
      id: 'returns',
      title: { 'zh-CN': '退货', en: 'Returns' },
      questions: {
        'zh-CN': ['怎么申请退货', '买的东西不想要了可以退吗', '退货流程是什么'],
        en: ['How do I return an item?', 'Can I send my order back for a refund?'],
      },
      answer: {
        'zh-CN': '签收 7 天内在订单页点击“申请退货”即可。',
        en: 'Within 7 days of delivery, open the order and choose "Return".',
      },
    },
    {
      ...base,
      id: 'shipping',
      title: { 'zh-CN': '物流', en: 'Shipping' },
      questions: {
        'zh-CN': ['我的快递到哪了', '订单什么时候发货'],
        en: ['Where is my package?', 'When will my order ship?'],
      },
      answer: { 'zh-CN': '下单后 48 小时内发货。', en: 'Orders ship within 48 hours.' },
    },
    {
      ...base,
      id: 'invoice',
      title: { 'zh-CN': '发票', en: 'Invoices' },
      questions: { 'zh-CN': ['怎么开发票', '发票可以重开吗'], en: ['How can I get an invoice?'] },
      answer: { 'zh-CN': '在订单详情页申请电子发票。', en: 'Request an e-invoice on the order page.' },
    },
  ];
}
