import { describe, expect, it } from 'vitest';
import { formatDuration, slaClock } from './sla-countdown.ts';

const NOW = Date.parse('2026-11-22T08:00:00.000Z');

describe('slaClock', () => {
  it('counts down to a due time, then counts how long it is overdue', () => {
    expect(slaClock({ dueAt: '2026-11-22T08:30:00.000Z', doneAt: null, pausedAt: null }, NOW)).toEqual({
      kind: 'running',
      leftMs: 30 * 60_000,
    });
    expect(slaClock({ dueAt: '2026-11-22T07:00:00.000Z', doneAt: null, pausedAt: null }, NOW)).toEqual({
      kind: 'overdue',
      pastMs: 3600_000,
    });
  });

  it('shows a met target as done, a missing policy as none, and keeps the time left while paused', () => {
    expect(
      slaClock(
        { dueAt: '2026-11-22T07:00:00.000Z', doneAt: '2026-11-22T06:50:00.000Z', pausedAt: null },
        NOW,
      ),
    ).toEqual({ kind: 'done', at: '2026-11-22T06:50:00.000Z' });
    expect(slaClock({ dueAt: null, doneAt: null, pausedAt: null }, NOW)).toEqual({ kind: 'none' });
    expect(
      slaClock(
        { dueAt: '2026-11-22T09:00:00.000Z', doneAt: null, pausedAt: '2026-11-22T07:00:00.000Z' },
        NOW,
      ),
    ).toEqual({ kind: 'paused', since: '2026-11-22T07:00:00.000Z', leftMs: 2 * 3600_000 });
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
