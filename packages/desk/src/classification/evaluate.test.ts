import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BITEXT_URL, TINY_ENGLISH } from './classification-test-kit.ts';
import { predict, type TrainingExample, trainModel } from './classifier-model.ts';
import { evaluate } from './evaluate.ts';
import {
  expectedCalibrationError,
  macroF1,
  perClassFigures,
  thresholdFigures,
} from './evaluation-metrics.ts';
import { readLabelledCsv } from './labelled-csv.ts';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

describe('evaluation metrics', () => {
  const predictions = [
    { truth: 'a', predicted: 'a', confidence: 0.95 },
    { truth: 'a', predicted: 'b', confidence: 0.55 },
    { truth: 'b', predicted: 'b', confidence: 0.85 },
    { truth: 'b', predicted: 'b', confidence: 0.65 },
  ];

  it('computes per-class F1 and its unweighted mean', () => {
    const figures = perClassFigures(predictions);
    expect(figures[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(figures[0]?.f1).toBeCloseTo(2 / 3);
    expect(figures[1]?.f1).toBeCloseTo(0.8);
    expect(macroF1(figures)).toBeCloseTo((2 / 3 + 0.8) / 2);
  });

  it('measures calibration error by confidence bins', () => {
    // Bins: 0.95 right (|1−0.95|), 0.55 wrong (|0−0.55|), 0.85 right, 0.65 right.
    expect(expectedCalibrationError(predictions)).toBeCloseTo((0.05 + 0.55 + 0.15 + 0.35) / 4);
  });

  it('gives coverage and accuracy at a threshold, null when nothing reaches it', () => {
    expect(thresholdFigures(predictions, 0.7)).toEqual({ threshold: 0.7, coverage: 0.5, accuracy: 1 });
    expect(thresholdFigures(predictions, 0.99)).toEqual({ threshold: 0.99, coverage: 0, accuracy: null });
  });
});

describe('evaluate', () => {
  it('cross-validates a tiny set and gives the same figures for the same seed', () => {
    const first = evaluate(TINY_ENGLISH, { folds: 4, seed: 5 });
    const again = evaluate(TINY_ENGLISH, { folds: 4, seed: 5 });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(again).toEqual(first);
    expect(first.report).toMatchObject({ examples: 24, labels: 3, folds: 4, seed: 5 });
    expect(first.report.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(first.report.perClass.map((figure) => figure.support)).toEqual([8, 8, 8]);
    expect(first.report.timing).toBeUndefined();
    expect(first.report.atThreshold.threshold).toBe(0.7);
  });

  it('reports timings only when given a clock', () => {
    let now = 0;
    const timed = evaluate(TINY_ENGLISH, { folds: 2, clock: () => (now += 5) });
    expect(timed.ok && timed.report.timing?.trainMsPerFold).toEqual([5, 5]);
  });

  it('refuses a set with one label or fewer examples than folds', () => {
    const single = evaluate([
      { text: 'a', label: 'x' },
      { text: 'b', label: 'x' },
    ]);
    expect(!single.ok && single.problem.code).toBe('eval.single_label');
    const few = evaluate(TINY_ENGLISH.slice(0, 9).concat(TINY_ENGLISH.slice(8, 9)), { folds: 12 });
    expect(!few.ok && few.problem.code).toBe('eval.too_few_examples');
  });
});

describe('accuracy guard on the public Bitext set', () => {
  it('reaches 0.85 on held-out rows when trained on a stratified sample of 1,500', () => {
    const read = readLabelledCsv(readFileSync(BITEXT_URL, 'utf8'));
    if (!read.ok) throw new Error(read.problem.message.en);
    const byLabel = new Map<string, TrainingExample[]>();
    for (const example of read.examples)
      byLabel.set(example.label, [...(byLabel.get(example.label) ?? []), example]);
    const random = seededRandom(1);
    const train: TrainingExample[] = [];
    const test: TrainingExample[] = [];
    for (const members of byLabel.values()) {
      const shuffled = shuffleInPlace([...members], random);
      const share = Math.round((1500 * members.length) / read.examples.length);
      train.push(...shuffled.slice(0, share));
      test.push(...shuffled.slice(share, share + 20));
    }
    expect(train.length).toBeGreaterThanOrEqual(1490);
    const model = trainModel(train, { seed: 42, calibrationFolds: 0 });
    const correct = test.filter((example) => predict(model, example.text)[0]?.label === example.label).length;
    expect(correct / test.length).toBeGreaterThanOrEqual(0.85);
  });
});
