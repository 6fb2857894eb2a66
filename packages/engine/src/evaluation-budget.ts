import { checkPattern, matchCost, testPattern } from './model-imports.ts';

/**
 * How much work one step may do evaluating its conditions, so no flow and no
 * customer message can hold the event loop: every pattern match spends
 * characters × RE2 instructions from the step's budget (patterns run in
 * linear time, see linear-pattern.ts in the model), and a CEL expression's
 * estimated cost (its size times the iterations of its `all`/`map`/… loops)
 * must fit before it runs. Running out ends the step as a failure that says
 * so; nothing is cut short silently.
 */
/*
 * Measured with re2js on this project's 2-core machine: most patterns cost well
 * under 1 ns per unit (its DFA), the worst we found (`(\w+\s?){1,50}$` on
 * 10,000 characters, 3.5 M units) about 70 ns. 4 M units keep a step near a
 * quarter of a second at worst, and still allow a 10,000-character email
 * against ten patterns of 40 instructions.
 */
export const MATCH_WORK_PER_STEP = 4_000_000;
export const EXPRESSION_COST_PER_STEP = 1_000_000;

export interface EvaluationBudget {
  matchWorkLeft: number;
}

export function createEvaluationBudget(): EvaluationBudget {
  return { matchWorkLeft: MATCH_WORK_PER_STEP };
}

/** The step needed more work than one step may do. */
export class BudgetExceededError extends Error {
  constructor(readonly what: 'pattern_matching' | 'expression_cost') {
    super(`evaluation budget exceeded: ${what}`);
    this.name = 'BudgetExceededError';
  }
}

/** A pattern RE2 will not run (lint refuses literal ones; this catches those built at run time). */
export class PatternRefusedError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: 'too_long' | 'too_complex' | 'unsupported',
    readonly detail: string,
  ) {
    super(`pattern refused (${reason}): ${detail}`);
    this.name = 'PatternRefusedError';
  }
}

/** Whether `pattern` occurs in `input` (its first 10,000 characters), charged to `budget`. */
export function matchWithinBudget(budget: EvaluationBudget, pattern: string, input: string): boolean {
  const check = checkPattern(pattern);
  if (!check.ok) {
    throw new PatternRefusedError(pattern, check.reason, check.reason === 'unsupported' ? check.detail : '');
  }
  budget.matchWorkLeft -= matchCost(check.pattern, input);
  if (budget.matchWorkLeft < 0) throw new BudgetExceededError('pattern_matching');
  return testPattern(check.pattern, input);
}
