/**
 * Which option of a listbox is active after a key press (ARIA listbox pattern:
 * arrows move and wrap, Home/End jump), or undefined when the key is not
 * navigation. Pure, so every list that is driven from a text field or a
 * button behaves the same and is tested without a browser.
 */
export function nextActiveIndex(current: number, key: string, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
