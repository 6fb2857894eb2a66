import type { WidgetMessage } from './widget-api.ts';
import { sourcePage, storage, type WidgetContext } from './widget-context.ts';
import { el, field } from './widget-dom.ts';
import { t } from './widget-texts.ts';

const CONVERSATION_KEY = 'flowdesk.widget.chat';

interface Saved {
  conversationId: string;
  token: string;
}

function loadSaved(): Saved | null {
  try {
    const saved = JSON.parse(storage.get(CONVERSATION_KEY) ?? 'null') as Saved | null;
    return saved && typeof saved.conversationId === 'string' && typeof saved.token === 'string'
      ? saved
      : null;
  } catch {
    return null;
  }
}

/**
 * The chat: the first message starts the conversation (the flows' immediate
 * replies come back with it), later ones are sent on it, and everything that
 * is stored, agents' replies included, arrives over the event stream.
 */
export class ChatView {
  readonly root: HTMLElement;
  private readonly log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  private readonly input = el('textarea', { rows: '2', maxlength: '5000' });
  private readonly button = el('button', { type: 'submit', class: 'submit' });
  private readonly status = el('p', { class: 'status', role: 'alert' });
  private readonly seen = new Set<number>();
  private conversation: Saved | null = loadSaved();
  private source: EventSource | null = null;

  constructor(
    private readonly ctx: WidgetContext,
    greeting: string,
  ) {
    const { locale } = ctx;
    this.log.setAttribute('aria-label', t(locale, 'conversation'));
    this.input.placeholder = t(locale, 'messagePlaceholder');
    this.button.textContent = t(locale, 'send');
    const form = el('form', {}, field(t(locale, 'message'), this.input), this.status, this.button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    // Enter sends, Shift+Enter starts a new line.
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    this.root = el('div', { class: 'view' }, el('p', { class: 'greeting' }, greeting), this.log, form);
  }

  /** Called when the panel opens: a conversation from an earlier page view resumes. */
  activate(): void {
    if (this.conversation && !this.source) this.listen(0);
  }

  focus(): void {
    this.input.focus();
  }

  private render(message: WidgetMessage): void {
    if (this.seen.has(message.seq)) return;
    this.seen.add(message.seq);
    const who = message.author === 'customer' ? t(this.ctx.locale, 'you') : t(this.ctx.locale, 'support');
    const bubble = el('div', { class: `msg ${message.direction}`, 'data-author': message.author });
    bubble.append(el('span', { class: 'who' }, who), message.body);
    this.log.append(bubble);
    this.log.scrollTop = this.log.scrollHeight;
  }

  private listen(afterSeq: number): void {
    const conversation = this.conversation;
    if (!conversation) return;
    this.source = this.ctx.api.listen(
      conversation.conversationId,
      conversation.token,
      afterSeq,
      (message) => this.render(message),
      (down) => {
        this.status.textContent = down ? t(this.ctx.locale, 'reconnecting') : '';
      },
    );
  }

  private async submit(): Promise<void> {
    const message = this.input.value.trim();
    if (message === '') return;
    const { api, locale, visitorId } = this.ctx;
    this.button.disabled = true;
    this.status.textContent = '';
    try {
      if (this.conversation) {
        await api.send(this.conversation.conversationId, this.conversation.token, message);
      } else {
        const started = await api.start({
          mode: 'chat',
          message,
          locale,
          visitorId,
          sourcePage: sourcePage(),
        });
        this.conversation = { conversationId: started.conversationId, token: started.token };
        storage.set(CONVERSATION_KEY, JSON.stringify(this.conversation));
        for (const item of started.messages) this.render(item);
        this.listen(started.messages.at(-1)?.seq ?? 0);
      }
      this.input.value = '';
    } catch (error) {
      this.status.textContent = (error instanceof Error && error.message) || t(locale, 'failed');
    } finally {
      this.button.disabled = false;
      this.input.focus();
    }
  }
}
