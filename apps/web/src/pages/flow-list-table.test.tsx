// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { type FlowListRow, FlowListTable, matchingFlows } from './flow-list-table.tsx';

const FLOWS: FlowListRow[] = [
  // Listed most recently changed first, as the server does; shown in intake order.
  {
    id: 'b',
    name: 'Complaints',
    latestVersion: 2,
    updatedAt: '2026-11-20T02:00:00.000Z',
    enabled: false,
    position: 1,
  },
  {
    id: 'a',
    name: '售前咨询',
    latestVersion: 1,
    updatedAt: '2026-11-20T01:00:00.000Z',
    enabled: true,
    position: 0,
  },
];

function renderTable(props: Partial<Parameters<typeof FlowListTable>[0]> = {}) {
  const onToggle = vi.fn();
  const onMove = vi.fn();
  renderWithI18n(
    <MemoryRouter>
      <FlowListTable flows={FLOWS} canEdit onToggle={onToggle} onMove={onMove} {...props} />
    </MemoryRouter>,
  );
  return { onToggle, onMove };
}

afterEach(cleanup);

describe('flow list on/off switch and order', () => {
  it('shows flows in intake order with a switch that says whether each is on', () => {
    renderTable();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['售前咨询', 'Complaints']);
    expect((screen.getByRole('switch', { name: 'Turn "售前咨询" on' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect((screen.getByRole('switch', { name: 'Turn "Complaints" on' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  it('turns a flow off and on through the switch', () => {
    const { onToggle } = renderTable();
    fireEvent.click(screen.getByRole('switch', { name: 'Turn "售前咨询" on' }));
    expect(onToggle).toHaveBeenLastCalledWith('a', false);
    fireEvent.click(screen.getByRole('switch', { name: 'Turn "Complaints" on' }));
    expect(onToggle).toHaveBeenLastCalledWith('b', true);
  });

  it('moves a flow up or down, with no way past either end', () => {
    const { onMove } = renderTable();
    expect((screen.getByRole('button', { name: 'Move "售前咨询" up' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(
      (screen.getByRole('button', { name: 'Move "Complaints" down' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move "Complaints" up' }));
    expect(onMove).toHaveBeenCalledWith('b', 'up');
  });

  it('shows viewers the state without working controls, in Chinese too', () => {
    const { onToggle } = renderTable({ canEdit: false });
    const toggle = screen.getByRole('switch', { name: 'Turn "售前咨询" on' });
    expect((toggle as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(toggle);
    expect(onToggle).not.toHaveBeenCalled();
    cleanup();
    renderWithI18n(
      <MemoryRouter>
        <FlowListTable flows={FLOWS} canEdit onToggle={vi.fn()} onMove={vi.fn()} />
      </MemoryRouter>,
      'zh-CN',
    );
    expect((screen.getByRole('switch', { name: '启用「Complaints」' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });
});

describe('flow names in the interface language', () => {
  const installed: FlowListRow = {
    id: 'tpl-retail-intake',
    name: '零售：请求受理与分流',
    localizedName: { 'zh-CN': '零售：请求受理与分流', en: 'Retail: request intake' },
    latestVersion: 1,
    updatedAt: '2026-11-20T03:00:00.000Z',
    position: 2,
  };

  it('shows a template flow’s name in the interface language and a hand-named flow’s name as written', () => {
    renderWithI18n(
      <MemoryRouter>
        <FlowListTable flows={[...FLOWS, installed]} canEdit onToggle={vi.fn()} onMove={vi.fn()} />
      </MemoryRouter>,
      'en',
    );
    expect(screen.getByRole('link', { name: 'Retail: request intake' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '售前咨询' })).toBeTruthy();
    cleanup();
    renderWithI18n(
      <MemoryRouter>
        <FlowListTable flows={[...FLOWS, installed]} canEdit onToggle={vi.fn()} onMove={vi.fn()} />
      </MemoryRouter>,
      'zh-CN',
    );
    expect(screen.getByRole('link', { name: '零售：请求受理与分流' })).toBeTruthy();
  });

  it('finds a template flow by its name in either language', () => {
    expect(matchingFlows([...FLOWS, installed], 'request intake').map((row) => row.id)).toEqual([
      'tpl-retail-intake',
    ]);
    expect(matchingFlows([...FLOWS, installed], '受理').map((row) => row.id)).toEqual(['tpl-retail-intake']);
  });
});
