import { describe, expect, it } from 'vitest';
import { formatDuration, slaClock } from './sla-countdown.ts';

const NOW = Date.parse('2026-11-22T08:00:00.000Z');

describe('slaClock', () => {
  it('counts down to a due time, then counts how long it is overdue', () => {
    expect(
      slaClock({ dueAt: '2026-11-22T08:30:00.000Z', doneAt: null, pausedAt: null, finished: false }, NOW),
    ).toEqual({
      kind: 'running',
      leftMs: 30 * 60_000,
    });
    expect(
      slaClock({ dueAt: '2026-11-22T07:00:00.000Z', doneAt: null, pausedAt: null, finished: false }, NOW),
    ).toEqual({
      kind: 'overdue',
      pastMs: 3600_000,
    });
  });

  it('shows a met target as done, a missing policy as none, and keeps the time left while paused', () => {
    expect(
      slaClock(
        {
          dueAt: '2026-11-22T07:00:00.000Z',
          doneAt: '2026-11-22T06:50:00.000Z',
          pausedAt: null,
          finished: false,
        },
        NOW,
      ),
    ).toEqual({ kind: 'done', at: '2026-11-22T06:50:00.000Z', lateMs: 0 });
    expect(slaClock({ dueAt: null, doneAt: null, pausedAt: null, finished: false }, NOW)).toEqual({
      kind: 'none',
    });
    expect(
      slaClock(
        {
          dueAt: '2026-11-22T09:00:00.000Z',
          doneAt: null,
          pausedAt: '2026-11-22T07:00:00.000Z',
          finished: false,
        },
        NOW,
      ),
    ).toEqual({ kind: 'paused', since: '2026-11-22T07:00:00.000Z', leftMs: 2 * 3600_000 });
  });
});

describe('slaClock of a resolved or closed ticket', () => {
  const finished = (facts: { dueAt: string; doneAt: string | null; pausedAt: string }) =>
    slaClock({ ...facts, finished: true }, NOW);

  it('is stopped, not paused: a reached target says when and how late, counted up to the stop', () => {
    expect(
      finished({
        dueAt: '2026-11-22T07:00:00.000Z',
        doneAt: '2026-11-22T06:00:00.000Z',
        pausedAt: '2026-11-22T06:00:00.000Z',
      }),
    ).toEqual({ kind: 'done', at: '2026-11-22T06:00:00.000Z', lateMs: 0 });
    // Paused at 07:30 (waiting for the customer), resolved at 07:50: 30 min late, not 50.
    expect(
      finished({
        dueAt: '2026-11-22T07:00:00.000Z',
        doneAt: '2026-11-22T07:50:00.000Z',
        pausedAt: '2026-11-22T07:30:00.000Z',
      }),
    ).toEqual({ kind: 'done', at: '2026-11-22T07:50:00.000Z', lateMs: 30 * 60_000 });
  });

  it('a target the ticket finished without: stopped at the close, late when the due time had passed', () => {
    expect(
      finished({ dueAt: '2026-11-22T09:00:00.000Z', doneAt: null, pausedAt: '2026-11-22T07:00:00.000Z' }),
    ).toEqual({
      kind: 'stopped',
      at: '2026-11-22T07:00:00.000Z',
      lateMs: 0,
    });
    expect(
      finished({ dueAt: '2026-11-22T06:00:00.000Z', doneAt: null, pausedAt: '2026-11-22T07:00:00.000Z' }),
    ).toEqual({
      kind: 'stopped',
      at: '2026-11-22T07:00:00.000Z',
      lateMs: 3600_000,
    });
  });
});

describe('formatDuration', () => {
  it('reads as the two largest units', () => {
    expect(formatDuration(40_000)).toBe('40 s');
    expect(formatDuration(12 * 60_000)).toBe('12 min');
    expect(formatDuration(3 * 3600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(2 * 86_400_000 + 3 * 3600_000)).toBe('2 d 3 h');
    expect(formatDuration(-90_000)).toBe('1 min');
  });
});
