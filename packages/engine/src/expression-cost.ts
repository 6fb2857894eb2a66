/**
 * An upper estimate of the work a CEL expression does on this step's data,
 * checked before it runs: cel-js limits the size of an expression, but not how
 * long its loops run nor how much text its string functions copy.
 *
 * The estimate follows sizes through the expression. A field of the data has
 * its real size (a 20,000-character message, a list of 3 tags); `split` makes
 * as many pieces as its text is long; `map` makes one element per iteration,
 * each as large as its body; `join` makes text as long as its list's elements
 * together. Then:
 * - a comprehension (`all`, `exists`, `exists_one`, `map`, `filter`) costs its
 *   body once per element of its receiver;
 * - a function or operator that reads or builds text or lists (`split`,
 *   `join`, `contains`, `+`, `==`…) costs the sizes it reads and writes;
 * - anything else costs one.
 * So `message.split("").map(x, message.split(""))` on a long message costs
 * its length squared and is refused, while `customer.tags.exists(t, t == "vip")`
 * costs a few units per tag, however long the message is.
 */

interface Node {
  readonly op: string;
  readonly args: unknown;
}

/** How many elements (or characters) a value has, and how large its largest element is. */
interface Size {
  readonly length: number;
  readonly element: number;
}

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
/** Functions and operators whose work grows with the text or list they touch. */
const LINEAR_CALLS = new Set([
  'split',
  'join',
  'contains',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'substring',
  'lowerAscii',
  'upperAscii',
  'trim',
  'replace',
  'matches',
  'size',
]);
const LINEAR_OPERATORS = new Set(['+', '==', '!=', 'in', '<', '<=', '>', '>=']);
/** Calls whose result is as large as their receiver. */
const SAME_SIZE_CALLS = new Set(['lowerAscii', 'upperAscii', 'trim', 'substring', 'replace', 'filter']);

const ONE: Size = { length: 1, element: 1 };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

/** The size of a value from the data, measured. */
export function measure(value: unknown): Size {
  if (typeof value === 'string') return { length: Math.max(value.length, 1), element: 1 };
  if (value === null || typeof value !== 'object') return ONE;
  const items = Array.isArray(value) ? value : Object.values(value);
  const element = items.reduce<number>((largest, item) => Math.max(largest, measure(item).length), 1);
  return { length: Math.max(items.length, 1), element };
}

interface Scope {
  readonly data: Readonly<Record<string, unknown>>;
  /** Comprehension variables in scope, with the size of one element. */
  readonly variables: ReadonlyMap<string, Size>;
  /** Used where nothing better is known: the largest collection in the data. */
  readonly unknown: Size;
}

/** The data a field path (`request.message`, `customer["tags"]`) points at, if it is one. */
function resolvePath(node: Node, scope: Scope): { found: boolean; value?: unknown } {
  if (node.op === 'id' && typeof node.args === 'string') {
    if (scope.variables.has(node.args)) return { found: false };
    return { found: true, value: scope.data[node.args] };
  }
  if ((node.op === '.' || node.op === '[]') && Array.isArray(node.args)) {
    const [object, key] = node.args as [unknown, unknown];
    const name = isNode(key) ? (key.op === 'value' ? key.args : undefined) : key;
    if (!isNode(object) || (typeof name !== 'string' && typeof name !== 'bigint')) return { found: false };
    const parent = resolvePath(object, scope);
    if (!parent.found) return { found: false };
    if (parent.value === null || typeof parent.value !== 'object') return { found: true, value: undefined };
    return { found: true, value: (parent.value as Record<string, unknown>)[String(name)] };
  }
  return { found: false };
}

function callParts(node: Node): { name: string; receiver: Node | undefined; args: Node[] } | undefined {
  if (node.op !== 'rcall' || !Array.isArray(node.args)) return undefined;
  const [name, receiver, args] = node.args as [unknown, unknown, unknown];
  if (typeof name !== 'string') return undefined;
  return {
    name,
    receiver: isNode(receiver) ? receiver : undefined,
    args: Array.isArray(args) ? args.filter(isNode) : [],
  };
}

