import type { FlowMoveDirection } from '../port/flow.types.ts';

interface Ordered {
  readonly id: string;
  readonly position: number;
  readonly createdAt: string;
}

/** The workspace's order: position, then creation (rows older than positions share 0), then id. */
export function orderFlows<T extends Ordered>(flows: readonly T[]): T[] {
  return [...flows].sort(
    (a, b) =>
      a.position - b.position ||
      a.createdAt.localeCompare(b.createdAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The positions to write so that `id` trades places with its neighbour: every
 * flow numbered 0, 1, 2… in the new order, listing only those whose number
 * changes. Null when there is no neighbour that way (or no such flow).
 */
export function swapWithNeighbour(
  ordered: readonly Ordered[],
  id: string,
  direction: FlowMoveDirection,
): Array<{ id: string; position: number }> | null {
  const index = ordered.findIndex((flow) => flow.id === id);
  const other = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= ordered.length) return null;
  const next = [...ordered];
  [next[index], next[other]] = [next[other] as Ordered, next[index] as Ordered];
  return next.flatMap((flow, position) => (flow.position === position ? [] : [{ id: flow.id, position }]));
}
