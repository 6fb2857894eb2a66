// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import type { FieldOption } from './field-options.ts';
import { TemplateInput } from './template-field.tsx';

afterEach(cleanup);

const FIELDS: FieldOption[] = [
  { path: 'customer.name', label: 'Customer name', group: 'Customer', type: 'text' },
  { path: 'customer.email', label: 'Customer email', group: 'Customer', type: 'text' },
  { path: 'ticket.number', label: 'Ticket number', group: 'Ticket', type: 'text' },
];

function Harness() {
  const [value, setValue] = useState('');
  return (
    <TemplateInput
      id="body"
      label="Message"
      value={value}
      onChange={setValue}
      fields={FIELDS}
      dataField="body"
    />
  );
}

/** Types into the text area as a user would: the value and the cursor at its end. */
function type(area: HTMLTextAreaElement, text: string) {
  fireEvent.change(area, { target: { value: text, selectionStart: text.length, selectionEnd: text.length } });
}

describe('{{ field }} suggestions in a message text', () => {
  it('are a listbox the arrow keys move through and Enter inserts from', () => {
    renderWithI18n(<Harness />);
    const area = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    type(area, 'Hello {{ cust');
    const list = screen.getByRole('listbox', { name: 'Fields you can insert' });
    expect(area.getAttribute('aria-controls')).toBe(list.id);
    const options = screen.getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual([
      'customer.name Customer name',
      'customer.email Customer email',
    ]);
    expect(area.getAttribute('aria-activedescendant')).toBe(options[0]?.id);

    fireEvent.keyDown(area, { key: 'ArrowDown' });
    expect(area.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(area, { key: 'ArrowDown' });
    expect(area.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    fireEvent.keyDown(area, { key: 'ArrowUp' });

    fireEvent.keyDown(area, { key: 'Enter' });
    expect(area.value).toBe('Hello {{ customer.email }}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(area.getAttribute('aria-activedescendant')).toBeNull();
  });

  it('close with Escape and leave Enter to the text when closed', () => {
    renderWithI18n(<Harness />);
    const area = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    type(area, '{{ ticket');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    fireEvent.keyDown(area, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    const enter = fireEvent.keyDown(area, { key: 'Enter' });
    expect(enter).toBe(true);
    expect(area.value).toBe('{{ ticket');
  });

  it('insert the clicked field', () => {
    renderWithI18n(<Harness />);
    const area = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    type(area, 'No. {{ ');
    fireEvent.click(screen.getByRole('option', { name: /ticket\.number/ }));
    expect(area.value).toBe('No. {{ ticket.number }}');
  });
});
