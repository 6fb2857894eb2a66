import { describe, expect, it } from 'vitest';
import { inputToTarget, targetToInput } from './target-units.ts';

describe('targets as people type them', () => {
  it('turns percentages and minutes into the stored unit and back', () => {
    expect(inputToTarget('85', 'ratio')).toBe(0.85);
    expect(targetToInput(0.85, 'ratio')).toBe('85');
    expect(inputToTarget('20', 'ms')).toBe(20 * 60_000);
    expect(targetToInput(20 * 60_000, 'ms')).toBe('20');
    expect(inputToTarget('4,5', 'score')).toBe(4.5);
    expect(inputToTarget('-10', 'nps')).toBe(-10);
  });

  it('reads an empty field as no target and refuses text or numbers out of range', () => {
    expect(inputToTarget('  ', 'ratio')).toBeUndefined();
    expect(targetToInput(undefined, 'ratio')).toBe('');
    expect(inputToTarget('120', 'ratio')).toBeNull();
    expect(inputToTarget('6', 'score')).toBeNull();
    expect(inputToTarget('abc', 'count')).toBeNull();
  });
});
