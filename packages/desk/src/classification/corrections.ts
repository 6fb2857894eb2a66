import {
  type ClassifierModel,
  type TrainingExample,
  type TrainOptions,
  trainModel,
} from './classifier-model.ts';
import { type ClassifierCategory, categoryExamples } from './classify.ts';
import { NEUTRAL_TEXTS } from './neutral-texts.ts';
import { normalizeText } from './tokenizer.ts';

/** An agent moved a request from the category the classifier chose to the right one. */
export interface Correction {
  readonly text: string;
  /** Null when nothing had decided (a ticket parked for a person to choose). */
  readonly wrongLabel: string | null;
  readonly rightLabel: string;
}

export interface CorrectionOptions extends TrainOptions {
  /** How much a correction counts against an ordinary example. Default 3: a person checked it. */
  readonly correctionWeight?: number;
}

export const DEFAULT_CORRECTION_WEIGHT = 3;

/**
 * The base examples plus each correction as a weighted example of its right
 * label. A base example with the same text is dropped: it usually is the
 * classifier's own wrong guess, recorded before the agent fixed it. The latest
 * correction of a text wins.
 */
export function examplesWithCorrections(
  base: readonly TrainingExample[],
  corrections: readonly Correction[],
  weight = DEFAULT_CORRECTION_WEIGHT,
): TrainingExample[] {
  const latest = new Map<string, Correction>();
  for (const correction of corrections) latest.set(normalizeText(correction.text).trim(), correction);
  const kept = base.filter((example) => !latest.has(normalizeText(example.text).trim()));
  const added = [...latest.values()].map((correction) => ({
    text: correction.text,
    label: correction.rightLabel,
    weight,
  }));
  return [...kept, ...added];
}

export function retrainWithCorrections(
  base: readonly TrainingExample[],
  corrections: readonly Correction[],
  options: CorrectionOptions = {},
): ClassifierModel {
  return trainModel(examplesWithCorrections(base, corrections, options.correctionWeight), options);
}

/**
 * The model a Classify node uses: the workspace's labelled requests and
 * corrections plus the categories' example phrases, restricted to the node's
 * categories. Undefined when fewer than two categories have any example, since
 * a one-class model would be sure of everything. Greetings and fillers
 * (NEUTRAL_TEXTS) are learnt as belonging to none of them.
 */
export function trainCategoryModel(
  categories: readonly ClassifierCategory[],
  labelled: readonly TrainingExample[],
  corrections: readonly Correction[],
  options: CorrectionOptions = {},
): ClassifierModel | undefined {
  const ids = new Set(categories.map((category) => category.id));
  const examples = examplesWithCorrections(
    [...labelled, ...categoryExamples(categories)],
    corrections,
    options.correctionWeight,
  ).filter((example) => ids.has(example.label));
  if (new Set(examples.map((example) => example.label)).size < 2) return undefined;
  return trainModel(examples, { neutralTexts: NEUTRAL_TEXTS, ...options });
}
