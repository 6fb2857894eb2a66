// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { type FlowListRow, FlowListTable, matchingFlows } from './flow-list-table.tsx';

const FLOWS: FlowListRow[] = [
  {
    id: 'a',
    name: '售前咨询',
    latestVersion: 2,
    updatedAt: '2026-11-20T01:00:00.000Z',
    position: 0,
    triggerType: 'trigger.request_received',
    hasUnpublishedChanges: true,
  },
  {
    id: 'b',
    name: 'Nightly follow-up',
    latestVersion: 1,
    updatedAt: '2026-11-20T02:00:00.000Z',
    position: 1,
    triggerType: 'trigger.schedule',
    hasUnpublishedChanges: false,
  },
  {
    id: 'c',
    name: 'Draft idea',
    latestVersion: null,
    updatedAt: '2026-11-20T03:00:00.000Z',
    position: 2,
    triggerType: 'trigger.request_received',
    hasUnpublishedChanges: true,
  },
];

function renderTable(search = '', locale: 'en' | 'zh-CN' = 'en') {
  renderWithI18n(
    <MemoryRouter>
      <FlowListTable flows={FLOWS} canEdit onToggle={vi.fn()} onMove={vi.fn()} search={search} />
    </MemoryRouter>,
    locale,
  );
}

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

afterEach(cleanup);

describe('flow list: trigger, live version and search', () => {
  it("shows each flow's trigger and says when the draft has unpublished changes", () => {
    renderTable();
    const [presale, nightly, draft] = screen.getAllByRole('row').slice(1) as HTMLElement[];
    expect(within(presale as HTMLElement).getByText('Request received')).toBeTruthy();
    expect(presale?.textContent).toContain('v2');
    expect(presale?.textContent).toContain('Draft has unpublished changes');
    expect(nightly?.textContent).not.toContain('unpublished');
    // Never published: "Not published" says it all.
    expect(draft?.textContent).toContain('Not published');
    expect(draft?.textContent).not.toContain('unpublished changes');
  });

  it('filters by name or trigger, in either language, and rests the order buttons meanwhile', () => {
    renderTable('follow');
    expect(names()).toEqual(['Nightly follow-up']);
    expect(
      (screen.getByRole('button', { name: 'Move "Nightly follow-up" up' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(matchingFlows(FLOWS, '售前').map((flow) => flow.id)).toEqual(['a']);
    expect(matchingFlows(FLOWS, 'request received').map((flow) => flow.id)).toEqual(['a', 'c']);
    expect(matchingFlows(FLOWS, '收到').map((flow) => flow.id)).toEqual(
      matchingFlows(FLOWS, 'request received').map((flow) => flow.id),
    );
  });

  it('reads in Chinese', () => {
    renderTable('', 'zh-CN');
    expect(screen.getByRole('columnheader', { name: '触发方式' })).toBeTruthy();
    expect(screen.getAllByText('草稿有未发布的修改')).toHaveLength(1);
  });
});
