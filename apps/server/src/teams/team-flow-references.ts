import { type LocalizedText, referencesTo } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-ports.ts';

/** A published flow whose live version has steps naming a team. */
export interface FlowNamingTeam {
  readonly flowId: string;
  readonly name: LocalizedText;
  readonly version: number;
  readonly nodeIds: readonly string[];
}

/**
 * The unarchived flows whose latest published version names the team in a
 * step (assign to the team, escalate to it, a ticket's team, its members
 * deciding an approval, its calendar). Switched-off flows count too: their
 * executions in flight run on that version, and switching them on brings it
 * back. Drafts do not: nothing runs them, and the lint names the missing team.
 */
export async function flowsNamingTeam(tx: StoreRepositories, teamId: string): Promise<FlowNamingTeam[]> {
  const found: FlowNamingTeam[] = [];
  for (const flow of await tx.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID })) {
    const latest = await tx.versions.latest(flow.id);
    if (!latest) continue;
    const references = referencesTo(latest.graph, 'team', teamId);
    if (references.length === 0) continue;
    found.push({
      flowId: flow.id,
      name: {
        'zh-CN': flow.localizedName?.['zh-CN']?.trim() || flow.name,
        en: flow.localizedName?.en?.trim() || flow.name,
      },
      version: latest.version,
      nodeIds: [...new Set(references.map((reference) => reference.nodeId))],
    });
  }
  return found;
}
