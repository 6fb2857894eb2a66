import { describe, expect, it } from 'vitest';
import { articleInput, draftOf, EMPTY_DRAFT, filledLocales, withTag } from './article-draft.ts';
import { articleTitle, filterArticles, type ListedArticle, NO_FILTERS, tagsOf } from './knowledge-filter.ts';

const returns: ListedArticle = {
  id: 'kb-returns',
  title: { 'zh-CN': '退货', en: 'Returns' },
  questions: { 'zh-CN': ['怎么申请退货'], en: ['How do I send my order back?'] },
  answer: { 'zh-CN': '签收 7 天内可退。', en: 'Within 7 days of delivery.' },
  tags: ['returns', 'orders'],
  status: 'published',
};
const invoice: ListedArticle = {
  id: 'kb-invoice',
  title: { 'zh-CN': '发票', en: '' },
  questions: { 'zh-CN': ['怎么开发票'], en: [] },
  answer: { 'zh-CN': '在订单页申请电子发票。', en: '' },
  tags: ['billing'],
  status: 'draft',
};
const both = [returns, invoice];

describe('knowledge list filters', () => {
  it('finds an article by its title, a question variant or its answer, in either language', () => {
    expect(filterArticles(both, { ...NO_FILTERS, search: '退货' })).toEqual([returns]);
    expect(filterArticles(both, { ...NO_FILTERS, search: 'SEND my order' })).toEqual([returns]);
    expect(filterArticles(both, { ...NO_FILTERS, search: '电子发票' })).toEqual([invoice]);
    expect(filterArticles(both, { ...NO_FILTERS, search: 'delivery 7' })).toEqual([returns]);
    expect(filterArticles(both, { ...NO_FILTERS, search: 'delivery refund' })).toEqual([]);
    expect(filterArticles(both, { ...NO_FILTERS, search: '   ' })).toEqual(both);
  });

  it('filters by tag and by status, together with the search', () => {
    expect(filterArticles(both, { ...NO_FILTERS, tag: 'billing' })).toEqual([invoice]);
    expect(filterArticles(both, { ...NO_FILTERS, status: 'published' })).toEqual([returns]);
    expect(filterArticles(both, { search: '怎么', tag: '', status: 'draft' })).toEqual([invoice]);
    expect(tagsOf(both)).toEqual(['billing', 'orders', 'returns']);
  });

  it('names an article in the reader’s language, else the other, else by its id', () => {
    expect(articleTitle(returns, 'en')).toBe('Returns');
    expect(articleTitle(invoice, 'en')).toBe('发票');
    expect(articleTitle({ id: 'kb-x', title: { 'zh-CN': ' ', en: '' } }, 'zh-CN')).toBe('kb-x');
  });
});

describe('the article editor’s working copy', () => {
  it('drops blank question rows and trims what it sends, and keeps a row to type into', () => {
    const draft = draftOf(invoice);
    expect(draft.questions.en).toEqual(['']);
    draft.questions['zh-CN'].push('  发票抬头错了  ', '');
    expect(articleInput(draft)).toEqual({
      title: { 'zh-CN': '发票', en: '' },
      questions: { 'zh-CN': ['怎么开发票', '发票抬头错了'], en: [] },
      answer: { 'zh-CN': '在订单页申请电子发票。', en: '' },
      tags: ['billing'],
    });
    expect(filledLocales(draft)).toEqual(['zh-CN']);
    expect(filledLocales(EMPTY_DRAFT)).toEqual([]);
  });

  it('adds a tag once, trimmed, and ignores a blank one', () => {
    expect(withTag(['returns'], ' vip ')).toEqual(['returns', 'vip']);
    expect(withTag(['returns'], 'returns')).toEqual(['returns']);
    expect(withTag(['returns'], '  ')).toEqual(['returns']);
  });
});
