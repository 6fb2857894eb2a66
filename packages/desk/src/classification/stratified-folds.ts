import { type RandomSource, shuffleInPlace } from './seeded-random.ts';

/**
 * Assigns each example to one of `folds` folds so every class is spread evenly:
 * each class's examples are shuffled, then dealt round-robin, continuing where
 * the previous class stopped so fold sizes stay balanced too.
 */
export function stratifiedFolds(labels: readonly string[], folds: number, random: RandomSource): Int32Array {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, index) => {
    const members = byLabel.get(label);
    if (members) members.push(index);
    else byLabel.set(label, [index]);
  });
  const assignment = new Int32Array(labels.length);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const index of shuffleInPlace(byLabel.get(label) as number[], random)) {
      assignment[index] = next;
      next = (next + 1) % folds;
    }
  }
  return assignment;
}

/** Indices in and out of one fold. */
export function splitFold(assignment: Int32Array, fold: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  assignment.forEach((value, index) => {
    (value === fold ? test : train).push(index);
  });
  return { train, test };
}
