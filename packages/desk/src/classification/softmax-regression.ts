import type { SparseVector } from './feature-vector.ts';
import { type RandomSource, shuffleInPlace } from './seeded-random.ts';

/*
 * Multinomial logistic regression trained by averaged stochastic gradient
 * descent. Averaging the weights over all steps gives the stability of a
 * decaying learning rate without tuning its schedule, and costs one extra array
 * only while training. Weights are laid out bucket-major ([bucket][class]) so
 * scoring one sparse text reads contiguous memory.
 */

export interface LinearWeights {
  readonly classCount: number;
  readonly hashBits: number;
  /** (2^hashBits) × classCount, bucket-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface TrainingMatrix {
  readonly vectors: readonly SparseVector[];
  /** Class index of each vector; NEUTRAL for a text of no class, trained towards equal probabilities. */
  readonly labels: Int32Array;
  /** How much each example counts (agents' corrections count more). */
  readonly sampleWeights: Float32Array;
}

export interface SgdOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly random: RandomSource;
}

/** Raw class scores of one text; `out` is reused to avoid allocating per call. */
export function scoreVector(model: LinearWeights, vector: SparseVector, out: Float64Array): Float64Array {
  return scoreInto(model.weights, model.bias, vector, out);
}

function scoreInto(
  weights: Float32Array | Float64Array,
  bias: Float32Array | Float64Array,
  vector: SparseVector,
  out: Float64Array,
): Float64Array {
  const classes = bias.length;
  for (let k = 0; k < classes; k++) out[k] = bias[k] as number;
  const { indices, values } = vector;
  for (let i = 0; i < indices.length; i++) {
    const row = (indices[i] as number) * classes;
    const value = values[i] as number;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (weights[row + k] as number) * value;
  }
  return out;
}

/** Softmax in place, shifted by the maximum so large scores do not overflow. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(((scores[k] as number) - max) / temperature);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return scores;
}

const NEGLIGIBLE_GRADIENT = 1e-4;

/** The label of a text that says nothing about any class (a greeting), in `TrainingMatrix.labels`. */
export const NEUTRAL = -1;

interface Accumulators {
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  /** Sum of step × update, for the averaged weights (w − u / steps). */
  readonly weightSteps: Float64Array;
  readonly biasSteps: Float64Array;
}

function step(
  acc: Accumulators,
  vector: SparseVector,
  gradient: Float64Array,
  active: Int32Array,
  lr: number,
  count: number,
) {
  const classes = gradient.length;
  const { indices, values } = vector;
  const { weights, weightSteps } = acc;
  // Once a text is learnt most classes have a gradient near zero; skipping them
  // makes later epochs several times faster and changes the weights negligibly.
  let activeCount = 0;
  for (let k = 0; k < classes; k++) {
    if (Math.abs(gradient[k] as number) > NEGLIGIBLE_GRADIENT) active[activeCount++] = k;
  }
  for (let i = 0; i < indices.length; i++) {
    const row = (indices[i] as number) * classes;
    const scaled = -lr * (values[i] as number);
    for (let a = 0; a < activeCount; a++) {
      const at = row + (active[a] as number);
      const delta = scaled * (gradient[active[a] as number] as number);
      weights[at] = (weights[at] as number) + delta;
      weightSteps[at] = (weightSteps[at] as number) + count * delta;
    }
  }
  for (let k = 0; k < classes; k++) {
    const delta = -lr * (gradient[k] as number);
    acc.bias[k] = (acc.bias[k] as number) + delta;
    acc.biasSteps[k] = (acc.biasSteps[k] as number) + count * delta;
  }
}

export function trainSoftmax(
  data: TrainingMatrix,
  classCount: number,
  hashBits: number,
  options: SgdOptions,
): LinearWeights {
  const size = (1 << hashBits) * classCount;
  const acc: Accumulators = {
    weights: new Float64Array(size),
    bias: new Float64Array(classCount),
    weightSteps: new Float64Array(size),
    biasSteps: new Float64Array(classCount),
  };
  const order = Array.from(data.vectors.keys());
  const scores = new Float64Array(classCount);
  const active = new Int32Array(classCount);
  let count = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, options.random);
    for (const index of order) {
      const vector = data.vectors[index] as SparseVector;
      scoreInto(acc.weights, acc.bias, vector, scores);
      softmaxInPlace(scores);
      const weight = data.sampleWeights[index] as number;
      const label = data.labels[index] as number;
      // The gradient of cross-entropy is p − y; for a neutral text y is uniform.
      if (label === NEUTRAL)
        for (let k = 0; k < classCount; k++) scores[k] = (scores[k] as number) - 1 / classCount;
      else scores[label] = (scores[label] as number) - 1;
      for (let k = 0; k < classCount; k++) scores[k] = (scores[k] as number) * weight;
      step(acc, vector, scores, active, options.learningRate, count);
      count++;
    }
  }
  return average(acc, classCount, hashBits, count);
}

function average(acc: Accumulators, classCount: number, hashBits: number, count: number): LinearWeights {
  const weights = new Float32Array(acc.weights.length);
  for (let i = 0; i < weights.length; i++) {
    weights[i] = (acc.weights[i] as number) - (acc.weightSteps[i] as number) / count;
  }
  const bias = new Float32Array(classCount);
  for (let k = 0; k < classCount; k++)
    bias[k] = (acc.bias[k] as number) - (acc.biasSteps[k] as number) / count;
  return { classCount, hashBits, weights, bias };
}
