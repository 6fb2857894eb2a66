import { type ActivityResult, type FlowData, readField } from '@flowdesk/engine';
import type { NodeConfig } from '@flowdesk/model';
import { CategoryModelCache } from '../classification/category-model-cache.ts';
import type { ClassifierModel } from '../classification/classifier-model.ts';
import { type ClassifierCategory, classify } from '../classification/classify.ts';
import { trainCategoryModel } from '../classification/corrections.ts';
import { type DeskDeps, workspaceOf } from '../desk-deps.ts';
import type { ActivityModule, TypedActivityHandler } from './activity.types.ts';

export type ClassifyConfig = NodeConfig<'logic.classify'>;

/**
 * Models trained from a node's categories alone (their keywords and example
 * phrases), for dry runs, which have no store to read corrections from. Kept
 * per distinct set of categories: training takes milliseconds for a node's
 * examples, but must not happen on every request.
 */
const MODEL_CACHE_LIMIT = 50;
const baseModels = new Map<string, ClassifierModel | undefined>();

function baseModelFor(categories: readonly ClassifierCategory[]): ClassifierModel | undefined {
  const key = JSON.stringify(categories.map((c) => [c.id, c.keywords, c.examples]));
  if (baseModels.has(key)) return baseModels.get(key);
  const model = trainCategoryModel(categories, [], []);
  if (baseModels.size >= MODEL_CACHE_LIMIT) baseModels.delete(baseModels.keys().next().value as string);
  baseModels.set(key, model);
  return model;
}

/**
 * The classification a `logic.classify` node makes of the data: keyword rules
 * first, then the model; below the node's threshold (or when nothing decides)
 * the request takes the low-confidence port to human triage. The result is
 * stored as `classification` for later steps (create ticket parks an uncertain
 * one as pending confirmation). Pure, so dry runs use it too; without a model
 * it uses one trained from the node's categories alone.
 */
export function classifyNode(
  config: ClassifyConfig,
  data: FlowData,
  model: ClassifierModel | undefined = baseModelFor(config.categories),
): ActivityResult {
  const value = readField(data, config.source);
  const result = classify(typeof value === 'string' ? value : '', {
    categories: config.categories,
    model,
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

/** Models shared by every classify activity of the process unless a test brings its own. */
const sharedModels = new CategoryModelCache();

/**
 * `logic.classify` in a live run: the model also learns from the workspace's
 * classifier corrections (agents re-categorising tickets), read in the step's
 * transaction. It is retrained only when the correction count moved.
 */
export function classifyActivity(
  deps: DeskDeps,
  models = sharedModels,
): TypedActivityHandler<'logic.classify'> {
  return {
    mode: 'inline',
    async run(command, ctx) {
      const config = command.config;
      const workspaceId = workspaceOf(deps);
      const corrections = ctx.tx.classifierCorrections;
      const model = await models.modelFor(workspaceId, config.categories, {
        count: () => corrections.count(workspaceId),
        list: async () =>
          (await corrections.list(workspaceId)).map((correction) => ({
            text: correction.text,
            wrongLabel: correction.fromLabel,
            rightLabel: correction.toLabel,
          })),
      });
      return classifyNode(config, command.input, model);
    },
  };
}

/** A dry run classifies with the node's own categories, as a live run without corrections would. */
export const classifyModule: ActivityModule<'logic.classify', DeskDeps> = {
  type: 'logic.classify',
  handler: (deps) => classifyActivity(deps),
  simulate: (command) => classifyNode(command.config, command.input),
};
