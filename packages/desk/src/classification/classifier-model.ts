import { type FeatureOptions, type SparseVector, vectorize } from './feature-vector.ts';
import { type RandomSource, seededRandom } from './seeded-random.ts';
import {
  type LinearWeights,
  NEUTRAL,
  scoreVector,
  softmaxInPlace,
  type TrainingMatrix,
  trainSoftmax,
} from './softmax-regression.ts';
import { splitFold, stratifiedFolds } from './stratified-folds.ts';
import { fitTemperature } from './temperature-calibration.ts';
import type { TokenizerOptions } from './tokenizer.ts';

/** One labelled text. `weight` (default 1) says how much it counts; corrections count more. */
export interface TrainingExample {
  readonly text: string;
  readonly label: string;
  readonly weight?: number;
}

export interface TrainOptions {
  /** Seeds shuffling; the same seed and data give the same model. Default 42. */
  readonly seed?: number;
  /** Passes over the data; by default fewer for large sets, so training time stays about constant. */
  readonly epochs?: number;
  readonly learningRate?: number;
  /** log2 of the feature buckets; 2^16 keeps a model of 27 classes near 7 MB in memory. */
  readonly hashBits?: number;
  /** Folds used to fit the temperature on held-out scores; 0 leaves the model uncalibrated. */
  readonly calibrationFolds?: number;
  readonly tokenizer?: TokenizerOptions;
  /**
   * Texts of no class (greetings, fillers such as 你好, 在吗, "hi"), trained towards
   * equal probabilities so that words like these alone never make the model sure.
   * They are not counted in `exampleCount`; held out in turn, they pull the
   * fitted temperature towards keeping such texts uncertain.
   */
  readonly neutralTexts?: readonly string[];
}

/** A trained classifier: plain data, so it can be serialised and shared between processes. */
export interface ClassifierModel {
  /** Class names, sorted; index k is column k of the weights. */
  readonly labels: readonly string[];
  readonly features: FeatureOptions;
  readonly linear: LinearWeights;
  /** Divides the scores before the softmax so probabilities are calibrated. */
  readonly temperature: number;
  /** False when there was too little data to fit the temperature (it is then 1). */
  readonly calibrated: boolean;
  readonly exampleCount: number;
}

export interface RankedLabel {
  readonly label: string;
  readonly probability: number;
}

export const DEFAULT_TRAIN_OPTIONS = {
  seed: 42,
  learningRate: 0.5,
  hashBits: 16,
  calibrationFolds: 3,
} as const;

/**
 * A neutral text counts as three examples: a handful of greetings must outweigh
 * a category whose phrases often say 你们 or "your".
 */
const NEUTRAL_WEIGHT = 3;

/** Below this many examples the held-out folds are too small to fit a temperature. */
const MIN_EXAMPLES_TO_CALIBRATE = 20;

interface Resolved {
  readonly epochs: number;
  readonly learningRate: number;
  readonly calibrationFolds: number;
  readonly features: FeatureOptions;
  readonly random: RandomSource;
}

/** About 25,000 updates in all: 4 passes over 6,000 texts, 20 over a few hundred. */
export function defaultEpochs(exampleCount: number): number {
  return Math.min(20, Math.max(4, Math.round(25_000 / Math.max(exampleCount, 1))));
}

function resolve(options: TrainOptions, exampleCount: number): Resolved {
  return {
    epochs: options.epochs ?? defaultEpochs(exampleCount),
    learningRate: options.learningRate ?? DEFAULT_TRAIN_OPTIONS.learningRate,
    calibrationFolds: options.calibrationFolds ?? DEFAULT_TRAIN_OPTIONS.calibrationFolds,
    features: {
      synonyms: true,
      ...options.tokenizer,
      hashBits: options.hashBits ?? DEFAULT_TRAIN_OPTIONS.hashBits,
    },
    random: seededRandom(options.seed ?? DEFAULT_TRAIN_OPTIONS.seed),
  };
}

function subset(matrix: TrainingMatrix, indices: readonly number[]): TrainingMatrix {
  return {
    vectors: indices.map((i) => matrix.vectors[i] as SparseVector),
    labels: Int32Array.from(indices, (i) => matrix.labels[i] as number),
    sampleWeights: Float32Array.from(indices, (i) => matrix.sampleWeights[i] as number),
  };
}

