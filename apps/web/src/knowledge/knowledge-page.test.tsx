// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServer } from '../desk/ticket-actions/ticket-actions.test-kit.tsx';
import { KnowledgePage } from './knowledge-page.tsx';

afterEach(cleanup);

const published = {
  id: 'kb-returns',
  workspaceId: 'default',
  title: { 'zh-CN': '退货', en: 'Returns' },
  questions: { 'zh-CN': ['怎么申请退货'], en: ['How do I return an item?'] },
  answer: { 'zh-CN': '签收 7 天内可退。', en: 'Within 7 days of delivery.' },
  tags: ['returns'],
  status: 'published',
  updatedAt: '2026-11-22T08:00:00.000Z',
};

const me = (role: string) => ({
  id: `user-${role}`,
  name: role,
  email: `${role}@x.test`,
  role,
  locale: 'en',
});

function renderPage(role: string, answers: Record<string, unknown> = {}) {
  return renderWithServer(
    <MemoryRouter>
      <KnowledgePage />
    </MemoryRouter>,
    { 'auth.me': me(role), 'knowledge.list': [published], ...answers },
  );
}

describe('knowledge page', () => {
  it('lets an agent read published articles in both languages, without editing or usage', async () => {
    const view = renderPage('agent');
    fireEvent.click(await screen.findByRole('button', { name: 'Returns' }));
    expect(await screen.findByText('Within 7 days of delivery.')).toBeTruthy();
    expect(screen.getByText('签收 7 天内可退。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'New article' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Status' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(view.calls('knowledge.usage')).toEqual([]);
  });

  it('shows an editor the usage columns and the server’s reason when publishing is refused, without creating the article twice', async () => {
    const refused = 'Give at least one question and an answer in one language before publishing';
    const view = renderPage('editor', {
      'knowledge.usage': [
        {
          articleId: 'kb-returns',
          usesTotal: 4,
          usesLast30Days: 3,
          helpful: 2,
          notHelpful: 1,
          lastUsedAt: '2026-11-22T09:00:00.000Z',
          latest: [],
        },
      ],
      'knowledge.create': { ...published, id: 'kb-new', status: 'draft' },
      'knowledge.update': { ...published, id: 'kb-new', status: 'draft' },
      'knowledge.publish': new Error(refused),
    });
    expect(await screen.findByText('3 / 4')).toBeTruthy();
    expect(screen.getByText('2 / 1')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New article' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '发票' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toBe(refused);
    expect(view.calls('knowledge.create')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await waitFor(() => expect(view.calls('knowledge.publish')).toHaveLength(2));
    expect(view.calls('knowledge.create')).toHaveLength(1);
    expect(view.calls('knowledge.update')[0]?.input).toMatchObject({ id: 'kb-new' });
  });
});
