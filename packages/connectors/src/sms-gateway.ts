/** One SMS as the gateway receives it; the key lets the gateway drop a repeat. */
export interface SmsMessage {
  readonly to: string;
  readonly text: string;
}

export interface SmsGatewayOptions {
  /** The gateway's endpoint; it receives `POST { to, text, idempotencyKey }` as JSON. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token?: string;
  readonly timeoutMs?: number;
}

export type SmsSender = (message: SmsMessage, idempotencyKey: string) => Promise<void>;

/**
 * Sends SMS through a plain HTTP gateway. Anything but a 2xx answer (or no
 * answer at all) throws, so the outbox keeps the message and retries it.
 */
export function createSmsGateway(options: SmsGatewayOptions): SmsSender {
  return async (message, idempotencyKey) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: message.to, text: message.text, idempotencyKey }),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
  };
}
