import { type ClassifierModel, predict, type TrainingExample } from './classifier-model.ts';
import { type KeywordCategory, matchKeywords } from './keyword-rules.ts';

/** A category as the Classify node configures it (the catalog's shape; `label` is not needed here). */
export interface ClassifierCategory extends KeywordCategory {
  readonly examples?: readonly string[];
}

export interface ClassifyOptions {
  readonly categories: readonly ClassifierCategory[];
  /** The workspace's trained model; without one only keywords can decide. */
  readonly model?: ClassifierModel;
  /** Below this confidence the request goes to a person. Default 0.7. */
  readonly threshold?: number;
}

export interface ScoredCategory {
  readonly category: string;
  readonly confidence: number;
}

export type ClassificationResult =
  /** Exactly one category's keywords matched. */
  | {
      readonly source: 'keyword';
      readonly category: string;
      readonly confidence: 1;
      readonly lowConfidence: false;
      readonly alternatives: readonly ScoredCategory[];
    }
  /** The model decided; `keywordConflict` lists the categories whose keywords all matched, if several did. */
  | {
      readonly source: 'model';
      readonly category: string;
      readonly confidence: number;
      readonly lowConfidence: boolean;
      /** The three most likely categories, best first (the first is `category`). */
      readonly alternatives: readonly ScoredCategory[];
      readonly keywordConflict?: readonly string[];
    }
  /** Nothing could decide: no keyword, and no model that knows these categories. */
  | {
      readonly source: 'none';
      readonly category: null;
      readonly confidence: 0;
      readonly lowConfidence: true;
      readonly alternatives: readonly ScoredCategory[];
      readonly keywordConflict?: readonly string[];
    };

export const DEFAULT_THRESHOLD = 0.7;
const ALTERNATIVES = 3;

/**
 * Keywords first, then the model. The model's probabilities are restricted to
 * the node's categories and renormalised, so a model trained on more labels than
 * this node offers still answers with one of its ports.
 */
export function classify(text: string, options: ClassifyOptions): ClassificationResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const hits = matchKeywords(text, options.categories);
  if (hits.length === 1) {
    const category = hits[0] as string;
    return {
      source: 'keyword',
      category,
      confidence: 1,
      lowConfidence: false,
      alternatives: [{ category, confidence: 1 }],
    };
  }
  const conflict = hits.length > 1 ? { keywordConflict: hits } : {};
  const ranked = options.model ? rankCategories(options.model, text, options.categories) : [];
  const best = ranked[0];
  if (!best) {
    return {
      source: 'none',
      category: null,
      confidence: 0,
      lowConfidence: true,
      alternatives: [],
      ...conflict,
    };
  }
  return {
    source: 'model',
    category: best.category,
    confidence: best.confidence,
    lowConfidence: best.confidence < threshold,
    alternatives: ranked.slice(0, ALTERNATIVES),
    ...conflict,
  };
}

function rankCategories(
  model: ClassifierModel,
  text: string,
  categories: readonly ClassifierCategory[],
): ScoredCategory[] {
  const allowed = new Set(categories.map((category) => category.id));
  const known = predict(model, text).filter((entry) => allowed.has(entry.label));
  const total = known.reduce((sum, entry) => sum + entry.probability, 0);
  if (total <= 0) return [];
  return known.map((entry) => ({ category: entry.label, confidence: entry.probability / total }));
}

/** The categories' own example phrases as training examples. */
export function categoryExamples(categories: readonly ClassifierCategory[]): TrainingExample[] {
  return categories.flatMap((category) =>
    (category.examples ?? []).map((example) => ({ text: example, label: category.id })),
  );
}
