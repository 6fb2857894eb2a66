import type { ClassifierModel, TrainingExample } from './classifier-model.ts';
import type { ClassifierCategory } from './classify.ts';
import { type Correction, type CorrectionOptions, trainCategoryModel } from './corrections.ts';
import { type SerializedModel, serializeModel } from './model-serialization.ts';

/**
 * What retraining needs from storage, kept as a port so classification stays
 * free of any database: the desk implements it over the store.
 */
export interface ClassifierTrainingSource {
  /** Requests of the workspace whose category a person set or confirmed. */
  labelledExamples(workspaceId: string): Promise<readonly TrainingExample[]>;
  /** Agents' corrections of the classifier, oldest first (the latest per text wins). */
  corrections(workspaceId: string): Promise<readonly Correction[]>;
  /** Keeps the retrained model; `key` tells models of different category sets apart. */
  saveModel(workspaceId: string, key: string, model: SerializedModel): Promise<void>;
}

/** Categories' ids, sorted: a Classify node with the same categories shares the model. */
export function modelKey(categories: readonly ClassifierCategory[]): string {
  return categories
    .map((category) => category.id)
    .sort()
    .join('|');
}

/** Retrains a workspace's model for one set of categories and saves it; undefined if there is too little data. */
export async function retrainWorkspaceModel(
  source: ClassifierTrainingSource,
  workspaceId: string,
  categories: readonly ClassifierCategory[],
  options: CorrectionOptions = {},
): Promise<ClassifierModel | undefined> {
  const [labelled, corrections] = await Promise.all([
    source.labelledExamples(workspaceId),
    source.corrections(workspaceId),
  ]);
  const model = trainCategoryModel(categories, labelled, corrections, options);
  if (model) await source.saveModel(workspaceId, modelKey(categories), serializeModel(model));
  return model;
}
