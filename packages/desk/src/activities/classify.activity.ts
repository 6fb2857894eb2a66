import { type ActivityResult, type FlowData, readField } from '@flowdesk/engine';
import type { ClassifierModel } from '../classification/classifier-model.ts';
import { type ClassifierCategory, classify } from '../classification/classify.ts';
import { trainCategoryModel } from '../classification/corrections.ts';
import type { ActivityHandler } from './activity.types.ts';

export interface ClassifyConfig {
  source: string;
  categories: (ClassifierCategory & { label: string })[];
  threshold: number;
}

/**
 * Models trained from a node's categories (their keywords and example phrases),
 * kept per distinct set of categories: training takes milliseconds for a
 * node's examples, but must not happen on every request.
 */
const MODEL_CACHE_LIMIT = 50;
const models = new Map<string, ClassifierModel | undefined>();

function modelFor(categories: readonly ClassifierCategory[]): ClassifierModel | undefined {
  const key = JSON.stringify(categories.map((c) => [c.id, c.keywords, c.examples]));
  if (models.has(key)) return models.get(key);
  const model = trainCategoryModel(categories, [], []);
  if (models.size >= MODEL_CACHE_LIMIT) models.delete(models.keys().next().value as string);
  models.set(key, model);
  return model;
}

/**
 * `logic.classify`: keyword rules first, then the model; below the node's
 * threshold (or when nothing decides) the request takes the low-confidence port
 * to human triage. The result is stored as `classification` for later steps
 * (create ticket parks an uncertain one as pending confirmation).
 */
/** The classification a `logic.classify` node makes of the data; pure, so dry runs use it too. */
export function classifyNode(config: ClassifyConfig, data: FlowData): ActivityResult {
  const value = readField(data, config.source);
  const result = classify(typeof value === 'string' ? value : '', {
    categories: config.categories,
    model: modelFor(config.categories),
    threshold: config.threshold,
  });
  const classification = {
    category: result.category,
    confidence: result.confidence,
    threshold: config.threshold,
    lowConfidence: result.lowConfidence,
    source: result.source,
    alternatives: result.alternatives.map((alternative) => ({ ...alternative })),
  };
  const port = result.lowConfidence || result.category === null ? 'low_confidence' : result.category;
  return { ok: true, port, output: { classification } };
}

export const classifyActivity: ActivityHandler = {
  mode: 'inline',
  async run(command) {
    return classifyNode(command.config as unknown as ClassifyConfig, command.input);
  },
};
