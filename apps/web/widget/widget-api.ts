import type { WidgetLocale } from './widget-texts.ts';

/** The widget's calls to the FlowDesk server. No cookies: the conversation token is the only credential. */

export interface WidgetConfig {
  mode: 'form' | 'chat';
  categories: string[];
  greeting: Record<WidgetLocale, string>;
}

export interface WidgetMessage {
  seq: number;
  direction: 'in' | 'out';
  author: 'customer' | 'flow' | 'agent';
  body: string;
  createdAt: string;
}

export interface Started {
  conversationId: string;
  token: string;
  ticketNumber?: string;
  progressUrl?: string;
  messages: WidgetMessage[];
}

export interface StartInput {
  mode: 'form' | 'chat';
  name?: string;
  contact?: string;
  category?: string;
  message: string;
  locale: WidgetLocale;
  sourcePage: string;
  visitorId: string;
}

/** A refusal with the server's own words in the visitor's language, when it sent some. */
export class WidgetApiError extends Error {}

export class WidgetApi {
  constructor(
    private readonly origin: string,
    private readonly locale: WidgetLocale,
  ) {}

  private url(path: string): string {
    return `${this.origin}/api/v1/channels/widget${path}`;
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(this.url(path), { ...init, credentials: 'omit', mode: 'cors' });
    const body = (await response.json().catch(() => null)) as
      | (T & { error?: { messages?: Record<string, string> } })
      | null;
    if (!response.ok) throw new WidgetApiError(body?.error?.messages?.[this.locale] ?? '');
    return body as T;
  }

  config(): Promise<WidgetConfig> {
    return this.call('/config');
  }

  start(input: StartInput): Promise<Started> {
    return this.call('/conversations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  send(conversationId: string, token: string, message: string): Promise<{ ticketNumber?: string }> {
    return this.call(`/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ message }),
    });
  }

  /** Live messages; EventSource reconnects by itself and resumes with Last-Event-ID. */
  listen(
    conversationId: string,
    token: string,
    afterSeq: number,
    onMessage: (message: WidgetMessage) => void,
    onTrouble: (down: boolean) => void,
  ): EventSource {
    const query = `token=${encodeURIComponent(token)}&after=${afterSeq}`;
    const source = new EventSource(
      this.url(`/conversations/${encodeURIComponent(conversationId)}/events?${query}`),
    );
    source.addEventListener('message', (event) => {
      onMessage(JSON.parse((event as MessageEvent<string>).data) as WidgetMessage);
      onTrouble(false);
    });
    source.addEventListener('open', () => onTrouble(false));
    source.addEventListener('error', () => onTrouble(true));
    return source;
  }
}
