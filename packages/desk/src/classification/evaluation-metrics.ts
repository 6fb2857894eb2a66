/*
 * Figures of a classifier over held-out predictions. ECE (expected calibration
 * error) bins predictions by confidence and averages |accuracy − confidence|
 * weighted by bin size: 0.02 means a "90 %" answer is right about 88–92 % of
 * the time, which is what lets a threshold mean what it says.
 */

export interface HeldOutPrediction {
  readonly truth: string;
  readonly predicted: string;
  readonly confidence: number;
}

export interface ClassFigures {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Held-out texts with this label. */
  readonly support: number;
}

export interface ThresholdFigures {
  readonly threshold: number;
  /** Share of texts answered with confidence ≥ threshold. */
  readonly coverage: number;
  /** Accuracy among those; null when none reaches the threshold. */
  readonly accuracy: number | null;
}

export const CALIBRATION_BINS = 10;

export function accuracyOf(predictions: readonly HeldOutPrediction[]): number {
  if (predictions.length === 0) return 0;
  return predictions.filter((p) => p.truth === p.predicted).length / predictions.length;
}

export function perClassFigures(predictions: readonly HeldOutPrediction[]): ClassFigures[] {
  const labels = [...new Set(predictions.map((p) => p.truth))].sort();
  return labels.map((label) => {
    let truePositive = 0;
    let predictedAs = 0;
    let support = 0;
    for (const p of predictions) {
      if (p.predicted === label) predictedAs++;
      if (p.truth === label) support++;
      if (p.truth === label && p.predicted === label) truePositive++;
    }
    const precision = predictedAs === 0 ? 0 : truePositive / predictedAs;
    const recall = support === 0 ? 0 : truePositive / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
}

/** Unweighted mean of the per-class F1, so small classes count as much as large ones. */
export function macroF1(figures: readonly ClassFigures[]): number {
  if (figures.length === 0) return 0;
  return figures.reduce((sum, figure) => sum + figure.f1, 0) / figures.length;
}

export function expectedCalibrationError(
  predictions: readonly HeldOutPrediction[],
  bins = CALIBRATION_BINS,
): number {
  if (predictions.length === 0) return 0;
  const count = new Array<number>(bins).fill(0);
  const correct = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  for (const p of predictions) {
    const bin = Math.min(bins - 1, Math.floor(p.confidence * bins));
    count[bin] = (count[bin] as number) + 1;
    confidence[bin] = (confidence[bin] as number) + p.confidence;
    if (p.truth === p.predicted) correct[bin] = (correct[bin] as number) + 1;
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const n = count[bin] as number;
    if (n === 0) continue;
    error +=
      (n / predictions.length) * Math.abs((correct[bin] as number) / n - (confidence[bin] as number) / n);
  }
  return error;
}

export function thresholdFigures(
  predictions: readonly HeldOutPrediction[],
  threshold: number,
): ThresholdFigures {
  const confident = predictions.filter((p) => p.confidence >= threshold);
  return {
    threshold,
    coverage: predictions.length === 0 ? 0 : confident.length / predictions.length,
    accuracy: confident.length === 0 ? null : accuracyOf(confident),
  };
}
