import { type TokenizerOptions, tokenize } from './tokenizer.ts';

/**
 * Features are hashed into a fixed number of buckets, so a model needs no
 * vocabulary to store and unseen words cost nothing. Counts become 1 + log(tf)
 * (a word said three times is not three times the evidence) and each vector has
 * unit length, so long and short messages weigh the same.
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export interface FeatureOptions extends TokenizerOptions {
  /** log2 of the number of buckets. */
  readonly hashBits: number;
}

/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function vectorize(text: string, options: FeatureOptions): SparseVector {
  const mask = (1 << options.hashBits) - 1;
  const counts = new Map<number, number>();
  for (const feature of tokenize(text, options)) {
    const bucket = hashFeature(feature) & mask;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const indices = new Int32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let at = 0;
  for (const [bucket, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    const weight = 1 + Math.log(count);
    indices[at] = bucket;
    values[at] = weight;
    norm += weight * weight;
    at++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * scale;
  return { indices, values };
}
