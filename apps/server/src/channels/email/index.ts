import { createSmtpSender } from '@flowdesk/connectors';
import type { ChannelModule } from '../channel-module.ts';
import { emailRoute } from './email.route.ts';
import { startEmailListener } from './email-listener.ts';
import { emailSettings } from './email-settings.ts';

/** Mail in over HTTP (raw MIME) or SMTP (email-listener.ts, when the operator sets a listen address); replies out through the SMTP connector. */
export const emailChannel = {
  id: 'email',
  requestChannels: ['email'],
  settings: emailSettings,
  routes: (services) => [emailRoute(services)],
  outbound: {
    channel: 'email',
    connect: ({ options }) => {
      if (!options.smtp) return undefined;
      const email = createSmtpSender(options.smtp);
      return { connectors: { email }, close: () => email.close() };
    },
    sender: ({ email }) =>
      email &&
      ((message, key) =>
        email.send(
          {
            to: message.to,
            subject: message.subject ?? '',
            text: message.body,
            html: message.html,
            inReplyTo: message.inReplyTo,
            references: message.references,
          },
          key,
        )),
  },
  listen: async ({ options, services }) =>
    options.smtpListen ? await startEmailListener(services, options.smtpListen) : undefined,
} as const satisfies ChannelModule<'email'>;
