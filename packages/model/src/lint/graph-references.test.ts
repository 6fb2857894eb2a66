import { describe, expect, it } from 'vitest';
import { referencesTo } from './graph-references.ts';
import { edge, flow, node } from './lint-test-kit.ts';

describe('referencesTo', () => {
  const graph = flow(
    [
      node('start', 'trigger.request_received'),
      node('assign', 'action.assign', {
        target: 'team',
        teamId: 'after_sales',
        strategy: 'least_loaded',
        skills: [],
      }),
      node('escalate', 'action.escalate', { queue: 'after_sales', reason: 'vip' }),
      node('toSupervisor', 'action.escalate', { queue: 'supervisor', reason: 'vip' }),
      node('approve', 'timing.ask_approval', { decider: 'after_sales', question: 'ok?' }),
      node('other', 'action.assign', {
        target: 'team',
        teamId: 'billing',
        strategy: 'least_loaded',
        skills: [],
      }),
    ],
    [edge('start', 'next', 'assign')],
  );

  it("finds every step whose catalog field names the team: assign, escalate and an approval's deciders", () => {
    expect(referencesTo(graph, 'team', 'after_sales')).toEqual([
      { nodeId: 'assign', field: 'config.teamId' },
      { nodeId: 'escalate', field: 'config.queue' },
      { nodeId: 'approve', field: 'config.decider' },
    ]);
    expect(referencesTo(graph, 'team', 'billing')).toEqual([{ nodeId: 'other', field: 'config.teamId' }]);
  });

  it('never takes a built-in value (the supervisor queue) or another kind of record for a team', () => {
    expect(referencesTo(graph, 'team', 'supervisor')).toEqual([]);
    expect(referencesTo(graph, 'agent', 'after_sales')).toEqual([]);
    expect(referencesTo(graph, 'team', 'nobody')).toEqual([]);
  });
});
