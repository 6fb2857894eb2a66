import { assertPublicAddress } from '@flowdesk/connectors';
import type { ActivityHandler } from '@flowdesk/desk';
import { renderTemplate } from '@flowdesk/engine';
import type { HttpMethod } from '@flowdesk/model';
import { RUNTIME_MESSAGES } from '../runtime-messages.ts';

interface HttpRequestConfig {
  method: HttpMethod;
  url: string;
  headers: { name: string; value: string }[];
  body?: string;
  timeoutMs: number;
  responseMapping: { variable: string; path: string }[];
}

const MAX_RESPONSE_BYTES = 1_000_000;

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Calls an order or device system and maps its answer into variables. It runs
 * from a durable job (the flow needs the answer), may repeat after a crash, and
 * sends the step's idempotency key so the receiver can tell.
 */
export interface HttpRequestOptions {
  readonly allowPrivateNetworks: boolean;
  /**
   * Addresses on this server itself that flows may call although it is on a
   * private network: the built-in demo services (`<public URL>/demo/`), so the
   * demo templates work without opening every private address.
   */
  readonly trustedPrefixes?: readonly string[];
}

/** True when the URL, once normalised (no `..` tricks), lies under one of the trusted prefixes. */
export function isTrustedUrl(url: string, prefixes: readonly string[]): boolean {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return false;
  }
  return prefixes.some((prefix) => {
    const trusted = new URL(prefix);
    return href.startsWith(trusted.href) && new URL(href).origin === trusted.origin;
  });
}

export function httpRequestActivity(options: HttpRequestOptions): ActivityHandler {
  return {
    mode: 'deferred',
    async run(command, ctx) {
      const config = command.config as unknown as HttpRequestConfig;
      const data = command.input;
      const fail = (detail: string, retryable: boolean) => ({
        ok: false as const,
        error: {
          code: 'runtime.http_failed',
          message: RUNTIME_MESSAGES['runtime.http_failed'](detail),
          retryable,
        },
      });
      const rendered = renderTemplate(config.url, data, { locale: 'en' });
      // A placeholder like [request.customFields.orderNo] must never be sent as part of an address.
      if (rendered.missing.length > 0) return fail(`missing ${rendered.missing.join(', ')}`, false);
      const url = rendered.text.trim();
      try {
        if (!isTrustedUrl(url, options.trustedPrefixes ?? [])) {
          await assertPublicAddress(url, options.allowPrivateNetworks);
        }
      } catch (error) {
        return fail((error as Error).message, false);
      }
      const headers: Record<string, string> = { 'idempotency-key': ctx.idempotencyKey };
      for (const header of config.headers)
        headers[header.name] = renderTemplate(header.value, data, { locale: 'en' }).text;
      const body = config.body ? renderTemplate(config.body, data, { locale: 'en' }).text : undefined;
      if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: config.method,
          headers,
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        return fail((error as Error).message, true);
      }
      const raw = await response.text();
      if (raw.length > MAX_RESPONSE_BYTES)
        return fail(`response larger than ${MAX_RESPONSE_BYTES} bytes`, false);
      let parsed: unknown = raw;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        // Not JSON: the body stays text and mappings find nothing in it.
      }
      if (!response.ok)
        return fail(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
      const variables: Record<string, unknown> = {};
      for (const mapping of config.responseMapping)
        variables[mapping.variable] = readPath(parsed, mapping.path) ?? null;
      return { ok: true, output: { http: { status: response.status, body: parsed as never }, variables } };
    },
  };
}
