import { type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';

/**
 * The WAI-ARIA disclosure pattern for a button that shows a panel of links
 * (a navigation menu, not an application menu: Tab walks through the links,
 * no arrow-key roving). Escape closes it and puts focus back on the button; a
 * press outside or focus moving elsewhere closes it without taking focus.
 */
export interface Disclosure {
  readonly open: boolean;
  readonly panelId: string;
  readonly buttonRef: RefObject<HTMLButtonElement | null>;
  /** The element holding both the button and the panel. */
  readonly rootRef: RefObject<HTMLDivElement | null>;
  readonly toggle: () => void;
  /** Closes; with `returnFocus` focus goes back to the button (Escape, a chosen link). */
  readonly close: (returnFocus?: boolean) => void;
}

export function useDisclosure(): Disclosure {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const close = useCallback((returnFocus = false) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const inside = (target: EventTarget | null) =>
      target instanceof Node && (rootRef.current?.contains(target) ?? false);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      close(true);
    };
    const onPointer = (event: PointerEvent) => {
      if (!inside(event.target)) close();
    };
    const onFocus = (event: FocusEvent) => {
      if (!inside(event.target)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open, close]);

  return { open, panelId, buttonRef, rootRef, toggle: () => setOpen((was) => !was), close };
}
