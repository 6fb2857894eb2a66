// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n.tsx';
import { NO_FILTERS, queryOf } from './execution-list-query.ts';
import { ExecutionListTable, type ExecutionRow } from './execution-list-table.tsx';

const ROWS: ExecutionRow[] = [
  {
    id: 'ex-2',
    flowId: 'flow-returns',
    flowName: '退货处理',
    flowLocalizedName: { 'zh-CN': '退货处理', en: 'Returns' },
    version: 3,
    status: 'failed',
    startedAt: '2026-11-22T07:10:00.000Z',
    ticketNumber: null,
    customer: { name: 'Ana Lima', email: '***********.org', phone: null, channelId: null },
    outcome: {
      text: {
        'zh-CN': '在「查询订单」失败：HTTP 请求失败：timeout',
        en: 'Failed at "Look up order": The HTTP request failed: timeout',
      },
    },
  },
  {
    id: 'ex-1',
    flowId: 'gone',
    flowName: null,
    version: 1,
    status: 'completed',
    startedAt: '2026-11-22T07:00:00.000Z',
    ticketNumber: 'CS20261122001',
    customer: { name: '王小明', email: null, phone: '*******5678', channelId: null },
    outcome: { text: { 'zh-CN': '已完成，结束于「结束」', en: 'Finished at "End"' } },
  },
];

afterEach(cleanup);

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent?.trim() ?? '');
}

describe('executions list', () => {
  it('shows flow, ticket, customer (as the server masked it), status and outcome', () => {
    renderWithI18n(
      <MemoryRouter>
        <ExecutionListTable executions={ROWS} />
      </MemoryRouter>,
    );
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Started',
      'Flow',
      'Ticket',
      'Customer',
      'Status',
      'Outcome',
    ]);
    const [failed, finished] = screen.getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(cells(failed).slice(1)).toEqual([
      // A template's flow reads in the reader's language.
      'Returns v3',
      '—',
      'Ana Lima · ***********.org',
      'Failed',
      'Failed at "Look up order": The HTTP request failed: timeout',
    ]);
    expect(cells(finished).slice(1)).toEqual([
      'Deleted flow v1',
      'CS20261122001',
      '王小明 · *******5678',
      'Completed',
      'Finished at "End"',
    ]);
    expect(within(finished).getByRole('link').getAttribute('href')).toBe('/executions/ex-1');
  });

  it('reads in Chinese', () => {
    renderWithI18n(
      <MemoryRouter>
        <ExecutionListTable executions={ROWS} />
      </MemoryRouter>,
      'zh-CN',
    );
    expect(screen.getByRole('columnheader', { name: '工单' })).toBeTruthy();
    expect(screen.getByText('在「查询订单」失败：HTTP 请求失败：timeout')).toBeTruthy();
    expect(screen.getByText('已删除的流程')).toBeTruthy();
    expect(screen.getByText('退货处理')).toBeTruthy();
  });

  it('sends what is typed in the search box, trimmed, with the other filters', () => {
    expect(queryOf({ ...NO_FILTERS, search: '  CS20261122001 ', status: 'failed' })).toEqual({
      limit: 100,
      search: 'CS20261122001',
      status: 'failed',
    });
    expect(queryOf({ ...NO_FILTERS, search: '   ' })).toEqual({ limit: 100 });
  });
});