function childNodes(node: Node): Node[] {
  if (isNode(node.args)) return [node.args];
  if (!Array.isArray(node.args)) return [];
  return node.args.flatMap((arg) => (isNode(arg) ? [arg] : Array.isArray(arg) ? arg.filter(isNode) : []));
}

/** The comprehension's variable and body, and the scope the body runs in. */
function loopBody(call: { receiver: Node | undefined; args: Node[] }, scope: Scope) {
  const [variable, ...rest] = call.args;
  const body = rest.at(-1);
  const receiver = call.receiver ? sizeOf(call.receiver, scope) : scope.unknown;
  const name = variable?.op === 'id' && typeof variable.args === 'string' ? variable.args : undefined;
  const variables = new Map(scope.variables);
  if (name) variables.set(name, { length: receiver.element, element: receiver.element });
  return { receiver, body, inner: { ...scope, variables } satisfies Scope };
}

function sizeOf(node: Node, scope: Scope): Size {
  if (node.op === 'value') return typeof node.args === 'string' ? measure(node.args) : ONE;
  if (node.op === 'list' && Array.isArray(node.args)) {
    const items = node.args.filter(isNode).map((item) => sizeOf(item, scope).length);
    return { length: Math.max(items.length, 1), element: Math.max(1, ...items) };
  }
  if (node.op === 'id' && typeof node.args === 'string' && scope.variables.has(node.args)) {
    return scope.variables.get(node.args) as Size;
  }
  const path = resolvePath(node, scope);
  if (path.found) return measure(path.value);
  if (node.op === '+' && Array.isArray(node.args)) {
    const [left, right] = node.args.filter(isNode).map((side) => sizeOf(side, scope));
    return {
      length: (left?.length ?? 1) + (right?.length ?? 1),
      element: Math.max(left?.element ?? 1, right?.element ?? 1),
    };
  }
  const call = callParts(node);
  if (!call) return node.op === '.' || node.op === '[]' ? scope.unknown : ONE;
  const receiver = call.receiver ? sizeOf(call.receiver, scope) : scope.unknown;
  if (call.name === 'split') return { length: receiver.length, element: receiver.length };
  if (call.name === 'join') return { length: receiver.length * receiver.element, element: 1 };
  if (call.name === 'map') {
    const { receiver: list, body, inner } = loopBody(call, scope);
    return { length: list.length, element: body ? sizeOf(body, inner).length : 1 };
  }
  if (SAME_SIZE_CALLS.has(call.name)) return receiver;
  return ONE;
}

function costOf(node: Node, scope: Scope): number {
  const call = callParts(node);
  if (call && COMPREHENSIONS.has(call.name)) {
    const { receiver, body, inner } = loopBody(call, scope);
    const receiverCost = call.receiver ? costOf(call.receiver, scope) : 1;
    return 1 + receiverCost + receiver.length * (1 + (body ? costOf(body, inner) : 0));
  }
  const children = childNodes(node).reduce((sum, child) => sum + costOf(child, scope), 0);
  const linear = call ? LINEAR_CALLS.has(call.name) : LINEAR_OPERATORS.has(node.op);
  if (!linear) return 1 + children;
  const read = [call?.receiver, ...(call ? call.args : childNodes(node))]
    .filter(isNode)
    .reduce((sum, input) => sum + sizeOf(input, scope).length, 0);
  return 1 + children + read + sizeOf(node, scope).length;
}

/** The largest list, map or text anywhere in a value. */
function largestCollection(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  const inner = Array.isArray(value) ? value : Object.values(value);
  return inner.reduce<number>((largest, item) => Math.max(largest, largestCollection(item)), inner.length);
}

/** The estimated work of `node` on `data` (the CEL context: request, customer, ticket…). */
export function estimateExpressionCost(node: Node, data: Readonly<Record<string, unknown>>): number {
  const largest = Math.max(largestCollection(data), 1);
  return costOf(node, { data, variables: new Map(), unknown: { length: largest, element: largest } });
}
