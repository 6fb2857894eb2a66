import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { type InboundMail, parseInboundMail } from './parse-inbound-mail.ts';

/**
 * An inbound SMTP listener: MX-like, but meant to sit BEHIND the real MX or a
 * firewall on a private port. It takes no authentication and offers no TLS,
 * so it must not face the internet directly; the real mail server relays to it.
 *
 * Answers: unknown recipient → 550 at RCPT TO; over the size limit → 552 (the
 * limit is announced with SIZE and also enforced by counting bytes, for
 * clients that ignore SIZE); a failure while storing → 451, so the sender
 * retries; a refusal the handler raises on purpose → its own 5xx code;
 * stored → 250. Load is bounded per listener: past `maxClients` connections a
 * new one gets 421 and is closed, and a session that has sent
 * `maxMessagesPerSession` mails gets 421 at the next MAIL FROM; both are
 * temporary, so a real MTA reconnects later and delivers the rest.
 */

/** Enough for a relaying MTA's parallel deliveries; each open session holds a socket and a parser. */
export const DEFAULT_MAX_CLIENTS = 100;
/** A relaying MTA sends a batch per connection; after this many it reconnects. */
export const DEFAULT_MAX_MESSAGES_PER_SESSION = 50;

export interface SmtpEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string;
}

export interface SmtpListenerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** A number, or read at the start of every session so a settings change applies without a restart. */
  maxMessageBytes: number | (() => number | Promise<number>);
  acceptRecipient(address: string): Promise<boolean>;
  onMail(mail: InboundMail, envelope: SmtpEnvelope): Promise<void>;
  /** Told about handler failures answered with 451 (they are ours, not the sender's). */
  onError?(error: unknown): void;
  /** Connections open at once; default DEFAULT_MAX_CLIENTS. */
  maxClients?: number;
  /** Mails accepted over one connection; default DEFAULT_MAX_MESSAGES_PER_SESSION. */
  maxMessagesPerSession?: number;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

/** Thrown by a handler to refuse a mail for good (the sender must not retry). */
export class InboundMailRefusal extends Error {
  constructor(
    readonly responseCode: 550 | 552 | 554,
    message: string,
  ) {
    super(message);
    this.name = 'InboundMailRefusal';
  }
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Reads the DATA stream to its end (the protocol needs that before answering)
 * but keeps no more than `limit` bytes: an oversized mail is never buffered.
 */
function readLimited(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(total > limit || stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    mailFrom: mailFrom ? mailFrom.address : null,
    rcptTo: rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
    remoteAddress: session.remoteAddress,
  };
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const limitNow = async () =>
    typeof options.maxMessageBytes === 'number' ? options.maxMessageBytes : await options.maxMessageBytes();
  const initial = await limitNow();
  const maxMessages = options.maxMessagesPerSession ?? DEFAULT_MAX_MESSAGES_PER_SESSION;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: initial,
    // On shutdown a session still talking gets 421 after this and its sender retries later.
    closeTimeout: 5_000,
    maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS,
    onConnect(_session, callback) {
      // The SIZE announced in EHLO follows the current setting.
      limitNow()
        .then((limit) => {
          server.options.size = limit;
          callback();
        })
        .catch(() => callback(smtpError(451, 'Temporary failure, try again later')));
    },
    onMailFrom(_address, session, callback) {
      // `transaction` counts this session's mails, 1 for the first; 421 also closes the connection.
      if (session.transaction > maxMessages) {
        callback(smtpError(421, 'Too many messages in one session, reconnect to send more'));
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      options
        .acceptRecipient(address.address.toLowerCase())
        .then((accepted) =>
          callback(accepted ? undefined : smtpError(550, `No such recipient here: ${address.address}`)),
        )
        .catch((error: unknown) => {
          options.onError?.(error);
          callback(smtpError(451, 'Temporary failure, try again later'));
        });
    },
    onData(stream, session, callback) {
      const limit = Number(server.options.size) || initial;
      readLimited(stream, limit)
        .then(async (raw) => {
          if (raw === null) {
            callback(smtpError(552, `Message exceeds fixed maximum message size ${limit}`));
            return;
          }
          await options.onMail(await parseInboundMail(raw), envelopeOf(session));
          callback();
        })
        .catch((error: unknown) => {
          if (error instanceof InboundMailRefusal) {
            callback(smtpError(error.responseCode, error.message));
            return;
          }
          options.onError?.(error);
          callback(smtpError(451, 'Temporary failure, try again later'));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A broken client connection must not crash the process.
  server.on('error', (error) => options.onError?.(error));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
