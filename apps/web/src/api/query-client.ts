import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isUnauthorized } from './api-error.ts';

/** tRPC's query key of auth.me (its path, then the call's input and type). */
const SESSION_KEY = [['auth', 'me']];

/**
 * The app's query client. Any answer that says "not signed in" (a session
 * ended elsewhere: signed out everywhere, an admin deactivated the account)
 * resets the session query, so the shell sends the person to the sign-in page
 * at their next action instead of leaving a page that fails bit by bit.
 */
export function createQueryClient(): QueryClient {
  const endSession = (error: unknown) => {
    if (isUnauthorized(error)) void client.resetQueries({ queryKey: SESSION_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // The session query itself already sends the shell to the sign-in page.
        const [path] = query.queryKey as [unknown];
        if (JSON.stringify(path) !== JSON.stringify(SESSION_KEY[0])) endSession(error);
      },
    }),
    mutationCache: new MutationCache({ onError: endSession }),
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  });
  return client;
}
