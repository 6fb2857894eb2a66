import { describe, expect, it } from 'vitest';
import { shortcutOf } from './use-editor-shortcuts.ts';

const key = (value: string, modifiers: { ctrl?: boolean; shift?: boolean; meta?: boolean } = {}) => ({
  key: value,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
});

describe('editor shortcuts', () => {
  it('maps undo/redo on Ctrl and on Cmd', () => {
    expect(shortcutOf(key('z', { ctrl: true }))).toBe('undo');
    expect(shortcutOf(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(shortcutOf(key('z', { meta: true }))).toBe('undo');
    expect(shortcutOf(key('y', { ctrl: true }))).toBe('redo');
  });

  it('maps editing keys and leaves plain typing alone', () => {
    expect(shortcutOf(key('Delete'))).toBe('delete');
    expect(shortcutOf(key('d', { ctrl: true }))).toBe('duplicate');
    expect(shortcutOf(key('L', { ctrl: true, shift: true }))).toBe('layout');
    expect(shortcutOf(key('?', { shift: true }))).toBe('help');
    expect(shortcutOf(key('a'))).toBeUndefined();
  });
});
