import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSmtpSender, type SmtpListener, SmtpSink } from '@flowdesk/connectors';
import type { Ticket } from '@flowdesk/store';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { type AppServices, silentLogger } from '../../app-deps.ts';
import { createApiKey } from '../../auth/api-keys.ts';
import { createServices } from '../../boot/app-services.ts';
import { loadServerConfig } from '../../config/server-config.ts';
import { createApp } from '../../http/create-app.ts';
import { CustomerLinks } from '../../links/customer-links.ts';
import { ChannelOutbox } from '../../runtime/outbox/channel-outbox.ts';
import { connectChannels } from '../../runtime/outbox/outbox-channels.ts';
import {
  createRuntimeHarness,
  edge,
  graph,
  node,
  type RuntimeHarness,
  sequentialIds,
} from '../../runtime/runtime-test-kit.ts';
import { createCaller } from '../../trpc/_app.ts';
import { createInnerContext } from '../../trpc/context.ts';
import { startEmailListener } from './email-listener.ts';

/**
 * The email channel on loopback for tests: a real runtime with a published
 * flow, our SMTP listener, the app over HTTP, and an SMTP sink that receives
 * what the outbox sends. Only imported by tests.
 */

export const SUPPORT_ADDRESS = 'support@shop.example.cn';

export interface EmailBed {
  harness: RuntimeHarness;
  services: AppServices;
  /** Where our replies arrive. */
  sink: SmtpSink;
  baseUrl: string;
  apiKey: string;
  smtpPort: number;
  /** tRPC as an agent. */
  caller: ReturnType<typeof createCaller>;
  /** Sends through our listener; resolves with the server's answer or rejects with its code. */
  send(mail: Mail.Options): Promise<void>;
  /** POSTs raw MIME to /api/v1/channels/email. */
  post(raw: Buffer | string, contentType?: string): Promise<Response>;
  /** Runs due jobs (the outbox) until none is left. */
  drain(): Promise<void>;
  /** The ticket whose conversation holds this Message-ID. */
  ticketOf(messageId: string): Promise<Ticket | null>;
  close(): Promise<void>;
}

/** Request received → identify by email → create ticket → reply quoting the message and the number. */
export function emailReplyFlow() {
  return graph(
    [
      node('start', 'trigger.request_received', { channels: ['email'], categories: [], keywords: [] }),
      node('who', 'action.identify_customer', { by: ['email'], createIfMissing: true }),
      node('ticket', 'action.create_ticket', {
        title: '{{ request.subject }}',
        description: '{{ request.message }}',
        priority: 'auto',
        customFields: {},
      }),
      node('reply', 'action.send_message', {
        channel: 'reply',
        to: 'customer',
        body: {
          'zh-CN': '已收到您的邮件：{{ request.message }}\n工单号 {{ ticket.number }}',
          en: 'We got your mail: {{ request.message }}\nTicket {{ ticket.number }}',
        },
      }),
    ],
    [edge('start', 'next', 'who'), edge('who', 'next', 'ticket'), edge('ticket', 'next', 'reply')],
  );
}

export function composeMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

export async function createEmailBed(): Promise<EmailBed> {
  const sink = new SmtpSink();
  const sender = createSmtpSender({ url: await sink.start(), from: `Shop Support <${SUPPORT_ADDRESS}>` });
  const harness = await createRuntimeHarness({
    outbox: connectChannels(new ChannelOutbox(), { email: sender }),
  });
  const { store, clock, runtime } = harness;
  await store.channelSettings.put({
    workspaceId: 'default',
    channel: 'email',
    enabled: true,
    settings: { addresses: [SUPPORT_ADDRESS], maxMessageBytes: 16 * 1024 },
    updatedAt: clock.now().toISOString(),
  });
  const services = createServices({
    store,
    config: loadServerConfig({}),
    clock,
    ids: sequentialIds('http'),
    runtime,
    links: new CustomerLinks(store, undefined),
  });
  const app = createApp(services);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const listener: SmtpListener = await startEmailListener(
    { store, runtime, clock, ids: sequentialIds('mail'), log: silentLogger },
    { host: '127.0.0.1', port: 0 },
  );
  const apiKey = (
    await createApiKey(store, { id: 'mail-key', name: 'mail', role: 'agent', now: clock.now() })
  ).secret;
  const agent = await store.users.create({
    id: 'user-agent',
    email: 'agent@shop.example.cn',
    name: 'Agent Li',
    role: 'agent',
    passwordHash: 'not-a-password-hash',
    locale: 'zh-CN',
    createdAt: clock.now().toISOString(),
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
  await harness.publish('email-intake', emailReplyFlow());
  return {
    harness,
    services,
    sink,
    baseUrl,
    apiKey,
    smtpPort: listener.port,
    caller: createCaller(createInnerContext({ services, user: agent })),
    async send(mail) {
      await transport.sendMail(mail);
    },
    post: (raw, contentType = 'message/rfc822') =>
      fetch(`${baseUrl}/api/v1/channels/email`, {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${apiKey}` },
        body: raw,
      }),
    async drain() {
      for (let round = 0; round < 5; round++) await harness.drain();
    },
    async ticketOf(messageId) {
      const message = await store.conversations.findMessageByExternalId('default', 'email', messageId);
      const conversation = message ? await store.conversations.get(message.conversationId) : null;
      return conversation?.ticketId ? store.tickets.get(conversation.ticketId) : null;
    },
    async close() {
      transport.close();
      await listener.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sender.close();
      await sink.stop();
      await harness.close();
    },
  };
}
