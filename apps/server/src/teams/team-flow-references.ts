import { type LocalizedText, referencesTo } from '@flowdesk/model';
import type { StoreRepositories } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-ports.ts';

/** A published flow whose live version, or a version executions still run on, has steps naming a team. */
export interface FlowNamingTeam {
  readonly flowId: string;
  readonly name: LocalizedText;
  /** The version naming it: the latest when it does, else the newest one still running. */
  readonly version: number;
  readonly nodeIds: readonly string[];
  /** The latest published version names it (publishing a change frees the team). */
  readonly latest: boolean;
  /** Older versions naming it that executions in flight (running or waiting) are pinned to. */
  readonly inFlightVersions: readonly number[];
}

/**
 * The unarchived flows whose latest published version names the team in a
 * step (assign to the team, escalate to it, a ticket's team, its members
 * deciding an approval, its calendar), or an older version does that
 * executions in flight are pinned to: they resume on it and would reach a
 * missing team. Switched-off flows count too: their executions in flight run
 * on that version, and switching them on brings it back. Drafts do not:
 * nothing runs them, and the lint names the missing team.
 */
export async function flowsNamingTeam(tx: StoreRepositories, teamId: string): Promise<FlowNamingTeam[]> {
  const found: FlowNamingTeam[] = [];
  const running = new Map<string, number[]>();
  for (const count of await tx.executions.countRunning()) {
    if (count.running <= 0) continue;
    running.set(count.flowId, [...(running.get(count.flowId) ?? []), count.version]);
  }
  for (const flow of await tx.flows.list({ workspaceId: DEFAULT_WORKSPACE_ID })) {
    const latest = await tx.versions.latest(flow.id);
    if (!latest) continue;
    const latestReferences = referencesTo(latest.graph, 'team', teamId);
    const inFlightVersions: number[] = [];
    const nodeIds = new Set(latestReferences.map((reference) => reference.nodeId));
    for (const number of (running.get(flow.id) ?? []).sort((a, b) => b - a)) {
      if (number === latest.version) continue;
      const older = await tx.versions.get(flow.id, number);
      const references = older ? referencesTo(older.graph, 'team', teamId) : [];
      if (references.length === 0) continue;
      inFlightVersions.push(number);
      if (latestReferences.length === 0) for (const reference of references) nodeIds.add(reference.nodeId);
    }
    if (latestReferences.length === 0 && inFlightVersions.length === 0) continue;
    found.push({
      flowId: flow.id,
      name: {
        'zh-CN': flow.localizedName?.['zh-CN']?.trim() || flow.name,
        en: flow.localizedName?.en?.trim() || flow.name,
      },
      version: latestReferences.length > 0 ? latest.version : (inFlightVersions[0] ?? latest.version),
      nodeIds: [...nodeIds],
      latest: latestReferences.length > 0,
      inFlightVersions,
    });
  }
  return found;
}
