import { describe, expect, it } from 'vitest';
import { checkSolution, SOLUTION_MAX_LENGTH } from './ticket-lifecycle.ts';

describe('the solution rule', () => {
  it('asks a resolve for a summary that is not blank and fits, counted in characters', () => {
    expect(checkSolution('in_progress', 'resolved', undefined)).toEqual({
      ok: false,
      problem: 'solution_required',
    });
    expect(checkSolution('new', 'resolved', '  \n ')).toEqual({ ok: false, problem: 'solution_required' });
    expect(checkSolution('new', 'resolved', '退'.repeat(SOLUTION_MAX_LENGTH + 1))).toEqual({
      ok: false,
      problem: 'solution_too_long',
    });
    expect(checkSolution('new', 'resolved', ` ${'退'.repeat(SOLUTION_MAX_LENGTH)} `)).toEqual({
      ok: true,
      solution: '退'.repeat(SOLUTION_MAX_LENGTH),
    });
  });

  it('asks nothing of other changes, nor of resolving a ticket already resolved', () => {
    expect(checkSolution('new', 'closed', undefined)).toEqual({ ok: true, solution: null });
    expect(checkSolution('resolved', 'resolved', undefined)).toEqual({ ok: true, solution: null });
  });
});
