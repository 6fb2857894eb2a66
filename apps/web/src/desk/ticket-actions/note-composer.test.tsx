// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteComposer } from './note-composer.tsx';
import { renderWithServer } from './ticket-actions.test-kit.tsx';

afterEach(cleanup);

const members = [
  { id: 'agent-li', name: '李娜' },
  { id: 'agent-zhao', name: '赵强' },
  { id: 'agent-ann', name: 'Ann Lee' },
];

function renderNote(onAdded = vi.fn()) {
  return renderWithServer(<NoteComposer ticketId="t-1" members={members} onAdded={onAdded} />, {
    'tickets.addMentionNote': { id: 'note-1', body: 'x' },
  });
}

const noteBox = () =>
  screen.getByRole('textbox', {
    name: 'Note for the team (the customer never sees it)',
  }) as HTMLTextAreaElement;

function type(value: string) {
  const box = noteBox();
  fireEvent.change(box, { target: { value, selectionStart: value.length, selectionEnd: value.length } });
}

describe('internal note with @mentions', () => {
  it('opens the team’s members at @, moves with the arrows and inserts the active one with Enter', async () => {
    const onAdded = vi.fn();
    const view = renderNote(onAdded);
    type('请 @');

    const list = screen.getByRole('listbox', { name: 'Team members' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual([
      '李娜',
      '赵强',
      'Ann Lee',
    ]);
    expect(noteBox().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);

    fireEvent.keyDown(noteBox(), { key: 'ArrowDown' });
    const active = screen.getByRole('option', { selected: true });
    expect(active.textContent).toBe('赵强');
    expect(noteBox().getAttribute('aria-activedescendant')).toBe(active.id);

    fireEvent.keyDown(noteBox(), { key: 'Enter' });
    expect(noteBox().value).toBe('请 @赵强 ');
    expect(list.isConnected).toBe(false);

    type('请 @赵强 帮忙看下退货地址');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalledOnce());
    expect(view.calls('tickets.addMentionNote').map((call) => call.input)).toEqual([
      { id: 't-1', body: '请 @赵强 帮忙看下退货地址', mentions: ['agent-zhao'] },
    ]);
    expect((await screen.findByRole('status')).textContent).toBe('Note added. People notified: 1.');
  });

  it('filters by what is typed after @, and Escape closes the list without inserting', () => {
    renderNote();
    type('@lee');
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Ann Lee']);
    fireEvent.keyDown(noteBox(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(noteBox().value).toBe('@lee');
  });

  it('notifies no one whose mention was deleted before saving', async () => {
    const view = renderNote();
    type('@');
    fireEvent.click(screen.getByRole('option', { name: '李娜' }));
    type('只是备注');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(view.calls('tickets.addMentionNote')).toHaveLength(1));
    expect(view.calls('tickets.addMentionNote')[0]?.input).toMatchObject({ mentions: [] });
  });
});
