import { describe, expect, it } from 'vitest';
import { buildKnowledgeIndex } from './knowledge-index.ts';
import { sampleArticles } from './knowledge-test-articles.ts';

const index = buildKnowledgeIndex(sampleArticles());

describe('knowledge retrieval', () => {
  it('matches a Chinese paraphrase to the right article through shared words and bigrams', () => {
    const [best, second] = index.search('鞋子不想要了，能退货吗');
    expect(best).toMatchObject({ articleId: 'returns', locale: 'zh-CN' });
    expect(best?.confidence).toBeGreaterThan(0.4);
    expect(second?.confidence ?? 0).toBeLessThan(0.2);
    expect(index.search('我的快递怎么还没到')[0]?.articleId).toBe('shipping');
    expect(index.search('发票怎么开')[0]?.articleId).toBe('invoice');
  });

  it('matches English paraphrases, misspellings included', () => {
    expect(index.search('I want to return this item')[0]).toMatchObject({
      articleId: 'returns',
      locale: 'en',
    });
    expect(index.search('where is my parcel, it has not arrived')[0]?.articleId).toBe('shipping');
    expect(index.search('how do I get an invoise')[0]?.articleId).toBe('invoice');
  });

  it('gives a perfect match confidence 1 and unrelated questions a low one', () => {
    expect(index.search('怎么申请退货')[0]).toMatchObject({ articleId: 'returns', confidence: 1 });
    expect(index.search('How do I return an item?')[0]?.confidence).toBe(1);
    expect(index.search('今天天气不错')[0]?.confidence ?? 0).toBeLessThan(0.1);
    expect(index.search('what is the weather today')[0]?.confidence ?? 0).toBeLessThan(0.2);
  });

  it('never rates a question above a perfect match by repeating words, and handles nothing to search', () => {
    const repeated = index.search('退货 退货 退货 退货 怎么申请退货 怎么申请退货');
    expect(repeated[0]?.confidence).toBeLessThanOrEqual(1);
    expect(index.search('   ')).toEqual([]);
    expect(buildKnowledgeIndex([]).search('退货')).toEqual([]);
  });
});
