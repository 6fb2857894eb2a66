import { type ClassificationProblem, problem } from './classification-problem.ts';
import { predict, type TrainingExample, type TrainOptions, trainModel } from './classifier-model.ts';
import { DEFAULT_THRESHOLD } from './classify.ts';
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
import { seededRandom } from './seeded-random.ts';
import { splitFold, stratifiedFolds } from './stratified-folds.ts';

export interface EvaluationOptions {
  readonly folds?: number;
  readonly threshold?: number;
  readonly seed?: number;
  /** Training settings; their seed defaults to the evaluation's. */
  readonly train?: TrainOptions;
  /** Milliseconds from any fixed origin; given, the report includes timings. Kept out so the code stays deterministic. */
  readonly clock?: () => number;
}

export interface EvaluationTiming {
  readonly trainMsPerFold: readonly number[];
  readonly meanTrainMs: number;
  /** Mean time to classify one held-out text, tokenising included. */
  readonly predictMicrosPerText: number;
}

export interface EvaluationReport {
  readonly examples: number;
  readonly labels: number;
  readonly folds: number;
  readonly seed: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perClass: readonly ClassFigures[];
  readonly ece: number;
  readonly atThreshold: ThresholdFigures;
  readonly timing?: EvaluationTiming;
}

export type Evaluation =
  | { readonly ok: true; readonly report: EvaluationReport }
  | { readonly ok: false; readonly problem: ClassificationProblem };

export const DEFAULT_FOLDS = 5;
export const DEFAULT_SEED = 42;

/** Stratified k-fold cross-validation: each text is predicted once, by a model that never saw it. */
export function evaluate(examples: readonly TrainingExample[], options: EvaluationOptions = {}): Evaluation {
  const folds = options.folds ?? DEFAULT_FOLDS;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const seed = options.seed ?? DEFAULT_SEED;
  const labelCount = new Set(examples.map((example) => example.label)).size;
  if (labelCount < 2) return { ok: false, problem: problem('eval.single_label') };
  if (examples.length < folds) {
    return { ok: false, problem: problem('eval.too_few_examples', { folds, count: examples.length }) };
  }
  const assignment = stratifiedFolds(
    examples.map((example) => example.label),
    folds,
    seededRandom(seed),
  );
  const predictions: HeldOutPrediction[] = [];
  const trainMs: number[] = [];
  let predictMs = 0;
  const clock = options.clock;
  for (let fold = 0; fold < folds; fold++) {
    const { train, test } = splitFold(assignment, fold);
    const started = clock?.() ?? 0;
    const model = trainModel(
      train.map((index) => examples[index] as TrainingExample),
      { seed, ...options.train },
    );
    const trained = clock?.() ?? 0;
    for (const index of test) {
      const example = examples[index] as TrainingExample;
      const best = predict(model, example.text)[0];
      predictions.push({
        truth: example.label,
        predicted: best?.label ?? '',
        confidence: best?.probability ?? 0,
      });
    }
    trainMs.push(trained - started);
    predictMs += (clock?.() ?? 0) - trained;
  }
  const perClass = perClassFigures(predictions);
  const timing: EvaluationTiming | undefined = clock && {
    trainMsPerFold: trainMs,
    meanTrainMs: trainMs.reduce((sum, ms) => sum + ms, 0) / folds,
    predictMicrosPerText: (predictMs * 1000) / predictions.length,
  };
  return {
    ok: true,
    report: {
      examples: examples.length,
      labels: labelCount,
      folds,
      seed,
      accuracy: accuracyOf(predictions),
      macroF1: macroF1(perClass),
      perClass,
      ece: expectedCalibrationError(predictions),
      atThreshold: thresholdFigures(predictions, threshold),
      ...(timing ? { timing } : {}),
    },
  };
}
