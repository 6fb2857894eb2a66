import type { Locale } from '@flowdesk/model';

/**
 * A failed step's error as the server answers it: its code and its text in
 * every language (the store keeps code and params; the server writes the text).
 * The code stays visible, as operators search for it.
 */
export function stepErrorText(error: unknown, locale: Locale): string {
  if (typeof error !== 'object' || error === null) return '';
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text =
    typeof message === 'object' && message !== null
      ? (message as Record<string, unknown>)[locale]
      : undefined;
  const label = typeof code === 'string' ? code : '';
  if (typeof text !== 'string' || !text) return label;
  return label ? `${text} (${label})` : text;
}
