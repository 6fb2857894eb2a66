import { createHmac } from 'node:crypto';
import { guardedFetch } from './guarded-fetch.ts';
import type { AddressResolver } from './outbound-guard.ts';

/** Standard Webhooks signature: base64 HMAC-SHA256 over `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface PostWebhookOptions {
  /** Signs the body; without it the webhook goes unsigned. */
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Lets the receiver be on this machine or the private network (tests, demos); off unless set. */
  readonly allowPrivateNetworks?: boolean;
  /** Resolves host names; for tests. */
  readonly resolve?: AddressResolver;
}

/**
 * Posts a JSON body to a receiver, signed Standard Webhooks style, with the
 * idempotency key as the webhook id so a repeated delivery can be recognised.
 * A non-2xx answer throws so the outbox retries. The receiver's URL is user
 * input, so it goes through the same private-network guard as HTTP steps.
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
  const response = await guardedFetch(
    url,
    { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) },
    {
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    },
  );
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
}
