import { useCallback, useState } from 'react';

/** The width below which the editor starts with its side panels folded away, leaving the canvas the room. */
const NARROW_QUERY = '(max-width: 767px)';

function readStored(key: string): boolean | undefined {
  try {
    const value = window.localStorage.getItem(key);
    return value === 'open' ? true : value === 'closed' ? false : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a side panel is open, remembered in localStorage once the user
 * chooses; until then open, except on a narrow screen.
 */
export function useStoredToggle(key: string): [open: boolean, toggle: () => void] {
  const [open, setOpen] = useState(
    () =>
      readStored(key) ??
      !(typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches),
  );
  const toggle = useCallback(() => {
    setOpen((was) => {
      try {
        window.localStorage.setItem(key, was ? 'closed' : 'open');
      } catch {
        // Storage full or refused (private mode): the panel still toggles, it is just not remembered.
      }
      return !was;
    });
  }, [key]);
  return [open, toggle];
}
