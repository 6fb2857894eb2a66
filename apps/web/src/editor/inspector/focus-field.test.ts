// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { focusField } from './inspector.tsx';

function form(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.replaceChildren(container);
  return container;
}

describe('focusing the field a problem points at', () => {
  it('focuses the exact control when it exists', () => {
    const container = form(
      '<input data-field="config.cases[1].value" id="exact"><input data-field="config.field">',
    );
    focusField(container, 'config.cases[1].value');
    expect(document.activeElement?.id).toBe('exact');
  });

  it('falls back to the nearest enclosing group and focuses its first control', () => {
    const container = form(
      '<fieldset data-field="config.rules.children"><select id="first"></select><input></fieldset>',
    );
    focusField(container, 'config.rules.children[0].value');
    expect(document.activeElement?.id).toBe('first');
  });
});
