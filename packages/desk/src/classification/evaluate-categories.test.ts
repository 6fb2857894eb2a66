import { describe, expect, it } from 'vitest';
import type { ClassifierCategory } from './classify.ts';
import { evaluateCategories } from './evaluate-categories.ts';

const CATEGORIES: readonly ClassifierCategory[] = [
  {
    id: 'delivery',
    keywords: ['tracking'],
    examples: [
      'where is my parcel',
      'my package has not arrived',
      'when will my delivery come',
      'the courier has not delivered',
      'parcel still in transit',
      'has my package shipped',
    ],
  },
  {
    id: 'refund',
    keywords: ['refund'],
    examples: [
      'I want my money back',
      'please return my money',
      'money back for the broken item',
      'charged twice give the money back',
      'pay me back for the damaged item',
      'return my payment please',
    ],
  },
];

describe('evaluateCategories', () => {
  it('answers a set it never trained on, keywords first, at the given threshold', () => {
    const evaluation = evaluateCategories(
      CATEGORIES,
      [
        { text: 'my tracking number does not work', label: 'delivery' },
        { text: 'a refund for my order please', label: 'refund' },
        { text: 'my parcel has not arrived yet', label: 'delivery' },
        { text: 'I want the money back for it', label: 'refund' },
      ],
      { threshold: 0.5 },
    );
    expect(evaluation.ok).toBe(true);
    if (!evaluation.ok) return;
    expect(evaluation.report).toMatchObject({
      examples: 4,
      labels: 2,
      trainingExamples: 12,
      keywordShare: 0.5,
    });
    expect(evaluation.report.accuracy).toBe(1);
    expect(evaluation.report.atThreshold.threshold).toBe(0.5);
    expect(evaluation.report.perClass.map((figure) => figure.support)).toEqual([2, 2]);
  });

  it('counts a text nothing could decide as wrong and not covered', () => {
    const keywordsOnly = CATEGORIES.map(({ id, keywords }) => ({ id, keywords }));
    const evaluation = evaluateCategories(keywordsOnly, [
      { text: 'tracking says delivered', label: 'delivery' },
      { text: 'where is my parcel', label: 'delivery' },
    ]);
    expect(evaluation.ok && evaluation.report).toMatchObject({
      trainingExamples: 0,
      accuracy: 0.5,
      atThreshold: { threshold: 0.7, coverage: 0.5, accuracy: 1 },
    });
  });

  it('refuses labels the step has no category for, in both languages', () => {
    const evaluation = evaluateCategories(CATEGORIES, [{ text: 'reset my password', label: 'account' }]);
    expect(evaluation.ok).toBe(false);
    if (evaluation.ok) return;
    expect(evaluation.problem.code).toBe('eval.unknown_labels');
    expect(evaluation.problem.message.en).toContain('"account"');
    expect(evaluation.problem.message.en).toContain('delivery, refund');
    expect(evaluation.problem.message['zh-CN']).toContain('「account」');
  });
});
