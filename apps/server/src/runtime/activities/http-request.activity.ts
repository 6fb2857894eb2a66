import { type AddressResolver, guardedFetch, OutboundRefusal } from '@flowdesk/connectors';
import {
  type ActivityModule,
  renderForSimulation,
  simulated,
  type TypedActivityHandler,
} from '@flowdesk/desk';
import { type OutputEscape, renderTemplate } from '@flowdesk/engine';
import { answerDemoRequest } from '../../templates/demo-services.routes.ts';

const MAX_RESPONSE_BYTES = 1_000_000;

/**
 * Reads the answer as text, stopping as soon as it passes `limit` bytes so a
 * huge or endless answer never sits in memory whole. Undefined when too large.
 */
export async function readLimitedText(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * How `{{ }}` values are escaped in the body: as JSON string text for a JSON
 * body (the default content type), as a URL component for a form body, and
 * left alone for any other content type the author chose.
 */
function bodyEscape(headers: { name: string; value: string }[]): OutputEscape | undefined {
  const declared = headers.find((header) => header.name.toLowerCase() === 'content-type');
  const type = declared?.value.toLowerCase() ?? 'application/json';
  if (type.includes('json')) return 'json-string';
  if (type.includes('application/x-www-form-urlencoded')) return 'url-component';
  return undefined;
}

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
   * Demo mode: calls under this prefix (`<public URL>/demo/`) are answered by
   * the built-in demo services in this process and never reach the network,
   * so the demo templates work while the private-network guard trusts no
   * address at all (whatever listens at the public URL is not reached).
   */
  readonly demoPrefix?: string;
  /** Resolves host names; for tests. */
  readonly resolve?: AddressResolver;
}

/** The path below the prefix (`/orders/A-1`) when the URL, once normalised (no `..` tricks), lies under it. */
export function pathUnder(url: string, prefix: string): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  const base = new URL(prefix);
  if (target.origin !== base.origin || !target.href.startsWith(base.href)) return undefined;
  return target.pathname.slice(base.pathname.length - 1);
}

function demoResponse(method: string, path: string): Response {
  const answer = answerDemoRequest(method, path);
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json' },
  });
}

export function httpRequestActivity(
  options: HttpRequestOptions,
): TypedActivityHandler<'action.http_request'> {
  return {
    mode: 'deferred',
    async run(command, ctx) {
      const config = command.config;
      const data = command.input;
      const fail = (detail: string, retryable: boolean) => ({
        ok: false as const,
        error: {
          code: 'runtime.http_failed',
          params: { detail },
          retryable,
        },
      });
      // Each inserted value is one URL component: customer text can never add path segments or a query.
      const rendered = renderTemplate(config.url, data, { locale: 'en', escape: 'url-component' });
      // A missing field would leave an empty path segment (`/orders/`): never call such an address.
      if (rendered.missing.length > 0) return fail(`missing ${rendered.missing.join(', ')}`, false);
      const url = rendered.text.trim();
      const headers: Record<string, string> = { 'idempotency-key': ctx.idempotencyKey };
      for (const header of config.headers) {
        const value = renderTemplate(header.value, data, { locale: 'en' }).text;
        // A line break could start a new header, and HTTP cannot carry e.g. Chinese in a header: refuse both.
        if (/[^\t\x20-\x7e\x80-\xff]/.test(value))
          return fail(`header ${header.name} contains characters a header cannot carry`, false);
        headers[header.name] = value;
      }
      const bodyEscaping = bodyEscape(config.headers);
      const body = config.body
        ? renderTemplate(config.body, data, {
            locale: 'en',
            ...(bodyEscaping ? { escape: bodyEscaping } : {}),
          }).text
        : undefined;
      if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      const demoPath = options.demoPrefix ? pathUnder(url, options.demoPrefix) : undefined;
      let response: Response;
      try {
        response =
          demoPath !== undefined
            ? demoResponse(config.method, demoPath)
            : await guardedFetch(
                url,
                {
                  method: config.method,
                  headers,
                  ...(body ? { body } : {}),
                  signal: AbortSignal.timeout(config.timeoutMs),
                },
                {
                  allowPrivateNetworks: options.allowPrivateNetworks,
                  ...(options.resolve ? { resolve: options.resolve } : {}),
                },
              );
      } catch (error) {
        // A refused address or redirect will be refused again; a network failure may pass later.
        return fail((error as Error).message, !(error instanceof OutboundRefusal));
      }
      let raw: string | undefined;
      try {
        raw = await readLimitedText(response, MAX_RESPONSE_BYTES);
      } catch (error) {
        return fail((error as Error).message, true);
      }
      if (raw === undefined) return fail(`response larger than ${MAX_RESPONSE_BYTES} bytes`, false);
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
      return { ok: true, output: { http: { status: response.status, body: parsed }, variables } };
    },
  };
}

/** A dry run notes the call it would make and maps every response field to null: nothing is called. */
export const httpRequestModule: ActivityModule<'action.http_request', HttpRequestOptions> = {
  type: 'action.http_request',
  handler: httpRequestActivity,
  simulate: (command, simulation) => {
    const { config, input } = command;
    simulation.note('http', `${config.method} ${renderForSimulation(config.url, input)}`);
    const variables = Object.fromEntries(config.responseMapping.map((mapping) => [mapping.variable, null]));
    return simulated({ variables });
  },
};
