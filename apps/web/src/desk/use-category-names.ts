import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../api/trpc.ts';
import { useLocale } from '../i18n/i18n.ts';

export interface CategoryNames {
  /** The workspace's categories (the live flows' Classify steps), each named in the reader's language. */
  options: ReadonlyArray<{ id: string; name: string }>;
  /** A category id as the reader reads it: its name in their language, else the id itself. */
  nameOf(id: string): string;
}

/**
 * The names of the categories tickets carry, for lists and filters that only
 * hold the ids (inbox, tickets, dashboard). `teams.categories` names them in
 * both languages from the Classify steps' labels; an id no live flow knows
 * shows as itself.
 */
export function useCategoryNames(): CategoryNames {
  const trpc = useTRPC();
  const locale = useLocale();
  const known = useQuery({ ...trpc.teams.categories.queryOptions(), staleTime: 60_000 }).data ?? [];
  const options = known.map((category) => ({ id: category.id, name: category.name[locale] }));
  const names = new Map(options.map((option) => [option.id, option.name]));
  return { options, nameOf: (id) => names.get(id) ?? id };
}
