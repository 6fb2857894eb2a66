/**
 * The threshold what-if of a Classify step (issue 18, item 3): from the
 * classifications a flow made and what people later said about them, what
 * each confidence threshold would have done. Pure and deterministic: the
 * caller gathers the cases and the period, this only counts.
 */

/** What a person said about one classification, when anybody did. */
export type CaseVerdict =
  /** A person kept or chose the classified category (confirmed a parked ticket, or resolved it unchanged). */
  | 'right'
  /** A person changed the category to another one. */
  | 'wrong'
  /** Nobody looked at the category. */
  | null;

export interface ClassifiedCase {
  /** The category the step chose (its best guess, even when low); null when nothing could decide. */
  readonly category: string | null;
  readonly confidence: number;
  readonly verdict: CaseVerdict;
}

export interface WhatIfOptions {
  /** Length of the period the cases come from, in days (> 0): hand-offs per day divide by it. */
  readonly periodDays: number;
  /** Fewer checked cases above a threshold than this and its precision reads "not enough data". Default 5. */
  readonly minEvidence?: number;
}

export interface ThresholdPoint {
  /** 0, 0.01, … 1. */
  readonly threshold: number;
  /** Requests that would take the low-confidence port (to a person). */
  readonly handedOff: number;
  /** handedOff / all cases, 0..1. */
  readonly handedOffShare: number;
  /** Requests routed automatically (the rest). */
  readonly automatic: number;
  /** Checked cases (right or wrong) among the automatically routed ones: what the precision rests on. */
  readonly evidence: number;
  /** Of those, the ones whose category a person kept. */
  readonly right: number;
  /** right / evidence, or null below the minimum evidence ("not enough data"). */
  readonly precision: number | null;
  /** Hand-offs per day over the period. */
  readonly handedOffPerDay: number;
}

export interface ThresholdWhatIf {
  readonly cases: number;
  /** Cases a person checked (right or wrong), whatever their confidence. */
  readonly checked: number;
  readonly periodDays: number;
  readonly minEvidence: number;
  /** One point per hundredth, 0 to 1, in order. */
  readonly points: readonly ThresholdPoint[];
}

export const WHAT_IF_MIN_EVIDENCE = 5;
const STEPS = 100;

/** The same rule as the Classify step: below the threshold, or undecided, goes to a person. */
export const handedOffAt = (item: ClassifiedCase, threshold: number): boolean =>
  item.category === null || item.confidence < threshold;

function pointAt(
  cases: readonly ClassifiedCase[],
  threshold: number,
  periodDays: number,
  minEvidence: number,
): ThresholdPoint {
  let handedOff = 0;
  let evidence = 0;
  let right = 0;
  for (const item of cases) {
    if (handedOffAt(item, threshold)) {
      handedOff += 1;
    } else if (item.verdict !== null) {
      evidence += 1;
      if (item.verdict === 'right') right += 1;
    }
  }
  return {
    threshold,
    handedOff,
    handedOffShare: cases.length === 0 ? 0 : handedOff / cases.length,
    automatic: cases.length - handedOff,
    evidence,
    right,
    precision: evidence >= minEvidence && evidence > 0 ? right / evidence : null,
    handedOffPerDay: handedOff / periodDays,
  };
}

/** Every threshold from 0 to 1 in hundredths, over the same cases. */
export function thresholdWhatIf(cases: readonly ClassifiedCase[], options: WhatIfOptions): ThresholdWhatIf {
  if (!(options.periodDays > 0)) throw new RangeError('periodDays must be positive');
  const minEvidence = options.minEvidence ?? WHAT_IF_MIN_EVIDENCE;
  const points: ThresholdPoint[] = [];
  for (let step = 0; step <= STEPS; step += 1) {
    points.push(pointAt(cases, step / STEPS, options.periodDays, minEvidence));
  }
  return {
    cases: cases.length,
    checked: cases.filter((item) => item.verdict !== null).length,
    periodDays: options.periodDays,
    minEvidence,
    points,
  };
}
