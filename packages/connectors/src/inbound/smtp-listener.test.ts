import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMail } from './parse-inbound-mail.ts';
import {
  InboundMailRefusal,
  type SmtpEnvelope,
  type SmtpListener,
  startSmtpListener,
} from './smtp-listener.ts';

interface Received {
  mail: InboundMail;
  envelope: SmtpEnvelope;
}

let listener: SmtpListener | undefined;

afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

async function listen(
  options: {
    maxMessageBytes?: number;
    maxClients?: number;
    maxMessagesPerSession?: number;
    onMail?: (mail: InboundMail) => Promise<void>;
  } = {},
): Promise<{ received: Received[]; port: number }> {
  const received: Received[] = [];
  listener = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    maxMessageBytes: options.maxMessageBytes ?? 64 * 1024,
    ...(options.maxClients ? { maxClients: options.maxClients } : {}),
    ...(options.maxMessagesPerSession ? { maxMessagesPerSession: options.maxMessagesPerSession } : {}),
    acceptRecipient: async (address) => address === 'support@shop.example.cn',
    onMail: async (mail, envelope) => {
      await options.onMail?.(mail);
      received.push({ mail, envelope });
    },
  });
  return { received, port: listener.port };
}

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

/** nodemailer rejects with the server's answer; its responseCode is what a sending MTA would see. */
async function refusal(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode;
  }
}

describe('startSmtpListener', () => {
  it('accepts mail for a known address and hands over the parsed mail and envelope', async () => {
    const { received, port } = await listen();
    const info = await transport(port).sendMail({
      from: '王小明 <Xiaoming@Example.com>',
      to: 'support@shop.example.cn',
      subject: '订单没收到',
      text: '订单 A1001 还没到。',
      messageId: '<m1@example.com>',
    });
    expect(info.response).toMatch(/^250/);
    expect(received).toHaveLength(1);
    expect(received[0]?.mail).toMatchObject({
      messageId: '<m1@example.com>',
      from: { name: '王小明', address: 'xiaoming@example.com' },
      subject: '订单没收到',
      strippedText: '订单 A1001 还没到。',
    });
    expect(received[0]?.envelope).toMatchObject({
      mailFrom: 'Xiaoming@example.com',
      rcptTo: ['support@shop.example.cn'],
    });
  });

  it('refuses an unknown recipient with 550 at RCPT TO', async () => {
    const { received, port } = await listen();
    const code = await refusal(
      transport(port).sendMail({ from: 'a@example.com', to: 'nobody@shop.example.cn', text: 'hi' }),
    );
    expect(code).toBe(550);
    expect(received).toHaveLength(0);
  });

  it('refuses an oversized mail with 552 when the client announces its size', async () => {
    const { received, port } = await listen({ maxMessageBytes: 2048 });
    const code = await refusal(
      transport(port).sendMail({
        from: 'a@example.com',
        to: 'support@shop.example.cn',
        text: 'x'.repeat(10_000),
      }),
    );
    expect(code).toBe(552);
    expect(received).toHaveLength(0);
  });

  it('counts the bytes itself when the client ignores SIZE', async () => {
    const { received, port } = await listen({ maxMessageBytes: 2048 });
    // A raw SMTP conversation that never says SIZE=, like a careless client.
    const replies = await rawSmtp(port, [
      'HELO test',
      'MAIL FROM:<a@example.com>',
      'RCPT TO:<support@shop.example.cn>',
      'DATA',
      `Subject: big\r\n\r\n${'y'.repeat(5000)}\r\n.`,
      'QUIT',
    ]);
    expect(replies.some((line) => line.startsWith('552'))).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('answers 451 when storing fails, so the sender retries, and a deliberate refusal keeps its code', async () => {
    const failing = await listen({
      onMail: async (mail) => {
        if (mail.subject === 'refuse') throw new InboundMailRefusal(550, 'Channel switched off');
        throw new Error('database down');
      },
    });
    const send = (subject: string) =>
      transport(failing.port).sendMail({
        from: 'a@example.com',
        to: 'support@shop.example.cn',
        subject,
        text: 't',
      });
    expect(await refusal(send('boom'))).toBe(451);
    expect(await refusal(send('refuse'))).toBe(550);
  });

  it('turns away a connection over the client limit with 421 and closes it', async () => {
    const { port } = await listen({ maxClients: 1 });
    const { createConnection } = await import('node:net');
    const first = createConnection({ port, host: '127.0.0.1' });
    try {
      await new Promise<void>((resolve) => first.once('data', () => resolve()));
      const replies = await rawSmtp(port, ['QUIT']);
      expect(replies[0]).toMatch(/^421 .*Too many connected clients/);
    } finally {
      first.destroy();
    }
  });

  it('accepts a set number of mails per session, then answers 421 so the sender reconnects', async () => {
    const { received, port } = await listen({ maxMessagesPerSession: 2 });
    const mail = (n: number) => [
      'MAIL FROM:<a@example.com>',
      'RCPT TO:<support@shop.example.cn>',
      'DATA',
      `Subject: mail ${n}\r\n\r\nhello\r\n.`,
    ];
    const replies = await rawSmtp(port, ['HELO test', ...mail(1), ...mail(2), ...mail(3), 'QUIT']);
    expect(replies.at(-1)).toMatch(/^421 .*Too many messages/);
    expect(received.map((item) => item.mail.subject)).toEqual(['mail 1', 'mail 2']);
  });
});

/** Speaks SMTP line by line over a socket and collects the server's reply lines. */
async function rawSmtp(port: number, commands: string[]): Promise<string[]> {
  const { createConnection } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const lines: string[] = [];
    let buffer = '';
    let next = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const complete = buffer.split('\r\n');
      buffer = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        // A reply is complete at "NNN " (not "NNN-"); then the next command goes out.
        if (/^\d{3} /.test(line) && next < commands.length) socket.write(`${commands[next++]}\r\n`);
      }
    });
    socket.on('end', () => resolve(lines));
    socket.on('error', reject);
  });
}
