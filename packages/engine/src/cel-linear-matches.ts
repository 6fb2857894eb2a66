import type { Environment } from '@marcbachmann/cel-js';
import { BudgetExceededError, type EvaluationBudget, matchWithinBudget } from './evaluation-budget.ts';

/**
 * CEL's `string.matches(pattern)` with RE2 semantics. cel-js's built-in runs
 * `new RegExp(pattern).test(text)`, a backtracking matcher with no limit, and it
 * cannot be replaced: registering `string.matches(string)` again is refused as
 * an overlapping overload. A receiver macro can be added beside it, though,
 * and cel-js expands macros while parsing by name and argument count alone,
 * whatever the receiver's type. So every `x.matches(p)` in every expression
 * becomes this macro before type checking, and the built-in is never reached.
 * (The `bool` receiver in the signature only keeps cel-js's overlap check
 * quiet; the type checks below are what decide.)
 */

interface CelType {
  readonly name: string;
}
interface CelNode {
  readonly op: string;
}
interface Checker {
  check(node: CelNode, ctx: unknown): CelType;
  getType(name: string): CelType;
  createError(code: string, detail: string, node: CelNode): Error;
}
interface Runner {
  run(node: CelNode, ctx: unknown): unknown;
}
interface MatchesMacro {
  readonly ast: CelNode;
  readonly receiver: CelNode;
  readonly pattern: CelNode;
}

/** The budget of the evaluation running now; evaluation is synchronous, so one at a time. */
let activeBudget: EvaluationBudget | undefined;

export function withMatchBudget<T>(budget: EvaluationBudget, evaluate: () => T): T {
  const outer = activeBudget;
  activeBudget = budget;
  try {
    return evaluate();
  } finally {
    activeBudget = outer;
  }
}

function acceptsText(type: CelType): boolean {
  return type.name === 'string' || type.name === 'dyn';
}

function typeCheck(checker: Checker, macro: MatchesMacro, ctx: unknown): CelType {
  const receiver = checker.check(macro.receiver, ctx);
  const pattern = checker.check(macro.pattern, ctx);
  if (!acceptsText(receiver) || !acceptsText(pattern)) {
    throw checker.createError(
      'no_matching_overload',
      `found no matching overload for '${receiver.name}.matches(${pattern.name})'`,
      macro.ast,
    );
  }
  return checker.getType('bool');
}

function evaluate(runner: Runner, macro: MatchesMacro, ctx: unknown): boolean {
  const text = runner.run(macro.receiver, ctx);
  const pattern = runner.run(macro.pattern, ctx);
  if (typeof text !== 'string' || typeof pattern !== 'string') {
    throw new TypeError(`found no matching overload for '${typeof text}.matches(${typeof pattern})'`);
  }
  if (!activeBudget) throw new BudgetExceededError('pattern_matching');
  return matchWithinBudget(activeBudget, pattern, text);
}

export function registerLinearMatches(environment: Environment): void {
  environment.registerFunction(
    'bool.matches(ast): bool',
    // cel-js hands a receiver macro its call node, receiver and arguments.
    (({ ast, receiver, args }: { ast: CelNode; receiver: CelNode; args: CelNode[] }) => ({
      ast,
      receiver,
      pattern: args[0] as CelNode,
      async: false,
      typeCheck,
      evaluate,
    })) as never,
  );
}
