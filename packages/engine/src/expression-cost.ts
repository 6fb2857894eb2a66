/**
 * An upper estimate of the work a CEL expression does, checked before it runs
 * (cel-js limits the size of an expression but not how long its loops run).
 * Every node costs one; a comprehension (`all`, `exists`, `exists_one`, `map`,
 * `filter`) costs its body once per element, where a list literal has its own
 * length and any other collection counts as `collectionBound`, the largest
 * list, map or text in the data (a text can be split into that many items).
 */
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

interface Node {
  readonly op: string;
  readonly args: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

function childrenCost(value: unknown, bound: number): number {
  if (isNode(value)) return estimateExpressionCost(value, bound);
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + childrenCost(item, bound), 0);
  return 0;
}

export function estimateExpressionCost(node: Node, collectionBound: number): number {
  if (node.op === 'rcall' && Array.isArray(node.args)) {
    const [name, receiver, args] = node.args as [unknown, unknown, unknown];
    if (typeof name === 'string' && COMPREHENSIONS.has(name) && Array.isArray(args)) {
      const receiverNode = isNode(receiver) ? receiver : undefined;
      const iterations =
        receiverNode?.op === 'list' && Array.isArray(receiverNode.args)
          ? receiverNode.args.length
          : collectionBound;
      return (
        1 + childrenCost(receiver, collectionBound) + iterations * (1 + childrenCost(args, collectionBound))
      );
    }
  }
  return 1 + childrenCost(node.args, collectionBound);
}

/** The largest list, map or text in a value, for `estimateExpressionCost`. */
export function largestCollection(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  const inner = Array.isArray(value) ? value : Object.values(value);
  return inner.reduce<number>((largest, item) => Math.max(largest, largestCollection(item)), inner.length);
}
