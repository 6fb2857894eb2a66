import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  classify,
  evaluateCategories,
  readLabelledCsv,
  type TrainingExample,
  trainCategoryModel,
} from '@flowdesk/desk';
import { describe, expect, it } from 'vitest';
import { readClassifyStep } from '../cli/commands/classify-step.ts';
import { TEMPLATES_DIR } from './template-loader.ts';

/*
 * Each template's Classify step against hand-written Chinese paraphrases it was
 * never trained on and that avoid its keywords (templates/<id>/eval/SOURCE.md).
 * A quality floor, not a timing: at the step's own threshold, at least 80 % of
 * requests must be routed without a person, and 90 % of those correctly.
 */
const STEPS = [
  { template: 'retail', flow: 'flows/intake.flow.json', node: 'what' },
  { template: 'manufacturing', flow: 'flows/repair-intake.flow.json', node: 'fault' },
];

function evaluationSet(template: string): readonly TrainingExample[] {
  const read = readLabelledCsv(
    readFileSync(join(TEMPLATES_DIR, template, 'eval/zh-paraphrases.csv'), 'utf8'),
  );
  if (!read.ok) throw new Error(`${template}: ${read.problem.message.en}`);
  return read.examples;
}

describe.each(STEPS)('the $template Classify step on Chinese paraphrases', ({ template, flow, node }) => {
  it('routes at least 80 % of them at its threshold, at least 90 % of those correctly', async () => {
    const step = await readClassifyStep(join(TEMPLATES_DIR, template, flow), node, process.cwd());
    if (!step.ok) throw new Error(step.problem.message.en);
    const examples = evaluationSet(template);
    const evaluation = evaluateCategories(step.step.categories, examples, { threshold: step.step.threshold });
    if (!evaluation.ok) throw new Error(evaluation.problem.message.en);
    const { report } = evaluation;
    expect(step.step.threshold).toBe(0.7);
    expect(report.keywordShare, 'the set measures the model, not the keywords').toBe(0);
    expect(report.atThreshold.coverage).toBeGreaterThanOrEqual(0.8);
    expect(report.atThreshold.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves at least 4 in 5 requests that are none of its categories to a person', async () => {
    const step = await readClassifyStep(join(TEMPLATES_DIR, template, flow), node, process.cwd());
    if (!step.ok) throw new Error(step.problem.message.en);
    const { categories, threshold } = step.step;
    const model = trainCategoryModel(categories, [], []);
    const outOfScope = readFileSync(join(TEMPLATES_DIR, template, 'eval/zh-out-of-scope.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(outOfScope.length).toBeGreaterThanOrEqual(20);
    const routed = outOfScope.filter(
      (text) => !classify(text, { categories, model, threshold }).lowConfidence,
    );
    expect(routed.length / outOfScope.length, routed.join(' / ')).toBeLessThanOrEqual(0.2);
  });

  it('has at least 20 paraphrases of every category and no text the step trains on', async () => {
    const step = await readClassifyStep(join(TEMPLATES_DIR, template, flow), node, process.cwd());
    if (!step.ok) throw new Error(step.problem.message.en);
    const examples = evaluationSet(template);
    const trained = new Set(step.step.categories.flatMap((category) => category.examples ?? []));
    expect(examples.filter((example) => trained.has(example.text))).toEqual([]);
    for (const category of step.step.categories) {
      expect(
        examples.filter((example) => example.label === category.id).length,
        category.id,
      ).toBeGreaterThanOrEqual(20);
    }
  });
});

it('the paraphrase sets hold at least 300 requests together', () => {
  expect(STEPS.reduce((sum, { template }) => sum + evaluationSet(template).length, 0)).toBeGreaterThanOrEqual(
    300,
  );
});