function concat(a: TrainingMatrix, b: TrainingMatrix): TrainingMatrix {
  if (b.vectors.length === 0) return a;
  const labels = new Int32Array(a.labels.length + b.labels.length);
  labels.set(a.labels);
  labels.set(b.labels, a.labels.length);
  const sampleWeights = new Float32Array(labels.length);
  sampleWeights.set(a.sampleWeights);
  sampleWeights.set(b.sampleWeights, a.sampleWeights.length);
  return { vectors: [...a.vectors, ...b.vectors], labels, sampleWeights };
}

function neutralMatrix(texts: readonly string[], features: FeatureOptions): TrainingMatrix {
  return {
    vectors: texts.map((text) => vectorize(text, features)),
    labels: new Int32Array(texts.length).fill(NEUTRAL),
    sampleWeights: new Float32Array(texts.length).fill(NEUTRAL_WEIGHT),
  };
}

/**
 * Scores of every example from models that never saw it, for fitting the
 * temperature; neutral texts are scored the same way and count as right when
 * the model is unsure of them.
 */
function heldOutTemperature(
  matrix: TrainingMatrix,
  neutral: TrainingMatrix,
  labels: readonly string[],
  settings: Resolved,
): number {
  const folds = stratifiedFolds(
    Array.from(matrix.labels, (k) => labels[k] as string),
    settings.calibrationFolds,
    settings.random,
  );
  const scores: Float64Array[] = [];
  const truth: number[] = [];
  // Neutral texts are held out in turn too: the temperature must also keep texts of no class uncertain.
  const neutralIndices = [...neutral.vectors.keys()];
  for (let fold = 0; fold < settings.calibrationFolds; fold++) {
    const { train, test } = splitFold(folds, fold);
    if (train.length === 0 || test.length === 0) continue;
    const neutralIn = neutralIndices.filter((index) => index % settings.calibrationFolds !== fold);
    const neutralOut = neutralIndices.filter((index) => index % settings.calibrationFolds === fold);
    const linear = trainSoftmax(
      concat(subset(matrix, train), subset(neutral, neutralIn)),
      labels.length,
      settings.features.hashBits,
      settings,
    );
    for (const index of test) {
      scores.push(
        scoreVector(linear, matrix.vectors[index] as SparseVector, new Float64Array(labels.length)),
      );
      truth.push(matrix.labels[index] as number);
    }
    for (const index of neutralOut) {
      scores.push(
        scoreVector(linear, neutral.vectors[index] as SparseVector, new Float64Array(labels.length)),
      );
      truth.push(NEUTRAL);
    }
  }
  return fitTemperature(scores, truth);
}

/** Trains a calibrated classifier. Throws if there are no examples (callers check first). */
export function trainModel(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): ClassifierModel {
  if (examples.length === 0) throw new Error('trainModel needs at least one example');
  const settings = resolve(options, examples.length);
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  const classOf = new Map(labels.map((label, index) => [label, index]));
  const matrix: TrainingMatrix = {
    vectors: examples.map((example) => vectorize(example.text, settings.features)),
    labels: Int32Array.from(examples, (example) => classOf.get(example.label) as number),
    sampleWeights: Float32Array.from(examples, (example) => example.weight ?? 1),
  };
  const calibrated =
    labels.length > 1 && settings.calibrationFolds >= 2 && examples.length >= MIN_EXAMPLES_TO_CALIBRATE;
  const neutral = neutralMatrix(labels.length > 1 ? (options.neutralTexts ?? []) : [], settings.features);
  const temperature = calibrated ? heldOutTemperature(matrix, neutral, labels, settings) : 1;
  const linear = trainSoftmax(concat(matrix, neutral), labels.length, settings.features.hashBits, settings);
  return {
    labels,
    features: settings.features,
    linear,
    temperature,
    calibrated,
    exampleCount: examples.length,
  };
}

/** Calibrated probabilities of every label, best first. */
export function predict(model: ClassifierModel, text: string): RankedLabel[] {
  const scores = scoreVector(
    model.linear,
    vectorize(text, model.features),
    new Float64Array(model.labels.length),
  );
  softmaxInPlace(scores, model.temperature);
  return model.labels
    .map((label, index) => ({ label, probability: scores[index] as number }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
}
