import type { Locale } from '@flowdesk/model';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { ReactNode } from 'react';
import { type AppRouter, TRPCProvider } from '../../api/trpc.ts';
import { renderWithI18n } from '../../testing/render-with-i18n.tsx';

/** One call the component made: the procedure and the input it sent. */
export interface SentCall {
  path: string;
  input: unknown;
}

type Answer = unknown | ((input: unknown) => unknown);

/**
 * Renders a work-panel part with a tRPC client answered from `answers` by
 * procedure path (a value, or a function of the input), and records what was
 * sent, inputs included, so a test can check what a click asked the server.
 * An answer that is an Error is sent back as a failure with its message.
 */
export function renderWithServer(ui: ReactNode, answers: Readonly<Record<string, Answer>>, locale?: Locale) {
  const sent: SentCall[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: 'http://flowdesk.test/trpc',
        fetch: async (url, init) => {
          const address = new URL(String(url));
          const paths = decodeURIComponent(address.pathname.replace('/trpc/', '')).split(',');
          const batch = JSON.parse(
            init?.body ? String(init.body) : (address.searchParams.get('input') ?? '{}'),
          ) as Record<string, unknown>;
          const body = paths.map((path, index) => {
            const input = batch[String(index)];
            sent.push({ path, input });
            if (!(path in answers)) return failure(`no answer for ${path}`, 'NOT_FOUND');
            const answer = answers[path];
            const value =
              typeof answer === 'function' ? (answer as (input: unknown) => unknown)(input) : answer;
            return value instanceof Error
              ? failure(value.message, 'PRECONDITION_FAILED')
              : { result: { data: value } };
          });
          return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
        },
      }),
    ],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = renderWithI18n(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {ui}
      </TRPCProvider>
    </QueryClientProvider>,
    locale,
  );
  return { ...view, sent, calls: (path: string) => sent.filter((call) => call.path === path) };
}

function failure(message: string, code: string) {
  return {
    error: {
      message,
      code: -32000,
      data: { code, messages: { 'zh-CN': message, en: message } },
    },
  };
}
