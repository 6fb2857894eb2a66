import { text, type WorkspaceReferences } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';

type ReferenceStore = Pick<
  StoreRepositories,
  'teams' | 'agents' | 'slaPolicies' | 'messageTemplates' | 'kbArticles'
>;

/**
 * What a flow may name by id in this workspace: its teams, agents, SLA
 * policies, saved message templates and the tags its knowledge-base articles
 * carry. The linter checks a flow's references against it; the editor's
 * dropdowns offer it (workspace.references).
 */
export async function workspaceReferences(
  store: ReferenceStore,
  workspaceId: string,
): Promise<WorkspaceReferences> {
  const [teams, agents, slaPolicies, messageTemplates, articles] = await Promise.all([
    store.teams.list(workspaceId),
    store.agents.list({ workspaceId }),
    store.slaPolicies.list(workspaceId),
    store.messageTemplates.list(workspaceId),
    store.kbArticles.list(workspaceId),
  ]);
  const named = (id: string, name: string) => ({ id, label: text(name, name) });
  const tags = [...new Set(articles.flatMap((article) => article.tags))].sort();
  return {
    team: teams.map((team) => ({ id: team.id, label: team.name })),
    agent: agents.map((agent) => named(agent.id, agent.name)),
    sla_policy: slaPolicies.map((policy) => named(policy.id, policy.name)),
    message_template: messageTemplates.map((template) => named(template.id, template.name)),
    knowledge_tag: tags.map((tag) => named(tag, tag)),
  };
}
