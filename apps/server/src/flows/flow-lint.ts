import { type FlowGraph, lintFlow, type Problem } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { storedMessageTexts } from './stored-message-texts.ts';
import { workspaceReferences } from './workspace-references.ts';

/**
 * lintFlow with what only the store knows: the saved message templates a
 * flow's messages pick, and the workspace's teams, agents, SLA policies,
 * templates and tags its fields name. Lint, publish, rollback, import and the
 * test run all use it, so they agree on what blocks a flow.
 */
export async function lintInWorkspace(
  store: Pick<StoreRepositories, 'teams' | 'agents' | 'slaPolicies' | 'messageTemplates' | 'kbArticles'>,
  graph: FlowGraph,
): Promise<Problem[]> {
  const [messageTemplates, workspace] = await Promise.all([
    storedMessageTexts(store, graph),
    workspaceReferences(store, DEFAULT_WORKSPACE_ID),
  ]);
  return lintFlow(graph, { messageTemplates, workspace });
}
