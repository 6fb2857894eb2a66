import type { RuleGroup } from '@flowdesk/model';
import { describe, expect, it } from 'vitest';
import { classifyCategoryLabels } from './inspector/value-labels.ts';
import { fieldPhrase, ruleSentence } from './rule-sentence.ts';

const categories = classifyCategoryLabels(
  [
    {
      type: 'logic.classify',
      config: {
        categories: [
          { id: 'complaint', label: '投诉' },
          { id: 'refund', label: '退款' },
        ],
      },
    },
  ],
  'zh-CN',
);
const englishCategories = classifyCategoryLabels(
  [{ type: 'logic.classify', config: { categories: [{ id: 'complaint', label: 'Complaint' }] } }],
  'en',
);

const complaintFromVip: RuleGroup = {
  kind: 'group',
  combinator: 'all',
  children: [
    { kind: 'rule', field: 'classification.category', operator: 'equals', value: 'complaint' },
    { kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 },
  ],
};

describe('rule sentence', () => {
  it('reads a category and a VIP level as an English sentence with labels, not paths', () => {
    expect(ruleSentence(complaintFromVip, 'en', { categories: englishCategories })).toBe(
      "If the category is Complaint and the customer's VIP level is at least 3",
    );
  });

  it('reads the same rules in Chinese with the Classify step’s category label', () => {
    expect(ruleSentence(complaintFromVip, 'zh-CN', { categories })).toBe(
      '如果 分类 是 投诉 且 客户的 VIP 等级 至少为 3',
    );
  });

  it('reads a category named in both languages in the reader’s', () => {
    const steps = [
      {
        type: 'logic.classify',
        config: { categories: [{ id: 'complaint', label: { 'zh-CN': '投诉', en: 'Complaint' } }] },
      },
    ];
    expect(ruleSentence(complaintFromVip, 'en', { categories: classifyCategoryLabels(steps, 'en') })).toMatch(
      /^If the category is Complaint and/,
    );
    expect(
      ruleSentence(complaintFromVip, 'zh-CN', { categories: classifyCategoryLabels(steps, 'zh-CN') }),
    ).toMatch(/^如果 分类 是 投诉 且/);
  });

  it('names statuses and priorities by their labels and nests groups in brackets', () => {
    const group: RuleGroup = {
      kind: 'group',
      combinator: 'any',
      children: [
        { kind: 'rule', field: 'ticket.priority', operator: 'in', value: ['urgent', 'high'] },
        {
          kind: 'group',
          combinator: 'all',
          children: [
            { kind: 'rule', field: 'ticket.status', operator: 'not_equals', value: 'resolved' },
            { kind: 'rule', field: 'request.message', operator: 'contains', value: 'refund' },
          ],
        },
      ],
    };
    const english = ruleSentence(group, 'en', {});
    expect(english).toBe(
      `If the ticket's priority is one of Urgent, High or (the ticket's status is not Resolved and the request's message contains "refund")`,
    );
    expect(ruleSentence(group, 'zh-CN', {})).toBe(
      '如果 工单的 优先级 属于 紧急、高 或 (工单的 状态 不是 已解决 且 请求的 内容 包含 “refund”)',
    );
  });

  it('says when a time comes before another, falls back to the id of an unknown category, and has no sentence without rules', () => {
    const group: RuleGroup = {
      kind: 'group',
      combinator: 'not',
      children: [
        { kind: 'rule', field: 'customer.lastContactAt', operator: 'lt', value: '2026-01-01' },
        { kind: 'rule', field: 'ticket.category', operator: 'equals', value: 'billing' },
        { kind: 'rule', field: 'variables.isVip', operator: 'is_empty' },
      ],
    };
    expect(ruleSentence(group, 'en', { categories })).toBe(
      `If not (the customer's last contact is before "2026-01-01" or the ticket's category is "billing" or the variable isVip is empty)`,
    );
    expect(ruleSentence({ kind: 'group', combinator: 'all', children: [] }, 'en')).toBeUndefined();
    expect(fieldPhrase('request.customFields.orderNo', 'zh-CN')).toBe('请求的 自定义字段 › orderNo');
  });
});

describe('rule sentence with the workspace’s records', () => {
  it('names teams by their names, not their ids', () => {
    const group: RuleGroup = {
      kind: 'group',
      combinator: 'all',
      children: [{ kind: 'rule', field: 'ticket.team', operator: 'in', value: ['after_sales', 'gone'] }],
    };
    const workspace = {
      team: [{ id: 'after_sales', label: { 'zh-CN': '售后组', en: 'After-sales' } }],
      agent: [],
      sla_policy: [],
      message_template: [],
      knowledge_tag: [],
    };
    expect(ruleSentence(group, 'zh-CN', { workspace })).toBe('如果 工单的 处理团队 属于 售后组、“gone”');
    expect(ruleSentence(group, 'en', { workspace })).toBe(
      `If the ticket's team is one of After-sales, "gone"`,
    );
  });
});
