import { InboundMailRefusal, type SmtpListener, startSmtpListener } from '@flowdesk/connectors';
import type { AppServices } from '../../app-deps.ts';
import { isAppError } from '../../http/app-error.ts';
import { EmailIntake } from './email-intake.ts';

/**
 * The inbound SMTP listener wired to the email intake. It takes no
 * authentication: run it on a private port behind the real MX or a firewall,
 * never facing the internet.
 *
 * SMTP reply text is US-ASCII by protocol (RFC 5321), so refusals carry the
 * English wording of the translated message; the HTTP route gives both.
 */

export interface EmailListenerOptions {
  host: string;
  port: number;
}

type Deps = Pick<AppServices, 'store' | 'runtime' | 'clock' | 'ids' | 'log'>;

export async function startEmailListener(deps: Deps, options: EmailListenerOptions): Promise<SmtpListener> {
  const intake = new EmailIntake(deps);
  const listener = await startSmtpListener({
    host: options.host,
    port: options.port,
    maxMessageBytes: () => intake.maxMessageBytes(),
    acceptRecipient: (address) => intake.acceptsRecipient(address),
    onMail: async (mail, envelope) => {
      try {
        await intake.receive(mail, envelope.rcptTo);
      } catch (error) {
        // Switched off or readdressed since RCPT TO: a permanent refusal. Anything else is
        // ours or temporary (451 from the listener), and the sender retries.
        if (isAppError(error) && (error.kind === 'not_found' || error.kind === 'bad_request')) {
          throw new InboundMailRefusal(550, error.messages.en);
        }
        throw error;
      }
    },
    onError: (error) =>
      deps.log.error('inbound email failed', {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  });
  deps.log.info('FlowDesk takes email over SMTP', { host: options.host, port: listener.port });
  return listener;
}
