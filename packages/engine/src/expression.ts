import { Environment } from '@marcbachmann/cel-js';
import { registerLinearMatches, withMatchBudget } from './cel-linear-matches.ts';
import {
  BudgetExceededError,
  createEvaluationBudget,
  EXPRESSION_COST_PER_STEP,
  PatternRefusedError,
} from './evaluation-budget.ts';
import { estimateExpressionCost } from './expression-cost.ts';
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
  | { ok: false; reason: 'error'; detail: string }
  | { ok: false; reason: 'budget'; what: BudgetExceededError['what'] }
  | { ok: false; reason: 'pattern'; pattern: string; refusal: PatternRefusedError['reason']; detail: string };

const environment = new Environment({
  unlistedVariablesAreDyn: true,
  limits: { maxAstNodes: 2000, maxDepth: 50, maxListElements: 500, maxMapEntries: 500, maxCallArguments: 16 },
});
registerLinearMatches(environment);

type Evaluator = ((context: Record<string, unknown>) => unknown) & {
  readonly ast: Parameters<typeof estimateExpressionCost>[0];
};
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

function refusal(error: unknown): ExpressionResult | undefined {
  if (error instanceof BudgetExceededError) return { ok: false, reason: 'budget', what: error.what };
  if (error instanceof PatternRefusedError) {
    return {
      ok: false,
      reason: 'pattern',
      pattern: error.pattern,
      refusal: error.reason,
      detail: error.detail,
    };
  }
  return undefined;
}

/**
 * Evaluates within the step's budget: an expression whose estimated cost is
 * over EXPRESSION_COST_PER_STEP does not run, and its pattern matches are
 * charged as the rule builder's are.
 */
export function evaluateExpression(expression: string, data: FlowData): ExpressionResult {
  try {
    const evaluator = parsed(expression);
    const context = celContext(data);
    if (estimateExpressionCost(evaluator.ast, context) > EXPRESSION_COST_PER_STEP) {
      return { ok: false, reason: 'budget', what: 'expression_cost' };
    }
    const value = withMatchBudget(createEvaluationBudget(), () => evaluator(context));
    if (typeof value !== 'boolean') return { ok: false, reason: 'not_boolean', type: typeName(value) };
    return { ok: true, value };
  } catch (error) {
    return refusal(error) ?? { ok: false, reason: 'error', detail: describeError(error) };
  }
}
