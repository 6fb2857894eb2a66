import { describe, expect, it } from 'vitest';
import type { TrainingExample } from './classifier-model.ts';
import { classify } from './classify.ts';
import type { Correction } from './corrections.ts';
import { loadModel, type SerializedModel } from './model-serialization.ts';
import { type ClassifierTrainingSource, modelKey, retrainWorkspaceModel } from './training-source.ts';

const CATEGORIES = [
  { id: 'order_status', examples: ['我的快递到哪了', '什么时候发货', '物流不更新'] },
  { id: 'invoice', examples: ['我要开发票', '发票抬头写错了', '电子发票在哪下载'] },
  { id: 'returns', keywords: ['退货'], examples: [] },
];

function memorySource(labelled: TrainingExample[], corrections: Correction[]) {
  const saved = new Map<string, SerializedModel>();
  const source: ClassifierTrainingSource = {
    labelledExamples: async () => labelled,
    corrections: async () => corrections,
    saveModel: async (workspaceId, key, model) => {
      saved.set(`${workspaceId}/${key}`, model);
    },
  };
  return { source, saved };
}

describe('retrainWorkspaceModel', () => {
  it('trains on labelled data, corrections and example phrases, and saves a loadable model', async () => {
    const { source, saved } = memorySource(
      [
        { text: '包裹三天没动了', label: 'order_status' },
        { text: '不在这些分类里', label: 'retired_category' },
      ],
      [{ text: '寄回的东西收到了吗', wrongLabel: 'order_status', rightLabel: 'returns' }],
    );
    const model = await retrainWorkspaceModel(source, 'ws1', CATEGORIES, { seed: 1 });
    expect(model?.labels).toEqual(['invoice', 'order_status', 'returns']);
    const stored = saved.get(`ws1/${modelKey(CATEGORIES)}`);
    const loaded = loadModel(JSON.parse(JSON.stringify(stored)));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const result = classify('请帮我开一张电子发票', {
      categories: CATEGORIES,
      model: loaded.model,
      threshold: 0,
    });
    expect(result).toMatchObject({ source: 'model', category: 'invoice' });
  });

  it('saves nothing while fewer than two categories have examples', async () => {
    const { source, saved } = memorySource([], []);
    const model = await retrainWorkspaceModel(source, 'ws1', [CATEGORIES[0] as (typeof CATEGORIES)[0]]);
    expect(model).toBeUndefined();
    expect(saved.size).toBe(0);
  });

  it('keys models by their sorted category ids', () => {
    expect(modelKey([{ id: 'b' }, { id: 'a' }])).toBe('a|b');
  });
});
