import type { WidgetApi } from './widget-api.ts';
import type { WidgetLocale } from './widget-texts.ts';

/** What both views share: the API, the language and the visitor's id. */
export interface WidgetContext {
  api: WidgetApi;
  locale: WidgetLocale;
  visitorId: string;
  /** The server's origin: only links there are shown as links. */
  origin: string;
}

/** localStorage can be missing or refuse (private windows, storage partitioning): then memory only. */
export const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Nothing to do: the widget works for this page view without it.
    }
  },
};

/**
 * The host page, for the agent's context: origin and path only. Its query or
 * fragment may hold the site's own secrets (password-reset or login tokens).
 */
export function sourcePage(): string {
  return `${window.location.origin}${window.location.pathname}`.slice(0, 2048);
}

const VISITOR_KEY = 'flowdesk.widget.visitor';

/** The visitor's id on the chat channel, kept across visits on this site. */
export function visitorId(): string {
  const stored = storage.get(VISITOR_KEY);
  if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = `v_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  storage.set(VISITOR_KEY, id);
  return id;
}
