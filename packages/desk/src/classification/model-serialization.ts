import { z } from 'zod';
import { decodeFloat32, decodeUint32, encodeFloat32, encodeUint32 } from './binary-encoding.ts';
import { type ClassificationProblem, problem } from './classification-problem.ts';
import type { ClassifierModel } from './classifier-model.ts';

/*
 * A model as JSON-able data for the store. Only buckets some training text
 * touched are written (`rows`), so a workspace with a few hundred examples
 * stores kilobytes, not the whole hash table. `version` changes whenever the
 * features or the layout change; an old model is then retrained, not misread.
 */

export const MODEL_FORMAT = 'flowdesk-classifier';
export const MODEL_FORMAT_VERSION = 1;

const SerializedModelSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_FORMAT_VERSION),
  labels: z.array(z.string()).min(1),
  features: z.strictObject({
    hashBits: z.number().int().min(8).max(24),
    charNgramMin: z.number().int().min(1).max(10).optional(),
    charNgramMax: z.number().int().min(1).max(10).optional(),
    wordBigrams: z.boolean().optional(),
    synonyms: z.boolean().optional(),
  }),
  temperature: z.number().positive(),
  calibrated: z.boolean(),
  exampleCount: z.number().int().nonnegative(),
  bias: z.array(z.number()),
  /** Bucket numbers with any non-zero weight, base64 of little-endian uint32. */
  rows: z.string(),
  /** rows × labels weights, row-major, base64 of little-endian float32. */
  weights: z.string(),
});
export type SerializedModel = z.infer<typeof SerializedModelSchema>;

export type ModelLoad =
  | { readonly ok: true; readonly model: ClassifierModel }
  | { readonly ok: false; readonly problem: ClassificationProblem };

export function serializeModel(model: ClassifierModel): SerializedModel {
  const classes = model.labels.length;
  const rows: number[] = [];
  const packed: number[] = [];
  const { weights } = model.linear;
  for (let row = 0; row * classes < weights.length; row++) {
    const start = row * classes;
    let used = false;
    for (let k = 0; k < classes; k++) used ||= weights[start + k] !== 0;
    if (!used) continue;
    rows.push(row);
    for (let k = 0; k < classes; k++) packed.push(weights[start + k] as number);
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    labels: [...model.labels],
    features: { ...model.features },
    temperature: model.temperature,
    calibrated: model.calibrated,
    exampleCount: model.exampleCount,
    bias: Array.from(model.linear.bias),
    rows: encodeUint32(rows),
    weights: encodeFloat32(packed),
  };
}

function malformed(detail: string): ModelLoad {
  return { ok: false, problem: problem('model.malformed', { detail }) };
}

export function loadModel(json: unknown): ModelLoad {
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== MODEL_FORMAT_VERSION) {
    return { ok: false, problem: problem('model.unsupported_version', { version }) };
  }
  const parsed = SerializedModelSchema.safeParse(json);
  if (!parsed.success) return malformed(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  const data = parsed.data;
  const classes = data.labels.length;
  const rows = decodeUint32(data.rows);
  const packed = decodeFloat32(data.weights);
  if (!rows || !packed || packed.length !== rows.length * classes || data.bias.length !== classes) {
    return malformed('weights');
  }
  const buckets = 2 ** data.features.hashBits;
  const weights = new Float32Array(buckets * classes);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as number;
    if (row >= buckets) return malformed('rows');
    weights.set(packed.subarray(r * classes, (r + 1) * classes), row * classes);
  }
  return {
    ok: true,
    model: {
      labels: data.labels,
      features: data.features,
      linear: {
        classCount: classes,
        hashBits: data.features.hashBits,
        weights,
        bias: Float32Array.from(data.bias),
      },
      temperature: data.temperature,
      calibrated: data.calibrated,
      exampleCount: data.exampleCount,
    },
  };
}
