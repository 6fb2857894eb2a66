import { softmaxInPlace } from './softmax-regression.ts';

/*
 * Temperature scaling (Guo et al., 2017): one number T divides every score
 * before the softmax, chosen so held-out texts get the probabilities they
 * deserve. It keeps the ranking, so accuracy is unchanged, and one parameter
 * cannot overfit a small workspace's data the way isotonic regression can.
 */

const MIN_INVERSE = 0.02;
const MAX_INVERSE = 50;
const ITERATIONS = 40;

/**
 * Mean negative log-likelihood of the true classes at inverse temperature `beta`;
 * a negative label (a text of no class) scores its cross-entropy against equal probabilities.
 */
function negativeLogLikelihood(
  scores: readonly Float64Array[],
  labels: ArrayLike<number>,
  beta: number,
): number {
  let total = 0;
  const buffer = new Float64Array(scores[0]?.length ?? 0);
  scores.forEach((row, index) => {
    buffer.set(row);
    softmaxInPlace(buffer, 1 / beta);
    const label = labels[index] as number;
    if (label >= 0) total -= Math.log(Math.max(buffer[label] as number, 1e-12));
    else {
      // A text of no class: cross-entropy against equal probabilities.
      let sum = 0;
      for (const p of buffer) sum -= Math.log(Math.max(p, 1e-12));
      total += sum / buffer.length;
    }
  });
  return total / Math.max(scores.length, 1);
}

/**
 * The temperature that minimises held-out log loss. The loss is convex in 1/T,
 * so a golden-section search over 1/T finds the optimum without gradients.
 */
export function fitTemperature(scores: readonly Float64Array[], labels: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = MIN_INVERSE;
  let high = MAX_INVERSE;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = negativeLogLikelihood(scores, labels, a);
  let lossB = negativeLogLikelihood(scores, labels, b);
  for (let i = 0; i < ITERATIONS; i++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = negativeLogLikelihood(scores, labels, a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = negativeLogLikelihood(scores, labels, b);
    }
  }
  return 1 / ((low + high) / 2);
}
