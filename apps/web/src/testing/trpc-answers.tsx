import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { ReactNode } from 'react';
import { type AppRouter, TRPCProvider } from '../api/trpc.ts';

/**
 * Wraps `children` in the app's tRPC and query providers with a real client
 * whose requests are answered from `answers` by procedure path
 * (`workspace.references`), so a component's data comes through its query as
 * in the app. `requested` lists the procedures asked for.
 */
export function withTrpcAnswers(answers: Readonly<Record<string, unknown>>, children: ReactNode) {
  const requested: string[] = [];
  const client = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: 'http://flowdesk.test/trpc',
        fetch: async (url) => {
          const paths = decodeURIComponent(new URL(String(url)).pathname.replace('/trpc/', '')).split(',');
          requested.push(...paths);
          const body = paths.map((path) =>
            path in answers
              ? { result: { data: answers[path] } }
              : { error: { message: `no answer for ${path}`, code: -32004, data: { code: 'NOT_FOUND' } } },
          );
          return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
        },
      }),
    ],
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ui = (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
  return { ui, requested };
}
