import { describe, expect, it } from 'vitest';
import { zhSample } from './classification-test-kit.ts';
import { predict } from './classifier-model.ts';
import { classify } from './classify.ts';
import { trainCategoryModel } from './corrections.ts';
import { NEUTRAL_TEXTS } from './neutral-texts.ts';

// The complaint phrases say 你们 far more often than the others, as real complaints do.
const byLabel = new Map<string, string[]>();
for (const { text, label } of zhSample()) byLabel.set(label, [...(byLabel.get(label) ?? []), text]);
const categories = [...byLabel].map(([id, examples]) => ({ id, examples }));

function confidenceOf(text: string, neutralTexts?: readonly string[]): number {
  const model = trainCategoryModel(categories, [], [], neutralTexts ? { neutralTexts } : {});
  if (!model) throw new Error('the sample has five categories');
  return predict(model, text)[0]?.probability ?? 0;
}

describe('neutral texts', () => {
  it('keep a Classify step from being sure of a bare greeting', () => {
    const model = trainCategoryModel(categories, [], []);
    for (const greeting of ['你好', '你们好', '在吗', '请问', 'hello', 'anyone there?']) {
      const result = classify(greeting, { categories, model, threshold: 0.7 });
      expect(result.lowConfidence, greeting).toBe(true);
    }
  });

  it('are what makes the difference, and leave real requests as sure as before', () => {
    expect(confidenceOf('你们好', [])).toBeGreaterThan(confidenceOf('你们好', NEUTRAL_TEXTS));
    const model = trainCategoryModel(categories, [], []);
    const request = classify('我要开增值税专用发票，抬头写公司名称', { categories, model });
    expect(request).toMatchObject({ category: 'invoice', lowConfidence: false });
  });
});
