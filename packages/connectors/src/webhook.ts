import { createHmac } from 'node:crypto';

/** Standard Webhooks signature: base64 HMAC-SHA256 over `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface PostWebhookOptions {
  /** Signs the body; without it the webhook goes unsigned. */
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * Posts a JSON body to a receiver, signed Standard Webhooks style, with the
 * idempotency key as the webhook id so a repeated delivery can be recognised.
 * A non-2xx answer throws so the outbox retries.
 */
export async function postWebhook(
  url: string,
  body: string,
  idempotencyKey: string,
  options: PostWebhookOptions = {},
): Promise<void> {
  const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': idempotencyKey,
    'webhook-timestamp': String(timestamp),
    'idempotency-key': idempotencyKey,
  };
  if (options.secret)
    headers['webhook-signature'] = signWebhook(options.secret, idempotencyKey, timestamp, body);
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
}
