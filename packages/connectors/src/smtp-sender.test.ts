import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSmtpSender, messageIdFor, type SmtpSender, textToHtml } from './smtp-sender.ts';
import { SmtpSink } from './testing/smtp-sink.ts';

describe('createSmtpSender', () => {
  let sink: SmtpSink;
  let sender: SmtpSender;
  let url: string;

  beforeEach(async () => {
    sink = new SmtpSink();
    url = await sink.start();
    sender = createSmtpSender({ url, from: 'FlowDesk <desk@flowdesk.test>', timeoutMs: 2000 });
  });
  afterEach(async () => {
    sender.close();
    await sink.stop();
  });

  it('delivers text and escaped HTML with a stable Message-ID and the idempotency key', async () => {
    await sender.send(
      {
        to: 'wang@example.com',
        subject: '工单 CS20261122001 已受理',
        text: '您好 <王小明>\n电话 *******5678',
      },
      'exec-1:ack:1',
    );
    expect(sink.received).toHaveLength(1);
    const { mail, to } = sink.received[0] ?? { mail: undefined, to: [] };
    expect(to).toEqual(['wang@example.com']);
    expect(mail?.subject).toBe('工单 CS20261122001 已受理');
    expect(mail?.text?.trim()).toBe('您好 <王小明>\n电话 *******5678');
    expect(mail?.html).toContain('您好 &lt;王小明&gt;<br>电话 *******5678');
    expect(mail?.messageId).toBe(messageIdFor('exec-1:ack:1', 'desk@flowdesk.test'));
    expect(mail?.headers.get('x-flowdesk-idempotency-key')).toBe('exec-1:ack:1');
  });

  it('throws while the server is down, so the outbox keeps the message', async () => {
    await sink.stop();
    await expect(sender.send({ to: 'a@example.com', subject: 's', text: 't' }, 'k')).rejects.toThrow();
    await sink.start();
    await sender.send({ to: 'a@example.com', subject: 's', text: 't' }, 'k');
    expect(sink.received).toHaveLength(1);
  });

  it('threads with whole Message-IDs, giving our own digest-only ids back their domain', async () => {
    const digest = messageIdFor('reply:earlier', 'x@flowdesk.test').slice(1).split('@')[0] ?? '';
    await sender.send(
      {
        to: 'wang@example.com',
        subject: 'Re: 退货',
        text: '好的',
        inReplyTo: '<customer-2@example.com>',
        references: ['<customer-1@example.com>', digest, '<customer-2@example.com>'],
      },
      'reply:now',
    );
    const mail = sink.received[0]?.mail;
    expect(mail?.inReplyTo).toBe('<customer-2@example.com>');
    expect(mail?.references).toEqual([
      '<customer-1@example.com>',
      messageIdFor('reply:earlier', 'desk@flowdesk.test'),
      '<customer-2@example.com>',
    ]);
  });

  it('keeps paragraphs and escapes markup in the HTML part', () => {
    expect(textToHtml('a & b\n\n<script>')).toBe(
      '<!doctype html><html><body><p>a &amp; b</p><p>&lt;script&gt;</p></body></html>',
    );
  });
});
