import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { parseInboundMail } from './parse-inbound-mail.ts';
import { stripQuotedHistory } from './quoted-history.ts';

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

describe('parseInboundMail', () => {
  it('reads threading headers, addresses, text and attachment metadata', async () => {
    const raw = await compose({
      from: '"王小明" <xiaoming@example.com>',
      to: 'Support@Shop.example.cn',
      cc: 'sales@shop.example.cn',
      subject: 'Re: [CS20261122001] 退货',
      text: '好的，谢谢。\n\n在 2026年11月22日 10:00，客服 <support@shop.example.cn> 写道：\n> 已收到',
      messageId: '<reply-1@example.com>',
      inReplyTo: '<abc123@shop.example.cn>',
      references: ['<first@example.com>', '<abc123@shop.example.cn>'],
      attachments: [{ filename: '发票.pdf', content: Buffer.alloc(1500, 1), contentType: 'application/pdf' }],
    });
    const mail = await parseInboundMail(raw);
    expect(mail).toMatchObject({
      messageId: '<reply-1@example.com>',
      inReplyTo: '<abc123@shop.example.cn>',
      references: ['<first@example.com>', '<abc123@shop.example.cn>'],
      from: { name: '王小明', address: 'xiaoming@example.com' },
      to: ['support@shop.example.cn', 'sales@shop.example.cn'],
      subject: 'Re: [CS20261122001] 退货',
      strippedText: '好的，谢谢。',
      attachments: [{ name: '发票.pdf', contentType: 'application/pdf', size: 1500 }],
    });
    expect(mail.text).toContain('> 已收到');
  });

  it('turns an HTML-only mail into text without running or keeping its markup', async () => {
    const raw = await compose({
      from: 'a@example.com',
      to: 'support@shop.example.cn',
      html: '<p>Hello <b>team</b></p><script>alert(1)</script><p>{{ customer.name }}</p>',
    });
    const mail = await parseInboundMail(raw);
    expect(mail.text).toContain('Hello team');
    expect(mail.text).toContain('{{ customer.name }}');
    expect(mail.text).not.toContain('<b>');
    expect(mail.text).not.toContain('<script>');
  });
});

describe('stripQuotedHistory', () => {
  it('cuts at an English "On … wrote:" line, even when wrapped', () => {
    const text =
      'Thanks, that works.\n\nOn Mon, 23 Nov 2026 at 10:00, FlowDesk\n<desk@shop.example.cn> wrote:\n> old';
    expect(stripQuotedHistory(text)).toBe('Thanks, that works.');
  });

  it('cuts at Outlook and QQ Mail / Foxmail header blocks', () => {
    const outlook = [
      'Please send a new one.',
      '',
      '________________________________',
      'From: Support <support@shop.example.cn>',
      'Sent: Monday, November 23, 2026 10:00',
      'To: Wang <xiaoming@example.com>',
      'Subject: Re: order',
      '',
      'old text',
    ].join('\n');
    expect(stripQuotedHistory(outlook)).toBe('Please send a new one.');
    const qq =
      '收到，谢谢！\n\n------------------ 原始邮件 ------------------\n发件人: "客服"<support@shop.example.cn>;\n发送时间: 2026年11月23日\n旧内容';
    expect(stripQuotedHistory(qq)).toBe('收到，谢谢！');
    const foxmail =
      '已经补拍照片。\n\n发件人：客服\n发送时间：2026-11-23 10:00\n收件人：王小明\n主题：Re: 退货\n旧内容';
    expect(stripQuotedHistory(foxmail)).toBe('已经补拍照片。');
    expect(stripQuotedHistory('Hi\n-----Original Message-----\nFrom: x')).toBe('Hi');
  });

  it('keeps a text that is only quotes, and keeps a lone "From:" line that is not a header block', () => {
    expect(stripQuotedHistory('> only a quote')).toBe('> only a quote');
    expect(stripQuotedHistory('From: my old address\nplease update it')).toBe(
      'From: my old address\nplease update it',
    );
  });
});
