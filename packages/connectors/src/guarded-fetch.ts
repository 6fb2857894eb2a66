import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import {
  guardedLookup,
  isPrivateAddress,
  type OutboundGuardOptions,
  OutboundRefusal,
  parseOutboundUrl,
} from './outbound-guard.ts';

export interface GuardedRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** Statuses whose response has no body; `Response` refuses one for them. */
const NO_BODY = new Set([101, 204, 205, 304]);

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/**
 * `fetch` for outbound calls whose URL users choose (HTTP steps, webhooks).
 * Node 20's own fetch has no public way to control where its socket connects
 * (undici's `Agent` is not importable without adding the package), so this
 * uses node:http/https with `guardedLookup`: the address checked is the
 * address connected to. Redirects are refused, like `redirect: 'error'`, so a
 * public server cannot bounce the call into the private network. Each call
 * gets its own socket (`agent: false`): a pooled keep-alive socket opened
 * under another policy must never be reused.
 */
export async function guardedFetch(
  url: string | URL,
  init: GuardedRequestInit,
  guard: OutboundGuardOptions,
): Promise<Response> {
  const parsed = parseOutboundUrl(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  // Node connects to an IP literal without calling lookup, so literals are checked here.
  if (!guard.allowPrivateNetworks && isIP(host) && isPrivateAddress(host))
    throw new OutboundRefusal(`${parsed.hostname} is a private address`);
  const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return await new Promise<Response>((resolve, reject) => {
    const outgoing = send(
      parsed,
      {
        method: init.method ?? 'GET',
        headers: { ...init.headers },
        lookup: guardedLookup(guard),
        agent: false,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (incoming) => {
        const status = incoming.statusCode ?? 0;
        if (status >= 300 && status < 400 && incoming.headers.location) {
          incoming.destroy();
          reject(new OutboundRefusal(`redirects are not followed (HTTP ${status})`));
          return;
        }
        try {
          const body = NO_BODY.has(status)
            ? null
            : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>);
          if (!body) incoming.resume();
          resolve(
            new Response(body, {
              status,
              statusText: incoming.statusMessage ?? '',
              headers: toHeaders(incoming),
            }),
          );
        } catch (error) {
          incoming.destroy();
          reject(error);
        }
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}
