// @vitest-environment happy-dom
import type { RuleGroup } from '@flowdesk/model';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';
import { fieldOptions } from './field-options.ts';
import { RuleBuilder } from './rule-builder.tsx';

afterEach(cleanup);

function Harness({ initial, seen }: { initial: RuleGroup; seen: RuleGroup[] }) {
  const [group, setGroup] = useState(initial);
  return (
    <RuleBuilder
      group={group}
      fields={fieldOptions(undefined, 'en')}
      path="config.rules"
      onChange={(next) => {
        seen.push(next);
        setGroup(next);
      }}
    />
  );
}

const empty: RuleGroup = { kind: 'group', combinator: 'all', children: [] };

describe('rule builder', () => {
  it('builds "VIP level is at least 3" with a number value', () => {
    const seen: RuleGroup[] = [];
    renderWithI18n(<Harness initial={empty} seen={seen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Field' }), {
      target: { value: 'customer.vipLevel' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Comparison' }), { target: { value: 'gte' } });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Value' }), { target: { value: '3' } });
    expect(seen.at(-1)).toEqual({
      kind: 'group',
      combinator: 'all',
      children: [{ kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 }],
    });
  });

  it('offers comparisons by field type and choice values with their labels', () => {
    const seen: RuleGroup[] = [];
    renderWithI18n(
      <Harness
        initial={{
          ...empty,
          children: [{ kind: 'rule', field: 'ticket.priority', operator: 'equals', value: '' }],
        }}
        seen={seen}
      />,
    );
    const operators = within(screen.getByRole('combobox', { name: 'Comparison' })).getAllByRole('option');
    expect(operators.map((option) => option.textContent)).not.toContain('is greater than');
    fireEvent.change(screen.getByRole('combobox', { name: 'Value' }), { target: { value: 'urgent' } });
    expect(screen.getByRole('option', { name: 'Urgent' })).toBeTruthy();
    expect(seen.at(-1)?.children[0]).toMatchObject({ value: 'urgent' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Comparison' }), { target: { value: 'is_empty' } });
    expect(seen.at(-1)?.children[0]).toEqual({
      kind: 'rule',
      field: 'ticket.priority',
      operator: 'is_empty',
    });
    expect(screen.queryByRole('combobox', { name: 'Value' })).toBeNull();
  });

  it('reads the rules back as a sentence with labels above the builder', () => {
    const seen: RuleGroup[] = [];
    renderWithI18n(
      <Harness
        initial={{
          ...empty,
          children: [
            { kind: 'rule', field: 'customer.vipLevel', operator: 'gte', value: 3 },
            { kind: 'rule', field: 'ticket.priority', operator: 'equals', value: 'urgent' },
          ],
        }}
        seen={seen}
      />,
    );
    expect(screen.getByTestId('rule-sentence').textContent).toBe(
      "If the customer's VIP level is at least 3 and the ticket's priority is Urgent",
    );
    fireEvent.change(screen.getAllByRole('combobox', { name: 'Match' })[0] as HTMLElement, {
      target: { value: 'any' },
    });
    expect(screen.getByTestId('rule-sentence').textContent).toBe(
      "If the customer's VIP level is at least 3 or the ticket's priority is Urgent",
    );
  });

  it('nests any/not groups and removes rules', () => {
    const seen: RuleGroup[] = [];
    renderWithI18n(<Harness initial={empty} seen={seen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add group' }));
    const combinators = screen.getAllByRole('combobox', { name: 'Match' });
    fireEvent.change(combinators[1] as HTMLElement, { target: { value: 'not' } });
    expect(seen.at(-1)?.children[0]).toMatchObject({
      kind: 'group',
      combinator: 'not',
      children: [{ kind: 'rule' }],
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove rule' }));
    expect(seen.at(-1)?.children[0]).toMatchObject({ kind: 'group', children: [] });
    fireEvent.click(screen.getByRole('button', { name: 'Remove group' }));
    expect(seen.at(-1)).toEqual(empty);
  });
});
