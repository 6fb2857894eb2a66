import { describe, expect, it } from 'vitest';
import { nextActiveIndex } from './listbox-navigation.ts';

describe('listbox keys', () => {
  it('moves down and up, wrapping at both ends', () => {
    expect(nextActiveIndex(-1, 'ArrowDown', 3)).toBe(0);
    expect(nextActiveIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(nextActiveIndex(2, 'ArrowDown', 3)).toBe(0);
    expect(nextActiveIndex(0, 'ArrowUp', 3)).toBe(2);
    expect(nextActiveIndex(-1, 'ArrowUp', 3)).toBe(2);
    expect(nextActiveIndex(2, 'ArrowUp', 3)).toBe(1);
  });

  it('jumps with Home and End and ignores other keys and empty lists', () => {
    expect(nextActiveIndex(1, 'Home', 3)).toBe(0);
    expect(nextActiveIndex(0, 'End', 3)).toBe(2);
    expect(nextActiveIndex(1, 'a', 3)).toBeUndefined();
    expect(nextActiveIndex(-1, 'ArrowDown', 0)).toBeUndefined();
  });
});
