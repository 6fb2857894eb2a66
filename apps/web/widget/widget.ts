import { WidgetApi } from './widget-api.ts';
import { ChatView } from './widget-chat.ts';
import { visitorId, type WidgetContext } from './widget-context.ts';
import { el } from './widget-dom.ts';
import { FormView } from './widget-form.ts';
import { WIDGET_CSS } from './widget-styles.ts';
import { pickLocale, t } from './widget-texts.ts';

/**
 * FlowDesk's embeddable chat and form widget:
 *
 *   <script src="https://desk.example/widget.js" data-workspace="default"
 *           data-mode="chat" data-lang="zh-CN" async></script>
 *
 * It talks to the server it was loaded from, lives in a shadow root so the
 * host page's CSS cannot break it, and shows every text through textContent.
 */

type Mode = 'form' | 'chat';

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-workspace]');
}

async function boot(script: HTMLScriptElement): Promise<void> {
  const origin = new URL(script.src, window.location.href).origin;
  const locale = pickLocale(script.dataset.lang, navigator.language);
  const api = new WidgetApi(origin, locale);
  // A switched-off channel answers 404: then nothing is shown at all.
  const config = await api.config();
  const asked = script.dataset.mode;
  const initial: Mode = asked === 'form' || asked === 'chat' ? asked : config.mode;
  const ctx: WidgetContext = { api, locale, visitorId: visitorId(), origin };
  const greeting = config.greeting[locale];
  const views = { chat: new ChatView(ctx, greeting), form: new FormView(ctx, greeting, config.categories) };

  const host = el('div', { 'data-flowdesk-widget': script.dataset.workspace ?? 'default' });
  const shadow = host.attachShadow({ mode: 'open' });
  const style = el('style');
  style.textContent = WIDGET_CSS;

  const panelId = 'fdw-panel';
  const launcher = el('button', {
    type: 'button',
    class: 'launcher',
    'aria-expanded': 'false',
    'aria-controls': panelId,
  });
  launcher.textContent = t(locale, 'open');
  const close = el('button', { type: 'button', class: 'close', 'aria-label': t(locale, 'close') }, '×');
  const heading = el('h2', { id: 'fdw-title' }, t(locale, 'title'));
  const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': t(locale, 'modes') });
  const tabButtons = {} as Record<Mode, HTMLButtonElement>;
  for (const mode of ['chat', 'form'] as const) {
    const tab = el('button', {
      type: 'button',
      role: 'tab',
      id: `fdw-tab-${mode}`,
      'aria-controls': `fdw-view-${mode}`,
    });
    tab.textContent = t(locale, mode === 'chat' ? 'chatTab' : 'formTab');
    tab.addEventListener('click', () => select(mode, true));
    tabButtons[mode] = tab;
    views[mode].root.id = `fdw-view-${mode}`;
    views[mode].root.setAttribute('role', 'tabpanel');
    views[mode].root.setAttribute('aria-labelledby', `fdw-tab-${mode}`);
    tabs.append(tab);
  }
  // Arrow keys move between the two tabs, as in any tab list.
  tabs.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next: Mode = current === 'chat' ? 'form' : 'chat';
    select(next, true);
    tabButtons[next].focus();
  });
  const panel = el(
    'div',
    { class: 'panel', id: panelId, role: 'dialog', 'aria-labelledby': 'fdw-title' },
    el('header', {}, heading, close),
    tabs,
    views.chat.root,
    views.form.root,
  );
  panel.hidden = true;

  let current: Mode = initial;
  function select(mode: Mode, focus: boolean): void {
    current = mode;
    for (const each of ['chat', 'form'] as const) {
      const selected = each === mode;
      tabButtons[each].setAttribute('aria-selected', String(selected));
      tabButtons[each].tabIndex = selected ? 0 : -1;
      views[each].root.hidden = !selected;
    }
    if (mode === 'chat') views.chat.activate();
    if (focus) views[mode].focus();
  }
  function setOpen(open: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (open) select(current, true);
    else launcher.focus();
  }
  launcher.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => setOpen(false));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });
  select(initial, false);

  shadow.append(style, launcher, panel);
  document.body.append(host);
}

const script = ownScript();
if (script) {
  const run = () =>
    boot(script).catch((error: unknown) => {
      // The host page is not ours to break: say why once, quietly.
      console.info('[FlowDesk widget] not shown:', error instanceof Error ? error.message : error);
    });
  if (document.body) void run();
  else document.addEventListener('DOMContentLoaded', () => void run(), { once: true });
}
