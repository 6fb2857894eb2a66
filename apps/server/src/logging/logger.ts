import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import type { Logger } from '../app-deps.ts';
import type { LogLevel } from '../config/server-config.ts';
import { maskContacts } from '../privacy/contact-masking.ts';

/**
 * The server's log: one JSON object per line on stderr (`time`, `level`,
 * `message`, then the fields), written by pino — a maintained, fast logger
 * with path-based redaction — instead of our own JSON.stringify writer.
 */

/** Fields and headers that hold a secret: never written, not even in part. */
const SECRET_FIELDS = ['password', 'token', 'secret', 'appSecret', 'apiKey', 'authorization', 'cookie'];
const SECRET_HEADERS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Bodies of requests and messages are customers' words and contacts: never
 * written whole, whatever a future log call passes. Contact fields elsewhere
 * keep their last four characters (maskContacts below).
 */
const BODY_PATHS = ['body', '*.body', 'req.body', 'res.body', 'req.query', 'req.params'];

/** `token` at the top and one level down (`channel.token`), and the same for every name. */
function atTopAndOneDown(names: readonly string[]): string[] {
  return names.flatMap((name) => [name, `*.${name}`]);
}

export const REDACTED = '[redacted]';

/** The pino instance behind each Logger made here, so pino-http can share it (see request-log.ts). */
const PINO_BEHIND = new WeakMap<Logger, PinoLogger>();

export function pinoBehind(log: Logger): PinoLogger | undefined {
  return PINO_BEHIND.get(log);
}

/**
 * A Logger at `level` (FLOWDESK_LOG_LEVEL; `silent` writes nothing). Lines go
 * to stderr, synchronously, so the last lines before a crash are not lost;
 * tests pass their own destination.
 */
export function createLogger(
  level: LogLevel,
  destination: DestinationStream = pino.destination({ dest: 2, sync: true }),
): Logger {
  const logger = pino(
    {
      level,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        // The product's one masking rule (privacy/contact-masking.ts), at any depth:
        // contact fields and phone numbers or emails inside logged text keep their last four characters.
        log: (fields) => maskContacts(fields) as Record<string, unknown>,
      },
      redact: {
        paths: [...atTopAndOneDown(SECRET_FIELDS), ...SECRET_HEADERS, ...BODY_PATHS],
        censor: REDACTED,
      },
    },
    destination,
  );
  const log: Logger = {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
  PINO_BEHIND.set(log, logger);
  return log;
}
