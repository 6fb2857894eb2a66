import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_ENGLISH } from './classification-test-kit.ts';
import { type ClassifierModel, trainModel } from './classifier-model.ts';
import { type ClassifierCategory, categoryExamples, classify } from './classify.ts';

const CATEGORIES: readonly ClassifierCategory[] = [
  { id: 'delivery', keywords: ['快递', 'tracking'] },
  { id: 'refund', keywords: ['退款', 'refund'] },
  { id: 'account', keywords: ['密码'] },
];

let model: ClassifierModel;
beforeAll(() => {
  model = trainModel(TINY_ENGLISH, { seed: 7 });
});

describe('classify: keywords first', () => {
  it('answers with confidence 1 when exactly one category’s keyword matches, without the model', () => {
    const result = classify('我的快递到哪了', { categories: CATEGORIES });
    expect(result).toEqual({
      source: 'keyword',
      category: 'delivery',
      confidence: 1,
      lowConfidence: false,
      alternatives: [{ category: 'delivery', confidence: 1 }],
    });
  });

  it('matches English keywords at the start of a word only', () => {
    expect(classify('Refunded yet?', { categories: CATEGORIES }).category).toBe('refund');
    expect(classify('我要refund', { categories: CATEGORIES }).category).toBe('refund');
    const notAWord = classify('prerefund', { categories: CATEGORIES });
    expect(notAWord.source).toBe('none');
  });

  it('falls through to the model and reports the conflict when several categories match', () => {
    const result = classify('tracking the refund I asked for', { categories: CATEGORIES, model });
    expect(result.source).toBe('model');
    if (result.source !== 'model') return;
    expect(result.keywordConflict).toEqual(['delivery', 'refund']);
    expect(['delivery', 'refund']).toContain(result.category);
  });

  it('says none, low confidence, when no keyword matches and there is no model', () => {
    const result = classify('hello there', { categories: CATEGORIES });
    expect(result).toMatchObject({ source: 'none', category: null, confidence: 0, lowConfidence: true });
  });
});

describe('classify: model and threshold', () => {
  it('uses the model when no keyword matches, with the top three alternatives best first', () => {
    const result = classify('my parcel has not arrived', { categories: CATEGORIES, model });
    expect(result.source).toBe('model');
    expect(result.category).toBe('delivery');
    expect(result.alternatives).toHaveLength(3);
    expect(result.alternatives[0]?.category).toBe('delivery');
    const sum = result.alternatives.reduce((total, entry) => total + entry.confidence, 0);
    expect(sum).toBeCloseTo(1, 5);
    expect(result.alternatives[0]?.confidence).toBe(result.confidence);
  });

  it('flags low confidence below the threshold and not at or above it', () => {
    const result = classify('my parcel has not arrived', { categories: CATEGORIES, model });
    const confidence = result.confidence;
    expect(
      classify('my parcel has not arrived', { categories: CATEGORIES, model, threshold: confidence })
        .lowConfidence,
    ).toBe(false);
    expect(
      classify('my parcel has not arrived', {
        categories: CATEGORIES,
        model,
        threshold: Math.min(1, confidence + 0.01),
      }).lowConfidence,
    ).toBe(true);
    // An unrelated text spreads its probability: with the default 0.7 it goes to a person.
    expect(classify('zebra', { categories: CATEGORIES, model }).lowConfidence).toBe(true);
  });

  it('answers only with the node’s categories, renormalising the model’s probabilities', () => {
    const two = CATEGORIES.filter((category) => category.id !== 'delivery');
    const result = classify('my parcel has not arrived', { categories: two, model });
    expect(['refund', 'account']).toContain(result.category);
    expect(result.alternatives).toHaveLength(2);
    expect(result.alternatives.reduce((total, entry) => total + entry.confidence, 0)).toBeCloseTo(1, 5);
  });

  it('turns the categories’ example phrases into training examples', () => {
    expect(categoryExamples([{ id: 'returns', examples: ['想退货', '换一件'] }])).toEqual([
      { text: '想退货', label: 'returns' },
      { text: '换一件', label: 'returns' },
    ]);
  });
});
