import { describe, expect, it } from 'vitest';
import type { ShadowOutcome } from './shadow-replay.ts';
import { changesOf, impactReport } from './shadow-report.ts';

/** An outcome as a replay gives it, with what the test says on top. */
function outcome(overrides: Partial<ShadowOutcome> = {}): ShadowOutcome {
  return {
    status: 'completed',
    path: ['start', 'route', 'ticket'],
    ticket: { team: 'after-sales', priority: 'medium', category: 'returns' },
    handling: 'hand_off',
    slaPolicy: 'standard',
    messages: { email: 1 },
    failures: [],
    recorded: [],
    notSimulated: [],
    steps: [],
    effects: [],
    ...overrides,
  };
}

const request = (id: string, live: ShadowOutcome, draft: ShadowOutcome) => ({
  executionId: id,
  startedAt: '2026-11-21T00:00:00.000Z',
  live,
  draft,
});

describe('impact report', () => {
  it('names each kind of change with both sides', () => {
    const live = outcome();
    const draft = outcome({
      ticket: { team: 'vip', priority: 'high', category: 'returns' },
      slaPolicy: 'vip',
      messages: { email: 1, sms: 1 },
      failures: [{ nodeId: 'notify', code: 'runtime.no_recipient' }],
    });
    expect(changesOf(live, draft)).toEqual([
      { kind: 'team', from: 'after-sales', to: 'vip' },
      { kind: 'priority', from: 'medium', to: 'high' },
      { kind: 'sla', from: 'standard', to: 'vip' },
      { kind: 'messages', from: 'email×1', to: 'email×1, sms×1' },
      { kind: 'failures', from: 'none', to: 'notify:runtime.no_recipient' },
    ]);
  });

  it('counts a different path only when nothing a customer or agent sees changes', () => {
    expect(changesOf(outcome(), outcome({ path: ['start', 'route', 'check', 'ticket'] }))).toEqual([
      { kind: 'path', from: 'start → route → ticket', to: 'start → route → check → ticket' },
    ]);
    expect(changesOf(outcome(), outcome())).toEqual([]);
  });

  it('tells a request the draft no longer takes, and one answered instead of handed over', () => {
    const notStarted = outcome({
      status: 'not_started',
      path: [],
      ticket: null,
      handling: 'none',
      messages: {},
    });
    expect(changesOf(outcome(), notStarted)[0]).toEqual({
      kind: 'started',
      from: 'started',
      to: 'not_started',
    });
    const answered = outcome({
      ticket: null,
      handling: 'auto_reply',
      slaPolicy: null,
      messages: { reply: 1 },
    });
    expect(changesOf(outcome(), answered).map((change) => change.kind)).toEqual([
      'team',
      'priority',
      'category',
      'handling',
      'sla',
      'messages',
    ]);
  });

  it('groups changed requests by kind and values, largest first, with their share and ids', () => {
    const toVip = outcome({ ticket: { team: 'vip', priority: 'medium', category: 'returns' } });
    const report = impactReport([
      request('a', outcome(), toVip),
      request('b', outcome(), toVip),
      request('c', outcome(), outcome()),
      request(
        'd',
        outcome(),
        outcome({ ticket: { team: 'after-sales', priority: 'urgent', category: 'returns' } }),
      ),
    ]);
    expect(report.changedCount).toBe(3);
    expect(report.groups).toEqual([
      { kind: 'team', from: 'after-sales', to: 'vip', count: 2, share: 0.5, executionIds: ['a', 'b'] },
      { kind: 'priority', from: 'medium', to: 'urgent', count: 1, share: 0.25, executionIds: ['d'] },
    ]);
    expect(report.live.teams).toEqual({ 'after-sales': 4 });
    expect(report.draft.teams).toEqual({ 'after-sales': 2, vip: 2 });
    expect(report.draft.priorities).toEqual({ medium: 3, urgent: 1 });
    expect(report.live.handOffs).toBe(4);
  });

  it('reports nothing changed for identical outcomes, and an empty replay without dividing by zero', () => {
    expect(impactReport([request('a', outcome(), outcome())]).groups).toEqual([]);
    const empty = impactReport([]);
    expect(empty).toMatchObject({ replayed: 0, changedCount: 0, groups: [] });
  });
});
