import { useEffect, useRef } from 'react';

/** Every editor shortcut, for the handler and for the help dialog (labels are i18n keys). */
export const SHORTCUTS = [
  { id: 'undo', keys: 'Ctrl+Z' },
  { id: 'redo', keys: 'Ctrl+Shift+Z' },
  { id: 'copy', keys: 'Ctrl+C' },
  { id: 'paste', keys: 'Ctrl+V' },
  { id: 'duplicate', keys: 'Ctrl+D' },
  { id: 'delete', keys: 'Delete' },
  { id: 'selectAll', keys: 'Ctrl+A' },
  { id: 'layout', keys: 'Ctrl+Shift+L' },
  { id: 'fit', keys: 'Shift+1' },
  { id: 'help', keys: '?' },
] as const;

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Which shortcut a key press means; pure so the mapping is tested without a browser. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): ShortcutId | undefined {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y') return 'redo';
  if (mod && key === 'c') return 'copy';
  if (mod && key === 'v') return 'paste';
  if (mod && key === 'd') return 'duplicate';
  if (mod && key === 'a') return 'selectAll';
  if (mod && event.shiftKey && key === 'l') return 'layout';
  if (!mod && (key === 'delete' || key === 'backspace')) return 'delete';
  if (!mod && event.shiftKey && (key === '!' || key === '1')) return 'fit';
  if (!mod && key === '?') return 'help';
  return undefined;
}

/** Runs editor shortcuts unless the user is typing in a field (or Monaco). */
export function useEditorShortcuts(handlers: Partial<Record<ShortcutId, () => void>>, enabled = true): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const id = shortcutOf(event);
      const handler = id ? current.current[id] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
