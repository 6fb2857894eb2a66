/**
 * Builds elements with text set through textContent only: whatever the
 * customer, the flows or an agent wrote is shown as text, never parsed as HTML.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children)
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

let counter = 0;
/** Ids unique within the widget's shadow root, for label/for and aria links. */
export function uid(prefix: string): string {
  counter += 1;
  return `fdw-${prefix}-${counter}`;
}

/** A labelled field: the label's `for` points at the control, so screen readers name it. */
export function field(label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) {
  const id = uid('field');
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}
