import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';

/** The signed-in user, or an UNAUTHORIZED error when there is none. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
}
