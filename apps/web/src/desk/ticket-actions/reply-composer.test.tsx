// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReplyComposer } from './reply-composer.tsx';
import { renderWithServer } from './ticket-actions.test-kit.tsx';

afterEach(cleanup);

const templates = [{ id: 'apology', name: { 'zh-CN': '致歉', en: 'Apology' } }];
const suggestion = {
  articleId: 'returns',
  title: { 'zh-CN': '如何退货', en: 'How to return an item' },
  answer: { 'zh-CN': '7 天内可免费退货。', en: 'Returns are free within 7 days.' },
  confidence: 0.82,
  locale: 'zh-CN',
};

function renderComposer(answers: Record<string, unknown> = {}, onSent = vi.fn()) {
  return renderWithServer(
    <ReplyComposer ticketId="t-1" channel="email" templates={templates} onSent={onSent} />,
    {
      'tickets.knowledgeSuggestions': [suggestion],
      'tickets.renderReplyTemplate': {
        subject: '关于工单 CS2026',
        body: '王先生您好，非常抱歉。',
        locale: 'zh-CN',
      },
      'tickets.reply': { queued: true, channel: 'email', ticket: { id: 't-1' } },
      'knowledge.recordUse': { recorded: true },
      ...answers,
    },
  );
}

const replyBox = () => screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;

describe('reply composer', () => {
  it('inserts the rendered template and a knowledge answer, then sends the text with its subject', async () => {
    const onSent = vi.fn();
    const view = renderComposer({}, onSent);

    fireEvent.change(screen.getByRole('combobox', { name: 'Insert a message template' }), {
      target: { value: 'apology' },
    });
    await waitFor(() => expect(replyBox().value).toBe('王先生您好，非常抱歉。'));
    expect(view.calls('tickets.renderReplyTemplate')[0]?.input).toEqual({ id: 't-1', templateId: 'apology' });
    expect((screen.getByRole('textbox', { name: 'Email subject' }) as HTMLInputElement).value).toBe(
      '关于工单 CS2026',
    );

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Insert the answer of “How to return an item” into the reply',
      }),
    );
    expect(replyBox().value).toBe('王先生您好，非常抱歉。\n\n7 天内可免费退货。');
    // Inserting the article is one use of it by an agent, in the customer's language, named by a fresh id.
    await waitFor(() =>
      expect(view.calls('knowledge.recordUse')[0]?.input).toEqual({
        useId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        articleId: 'returns',
        ticketId: 't-1',
        locale: 'zh-CN',
      }),
    );
    // A second click on the same article in the same reply names the same use, so the server counts it once.
    const insertAgain = screen.getByRole('button', {
      name: 'Insert the answer of “How to return an item” into the reply',
    });
    fireEvent.click(insertAgain);
    await waitFor(() => expect(view.calls('knowledge.recordUse')).toHaveLength(2));
    const [firstUse, secondUse] = view
      .calls('knowledge.recordUse')
      .map((call) => call.input as { useId: string });
    expect(secondUse?.useId).toBe(firstUse?.useId);
    fireEvent.change(replyBox(), { target: { value: '王先生您好，非常抱歉。\n\n7 天内可免费退货。' } });

    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Reply sent. It is on its way to the customer.',
    );
    expect(view.calls('tickets.reply').map((call) => call.input)).toEqual([
      { id: 't-1', body: '王先生您好，非常抱歉。\n\n7 天内可免费退货。', subject: '关于工单 CS2026' },
    ]);
    expect(onSent).toHaveBeenCalledOnce();
    expect(replyBox().value).toBe('');
    // The next reply is a new use of the article.
    fireEvent.click(insertAgain);
    await waitFor(() => expect(view.calls('knowledge.recordUse')).toHaveLength(3));
    const thirdUse = view.calls('knowledge.recordUse')[2]?.input as { useId: string } | undefined;
    expect(thirdUse?.useId).not.toBe(firstUse?.useId);
  });

  it('shows the server’s reason when the customer cannot be reached, and keeps the text', async () => {
    const onSent = vi.fn();
    renderComposer(
      { 'tickets.reply': new Error('The customer has no email address, so the reply was not sent') },
      onSent,
    );
    fireEvent.change(replyBox(), { target: { value: '您好' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'The customer has no email address, so the reply was not sent',
    );
    expect(replyBox().value).toBe('您好');
    expect(onSent).not.toHaveBeenCalled();
  });

  it('cannot send an empty reply', () => {
    renderComposer();
    expect((screen.getByRole('button', { name: 'Send reply' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
