import { Environment } from '@marcbachmann/cel-js';
import { DATA_SOURCES, type FlowData } from './flow-data.schema.ts';

/**
 * The condition node's advanced mode: a CEL expression over the flow data
 * (`customer.vipLevel >= 3 && ticket.priority == "urgent"`). CEL is not
 * Turing-complete and has no clock or I/O, so evaluation is safe and
 * deterministic. Whole numbers in the data become CEL ints, so arithmetic such
 * as `customer.requestCount + 1 > 5` works as an admin expects.
 */
export type ExpressionResult =
  | { ok: true; value: boolean }
  | { ok: false; reason: 'not_boolean'; type: string }
  | { ok: false; reason: 'error'; detail: string };

const environment = new Environment({
  unlistedVariablesAreDyn: true,
  limits: { maxAstNodes: 2000, maxDepth: 50, maxListElements: 500, maxMapEntries: 500, maxCallArguments: 16 },
});

type Evaluator = (context: Record<string, unknown>) => unknown;
const PARSED = new Map<string, Evaluator>();

function parsed(expression: string): Evaluator {
  let evaluator = PARSED.get(expression);
  if (!evaluator) {
    evaluator = environment.parse(expression) as unknown as Evaluator;
    if (PARSED.size > 1000) PARSED.clear();
    PARSED.set(expression, evaluator);
  }
  return evaluator;
}

function toCel(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toCel(inner)]));
  }
  return value;
}

/** Every source is declared, empty when absent, so `has(ticket.id)` works before a ticket exists. */
function celContext(data: FlowData): Record<string, unknown> {
  return Object.fromEntries(DATA_SOURCES.map((source) => [source, toCel(data[source] ?? {})]));
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const summary = (error as { summary?: unknown }).summary;
    if (typeof summary === 'string' && summary) return summary;
    const messageText = (error as { message?: unknown }).message;
    if (typeof messageText === 'string') return messageText.split('\n')[0] ?? messageText;
  }
  return String(error);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'int';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

export function evaluateExpression(expression: string, data: FlowData): ExpressionResult {
  try {
    const value = parsed(expression)(celContext(data));
    if (typeof value !== 'boolean') return { ok: false, reason: 'not_boolean', type: typeName(value) };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, reason: 'error', detail: describeError(error) };
  }
}
