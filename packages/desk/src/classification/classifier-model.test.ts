import { describe, expect, it } from 'vitest';
import { TINY_ENGLISH, zhSample } from './classification-test-kit.ts';
import { defaultEpochs, predict, trainModel } from './classifier-model.ts';
import { examplesWithCorrections, retrainWithCorrections } from './corrections.ts';
import { loadModel, MODEL_FORMAT_VERSION, serializeModel } from './model-serialization.ts';

const PROBES = ['where is my parcel now', 'I need a refund', 'forgot password', '退款', 'hello'];

describe('trainModel', () => {
  it('learns the intents of a small set', () => {
    const model = trainModel(TINY_ENGLISH);
    expect(predict(model, 'my package has not arrived')[0]?.label).toBe('delivery');
    expect(predict(model, 'refund me please')[0]?.label).toBe('refund');
    expect(predict(model, 'reset the password of my account')[0]?.label).toBe('account');
    expect(model.calibrated).toBe(true);
  });

  it('gives the same model for the same seed and data', () => {
    const first = trainModel(TINY_ENGLISH, { seed: 11 });
    const second = trainModel(TINY_ENGLISH, { seed: 11 });
    expect(second.temperature).toBe(first.temperature);
    expect(Buffer.from(second.linear.weights.buffer).equals(Buffer.from(first.linear.weights.buffer))).toBe(
      true,
    );
    for (const probe of PROBES) expect(predict(second, probe)).toEqual(predict(first, probe));
    const other = trainModel(TINY_ENGLISH, { seed: 12 });
    expect(Buffer.from(other.linear.weights.buffer).equals(Buffer.from(first.linear.weights.buffer))).toBe(
      false,
    );
  });

  it('classifies Chinese requests from the Chinese sample', () => {
    const model = trainModel(zhSample());
    expect(predict(model, '我的包裹怎么还没到')[0]?.label).toBe('order_status');
    expect(predict(model, '发票抬头开错了')[0]?.label).toBe('invoice');
    expect(predict(model, '东西坏了我要退货')[0]?.label).toBe('returns');
  });

  it('leaves a model uncalibrated when there is too little data to fit a temperature', () => {
    const model = trainModel(TINY_ENGLISH.slice(0, 10));
    expect(model.calibrated).toBe(false);
    expect(model.temperature).toBe(1);
  });

  it('runs more passes over small sets than over large ones', () => {
    expect(defaultEpochs(150)).toBe(20);
    expect(defaultEpochs(6540)).toBe(4);
  });
});

describe('serializeModel / loadModel', () => {
  it('round-trips through JSON to a model with identical predictions', () => {
    const model = trainModel(zhSample(), { seed: 3 });
    const json = JSON.parse(JSON.stringify(serializeModel(model)));
    const loaded = loadModel(json);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    for (const probe of [...PROBES, '快递到哪了', '我要投诉客服']) {
      expect(predict(loaded.model, probe)).toEqual(predict(model, probe));
    }
  });

  it('refuses another format version and damaged data with a translated reason', () => {
    const json = serializeModel(trainModel(TINY_ENGLISH));
    const newer = loadModel({ ...json, version: MODEL_FORMAT_VERSION + 1 });
    expect(newer.ok).toBe(false);
    if (!newer.ok) {
      expect(newer.problem.code).toBe('model.unsupported_version');
      expect(newer.problem.message['zh-CN']).toContain('重新训练');
    }
    const damaged = loadModel({ ...json, weights: json.weights.slice(0, 12) });
    expect(damaged.ok || damaged.problem.code).toBe('model.malformed');
    expect(loadModel(null).ok).toBe(false);
    expect(loadModel({ ...json, labels: [] }).ok).toBe(false);
  });
});

describe('corrections', () => {
  it('add weighted examples of the right label and drop the base example with the same text', () => {
    const base = [
      { text: 'Box arrived crushed', label: 'delivery' },
      { text: 'other', label: 'refund' },
    ];
    const corrections = [{ text: 'box arrived crushed', wrongLabel: 'delivery', rightLabel: 'refund' }];
    expect(examplesWithCorrections(base, corrections, 4)).toEqual([
      { text: 'other', label: 'refund' },
      { text: 'box arrived crushed', label: 'refund', weight: 4 },
    ]);
  });

  it('change what the retrained model predicts', () => {
    const text = 'the parcel arrived broken';
    const before = predict(trainModel(TINY_ENGLISH), text)[0]?.label;
    expect(before).toBe('delivery');
    const corrections = [
      { text, wrongLabel: 'delivery', rightLabel: 'refund' },
      { text: 'item arrived broken', wrongLabel: 'delivery', rightLabel: 'refund' },
    ];
    const after = retrainWithCorrections(TINY_ENGLISH, corrections);
    expect(predict(after, text)[0]?.label).toBe('refund');
    // The rest of what it knew still holds.
    expect(predict(after, 'forgot my password')[0]?.label).toBe('account');
  });
});
