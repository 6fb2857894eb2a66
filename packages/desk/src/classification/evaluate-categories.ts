import { type ClassificationProblem, problem } from './classification-problem.ts';
import type { TrainingExample, TrainOptions } from './classifier-model.ts';
import { type ClassifierCategory, classify, DEFAULT_THRESHOLD } from './classify.ts';
import { trainCategoryModel } from './corrections.ts';
import {
  accuracyOf,
  type ClassFigures,
  expectedCalibrationError,
  type HeldOutPrediction,
  macroF1,
  perClassFigures,
  type ThresholdFigures,
  thresholdFigures,
} from './evaluation-metrics.ts';

/*
 * How a Classify step would answer requests it never saw: the model is trained
 * exactly as the runtime trains it (the categories' example phrases, no
 * corrections), and every text goes through `classify()`, keywords first. Unlike
 * cross-validation this needs a separate labelled set, written apart from the
 * examples, so it measures how the step copes with new wordings.
 */

export interface CategoryEvaluationOptions {
  /** Default: the step's own threshold, else 0.7. */
  readonly threshold?: number;
  readonly train?: TrainOptions;
}

export interface CategoryEvaluationReport {
  readonly examples: number;
  readonly labels: number;
  /** Example phrases the model was trained on. */
  readonly trainingExamples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: readonly ClassFigures[];
  readonly ece: number;
  readonly atThreshold: ThresholdFigures;
  /** Share of texts a single keyword decided (confidence 1). */
  readonly keywordShare: number;
}

export type CategoryEvaluation =
  | { readonly ok: true; readonly report: CategoryEvaluationReport }
  | { readonly ok: false; readonly problem: ClassificationProblem };

export function evaluateCategories(
  categories: readonly ClassifierCategory[],
  examples: readonly TrainingExample[],
  options: CategoryEvaluationOptions = {},
): CategoryEvaluation {
  const known = new Set(categories.map((category) => category.id));
  const unknown = [...new Set(examples.map((example) => example.label))].filter((label) => !known.has(label));
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: problem('eval.unknown_labels', {
        labels: unknown.slice(0, 5).join(', '),
        categories: [...known].join(', '),
      }),
    };
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const model = trainCategoryModel(categories, [], [], options.train);
  let keywordDecided = 0;
  const predictions: HeldOutPrediction[] = examples.map((example) => {
    const result = classify(example.text, { categories, threshold, ...(model ? { model } : {}) });
    if (result.source === 'keyword') keywordDecided++;
    return { truth: example.label, predicted: result.category ?? '', confidence: result.confidence };
  });
  const perClass = perClassFigures(predictions);
  return {
    ok: true,
    report: {
      examples: examples.length,
      labels: new Set(examples.map((example) => example.label)).size,
      trainingExamples: model?.exampleCount ?? 0,
      accuracy: accuracyOf(predictions),
      macroF1: macroF1(perClass),
      perClass,
      ece: expectedCalibrationError(predictions),
      atThreshold: thresholdFigures(predictions, threshold),
      keywordShare: examples.length === 0 ? 0 : keywordDecided / examples.length,
    },
  };
}
