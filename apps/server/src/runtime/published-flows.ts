import { type CompiledFlow, compileFlow } from '@flowdesk/engine';
import type { FlowVersion } from '@flowdesk/model';
import { orderFlows, type Store, WAIT_SUBSCRIPTION_EVENTS } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { WAIT_EVENT_BY_TICKET_EVENT } from './ticket-wait-subscription.ts';

/**
 * The latest published version of every flow, compiled once and indexed by
 * trigger type, plus any older version an execution is pinned to. Other
 * processes may publish too, so the index refreshes after `refreshMs`; a
 * publish in this process invalidates it at once. Flows turned off are not
 * live; the rest keep the workspace's order (position, then creation).
 */
export interface LiveFlow {
  readonly flowId: string;
  readonly name: string;
  readonly flow: CompiledFlow;
  readonly triggerType: string;
  readonly triggerConfig: unknown;
}

export interface PublishedFlowsOptions {
  readonly refreshMs?: number;
  readonly now?: () => number;
}

interface FlowIndex {
  builtAt: number;
  byWorkspace: Map<string, LiveFlow[]>;
  /** Wait events ("Wait for event" kinds) some execution may be waiting for, by workspace. */
  waitsByWorkspace: Map<string, Set<string>>;
}

export class PublishedFlows {
  private readonly compiled = new Map<string, CompiledFlow>();
  private index: FlowIndex | undefined;
  private building: Promise<Map<string, LiveFlow[]>> | undefined;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: PublishedFlowsOptions = {},
  ) {
    this.refreshMs = options.refreshMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  invalidate(): void {
    this.index = undefined;
  }

  /**
   * Whether a live ticket-event flow listens to this event kind, or an
   * execution may be waiting for it (a live "Wait for event" node, or a wait
   * subscription that existed when the index was built: executions pinned to
   * an older version). Answered from memory (ticket changes ask it inside their
   * transaction). When the index is missing or old it answers yes and
   * refreshes in the background: an unneeded event costs a job, a dropped one
   * would skip a flow or leave a wait to time out.
   */
  listensToTicketEvent(workspaceId: string, kind: string): boolean {
    const index = this.index;
    if (!index || this.now() - index.builtAt >= this.refreshMs) {
      void this.currentIndex().catch(() => undefined);
      return true;
    }
    const waitEvent = WAIT_EVENT_BY_TICKET_EVENT[kind];
    if (waitEvent && index.waitsByWorkspace.get(workspaceId)?.has(waitEvent)) return true;
    return (index.byWorkspace.get(workspaceId) ?? []).some(
      (live) =>
        live.triggerType === 'trigger.ticket_event' &&
        ((live.triggerConfig as { events?: string[] } | undefined)?.events ?? []).includes(kind),
    );
  }

  /** Live flows of a workspace, in its order. */
  async live(workspaceId: string): Promise<LiveFlow[]> {
    return (await this.currentIndex()).get(workspaceId) ?? [];
  }

  /** Live flows of a workspace whose trigger is of the given type, in the workspace's order. */
  async withTrigger(workspaceId: string, triggerType: string): Promise<LiveFlow[]> {
    const byWorkspace = await this.currentIndex();
    return (byWorkspace.get(workspaceId) ?? []).filter((live) => live.triggerType === triggerType);
  }

  /** The compiled version an execution is pinned to; null when that version no longer exists. */
  async version(flowId: string, version: number): Promise<CompiledFlow | null> {
    const cached = this.compiled.get(`${flowId}@${version}`);
    if (cached) return cached;
    const stored = await this.store.versions.get(flowId, version);
    return stored ? this.compile(stored) : null;
  }

  private compile(version: FlowVersion): CompiledFlow {
    const key = `${version.flowId}@${version.version}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileFlow(version);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private async currentIndex(): Promise<Map<string, LiveFlow[]>> {
    if (this.index && this.now() - this.index.builtAt < this.refreshMs) return this.index.byWorkspace;
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<Map<string, LiveFlow[]>> {
    const startedAt = this.now();
    const byWorkspace = new Map<string, LiveFlow[]>();
    const waitsByWorkspace = new Map<string, Set<string>>();
    // Subscriptions carry no workspace yet; with one workspace they all belong to it.
    const subscribed = new Set<string>();
    for (const event of WAIT_SUBSCRIPTION_EVENTS) {
      if (await this.store.waitSubscriptions.has(event)) subscribed.add(event);
    }
    // One workspace until multi-tenancy arrives; the index is already keyed by workspace.
    for (const workspaceId of [DEFAULT_WORKSPACE_ID]) {
      const live: LiveFlow[] = [];
      for (const record of orderFlows(await this.store.flows.list({ workspaceId }))) {
        if (!record.enabled) continue;
        const latest = await this.store.versions.latest(record.id);
        if (!latest) continue;
        const flow = this.compile(latest);
        const trigger = flow.nodes.get(flow.trigger.id);
        live.push({
          flowId: record.id,
          name: record.name,
          flow,
          triggerType: flow.trigger.type,
          triggerConfig: trigger?.config,
        });
      }
      byWorkspace.set(workspaceId, live);
      waitsByWorkspace.set(workspaceId, new Set([...subscribed, ...live.flatMap(waitEventsOf)]));
    }
    this.index = { builtAt: startedAt, byWorkspace, waitsByWorkspace };
    return byWorkspace;
  }
}

/** The events a flow's "Wait for event" nodes wait for. */
function waitEventsOf(live: LiveFlow): string[] {
  const events: string[] = [];
  for (const node of live.flow.nodes.values()) {
    const event = (node.config as { event?: unknown }).event;
    if (node.type === 'timing.wait_for_event' && typeof event === 'string') events.push(event);
  }
  return events;
}
