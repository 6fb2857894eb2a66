// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { failingCasesOf, PublishTestFailures } from './publish-test-failures.tsx';

afterEach(cleanup);

/** The section with its own note, as the publish dialog holds it; `overrides` counts "Publish anyway". */
function Harness(props: { isAdmin: boolean; overrides: string[] }) {
  const [note, setNote] = useState('');
  return (
    <PublishTestFailures
      names={['VIP customer', 'Night request']}
      isAdmin={props.isAdmin}
      note={note}
      onNote={setNote}
      pending={false}
      onOverride={() => props.overrides.push(note)}
    />
  );
}

describe('the publish dialog’s failing test cases', () => {
  it('lists the failing cases and lets an admin publish anyway only with a note', () => {
    const overrides: string[] = [];
    renderWithI18n(<Harness isAdmin overrides={overrides} />);
    const section = screen.getByTestId('publish-test-failures');
    expect(
      within(section)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['VIP customer', 'Night request']);
    const publishAnyway = screen.getByRole('button', { name: 'Publish anyway' }) as HTMLButtonElement;
    expect(publishAnyway.disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: /Why publish anyway/ }), {
      target: { value: '   ' },
    });
    expect(publishAnyway.disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: /Why publish anyway/ }), {
      target: { value: 'Level 4 moves to the regular desk' },
    });
    fireEvent.click(publishAnyway);
    expect(overrides).toEqual(['Level 4 moves to the regular desk']);
  });

  it('tells an editor only an admin can publish past them, with no way round it', () => {
    renderWithI18n(<Harness isAdmin={false} overrides={[]} />, 'zh-CN');
    expect(screen.getByTestId('publish-test-failures').textContent).toContain('VIP customer');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/管理员/)).toBeTruthy();
  });

  it('reads the failing names from the refusal only, loosely', () => {
    const refusal = {
      data: {
        appCode: 'publish_tests_failed',
        failingCases: [{ name: 'VIP customer', passed: false }, { passed: false }, 'junk'],
      },
    };
    expect(failingCasesOf(refusal)).toEqual(['VIP customer']);
    expect(failingCasesOf({ data: { appCode: 'publish_blocked', failingCases: [{ name: 'x' }] } })).toEqual(
      [],
    );
    expect(failingCasesOf(new Error('network'))).toEqual([]);
  });
});
