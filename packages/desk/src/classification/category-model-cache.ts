import type { ClassifierModel } from './classifier-model.ts';
import type { ClassifierCategory } from './classify.ts';
import { type Correction, trainCategoryModel } from './corrections.ts';

/**
 * What the cache reads of a workspace's corrections. Corrections are only
 * added, so their count changes exactly when the model must learn something new.
 */
export interface CorrectionSource {
  count(): Promise<number>;
  list(): Promise<readonly Correction[]>;
}

interface CachedModel {
  corrections: number;
  model: ClassifierModel | undefined;
}

/** Distinct (workspace, category set) models kept; the oldest goes first. */
const MODEL_CACHE_LIMIT = 50;

/** The key of a node's categories: the same keywords and examples train the same model. */
export function categorySetKey(categories: readonly ClassifierCategory[]): string {
  return JSON.stringify(categories.map((c) => [c.id, c.keywords ?? [], c.examples ?? []]));
}

/**
 * Models of a Classify node's categories trained with the workspace's
 * corrections, one per (workspace, category set), kept with the correction
 * count they were trained from. A request costs one count; the model is
 * retrained only after a correction was added (in any process: the count
 * lives in the store).
 */
export class CategoryModelCache {
  private readonly entries = new Map<string, CachedModel>();
  /** How many times a model was trained, for tests and metrics. */
  trainings = 0;

  async modelFor(
    workspaceId: string,
    categories: readonly ClassifierCategory[],
    source: CorrectionSource,
  ): Promise<ClassifierModel | undefined> {
    const key = `${workspaceId}\u0000${categorySetKey(categories)}`;
    const corrections = await source.count();
    const cached = this.entries.get(key);
    if (cached && cached.corrections === corrections) return cached.model;
    const model = trainCategoryModel(categories, [], corrections === 0 ? [] : await source.list());
    this.trainings += 1;
    this.entries.delete(key);
    if (this.entries.size >= MODEL_CACHE_LIMIT)
      this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { corrections, model });
    return model;
  }
}
