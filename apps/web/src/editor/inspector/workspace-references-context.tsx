import type { FlowGraph, WorkspaceReferences } from '@flowdesk/model';
import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { useTRPC } from '../../api/trpc.ts';
import { categoriesBefore, type ReferenceSources } from './reference-options.ts';

/**
 * What the inspector's reference dropdowns pick from: the workspace's teams,
 * agents, SLA policies, message templates and knowledge-base tags, loaded
 * through `workspace.references` (the lists the server's lint checks
 * against), and the categories the Classify steps before the selected node
 * decide. Without a provider (or while loading) the workspace lists are
 * unknown, and a stored value is shown as it is.
 */
const NO_SOURCES: ReferenceSources = { workspace: undefined, categories: [] };
const ReferenceSourcesContext = createContext<ReferenceSources>(NO_SOURCES);

/** The workspace's records, shared by the dropdowns and the editor's lint (one cached query). */
export function useWorkspaceReferences(): WorkspaceReferences | undefined {
  const trpc = useTRPC();
  return useQuery({ ...trpc.workspace.references.queryOptions(), staleTime: 60_000 }).data;
}

export function ReferenceSourcesProvider(props: { graph?: FlowGraph; nodeId?: string; children: ReactNode }) {
  const workspace = useWorkspaceReferences();
  const categories = useMemo(() => categoriesBefore(props.graph, props.nodeId), [props.graph, props.nodeId]);
  const value = useMemo(() => ({ workspace, categories }), [workspace, categories]);
  return <ReferenceSourcesContext.Provider value={value}>{props.children}</ReferenceSourcesContext.Provider>;
}

export function useReferenceSources(): ReferenceSources {
  return useContext(ReferenceSourcesContext);
}
