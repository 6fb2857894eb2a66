import type { Started } from './widget-api.ts';
import { sourcePage, type WidgetContext } from './widget-context.ts';
import { el, field } from './widget-dom.ts';
import { t } from './widget-texts.ts';

/**
 * The form: name, contact, category and message. After sending it shows the
 * ticket number, the flows' immediate replies and the progress link.
 */
export class FormView {
  readonly root: HTMLElement;
  private readonly name = el('input', { type: 'text', maxlength: '100', autocomplete: 'name' });
  private readonly contact = el('input', { type: 'text', maxlength: '320', autocomplete: 'email' });
  private readonly category = el('select');
  private readonly message = el('textarea', { rows: '4', maxlength: '5000', required: '' });
  private readonly button = el('button', { type: 'submit', class: 'submit' });
  private readonly status = el('p', { class: 'status', role: 'alert' });
  private readonly form: HTMLFormElement;
  private readonly done = el('div', { class: 'done', 'aria-live': 'polite' });

  constructor(
    private readonly ctx: WidgetContext,
    greeting: string,
    categories: readonly string[],
  ) {
    const { locale } = ctx;
    this.button.textContent = t(locale, 'submit');
    this.message.placeholder = t(locale, 'messagePlaceholder');
    const fields = [field(t(locale, 'name'), this.name), field(t(locale, 'contact'), this.contact)];
    if (categories.length > 0) {
      this.category.append(el('option', { value: '' }, t(locale, 'noCategory')));
      for (const category of categories) this.category.append(el('option', { value: category }, category));
      fields.push(field(t(locale, 'category'), this.category));
    }
    fields.push(field(t(locale, 'message'), this.message));
    this.form = el('form', { class: 'scroll' }, ...fields, this.status, this.button);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.done.hidden = true;
    this.root = el('div', { class: 'view' }, el('p', { class: 'greeting' }, greeting), this.form, this.done);
  }

  focus(): void {
    (this.form.hidden ? this.done.querySelector('button') : this.name)?.focus();
  }

  private async submit(): Promise<void> {
    const message = this.message.value.trim();
    if (message === '') return;
    const { api, locale, visitorId } = this.ctx;
    const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
    this.button.disabled = true;
    this.status.textContent = '';
    try {
      const started = await api.start({
        mode: 'form',
        name: optional(this.name.value),
        contact: optional(this.contact.value),
        category: optional(this.category.value),
        message,
        locale,
        visitorId,
        sourcePage: sourcePage(),
      });
      this.showDone(started);
    } catch (error) {
      this.status.textContent = (error instanceof Error && error.message) || t(locale, 'failed');
    } finally {
      this.button.disabled = false;
    }
  }

  private showDone(started: Started): void {
    const { locale, origin } = this.ctx;
    const receipt = started.ticketNumber
      ? t(locale, 'receivedTicket', { n: started.ticketNumber })
      : t(locale, 'received');
    this.done.replaceChildren(el('p', { class: 'receipt' }, receipt));
    for (const reply of started.messages.filter((item) => item.direction === 'out')) {
      this.done.append(el('div', { class: 'msg out', 'data-author': reply.author }, reply.body));
    }
    // Only our own server's page is linked; anything else would be a way to send visitors elsewhere.
    if (started.progressUrl && new URL(started.progressUrl, origin).origin === origin) {
      const link = el('a', { href: started.progressUrl, target: '_blank', rel: 'noopener noreferrer' });
      link.textContent = t(locale, 'progress');
      this.done.append(link);
    }
    const again = el('button', { type: 'button', class: 'submit' }, t(locale, 'newMessage'));
    again.addEventListener('click', () => {
      this.message.value = '';
      this.done.hidden = true;
      this.form.hidden = false;
      this.message.focus();
    });
    this.done.append(again);
    this.form.hidden = true;
    this.done.hidden = false;
    again.focus();
  }
}
