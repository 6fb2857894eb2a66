import { type CompiledFlow, compileFlow } from '@flowdesk/engine';
import type { FlowVersion } from '@flowdesk/model';
import { orderFlows, type Store, type StoreRepositories, WAIT_SUBSCRIPTION_EVENTS } from '@flowdesk/store';
import { DEFAULT_WORKSPACE_ID } from '../app-deps.ts';
import { WAIT_EVENT_BY_TICKET_EVENT } from './ticket-wait-subscription.ts';

/**
 * The latest published version of every flow, compiled once and indexed by
 * trigger type, plus any older version an execution is pinned to. Other
 * processes may publish too, so the index refreshes after `refreshMs`; a
 * publish in this process invalidates it at once. Flows turned off are not
 * live; the rest keep the workspace's order (position, then creation).
 *
 * A refresh runs in the background while the previous index keeps answering,
 * for at most one more `refreshMs` (so another process's publish is seen
 * within two periods). The refresh reads through the store's queue behind
 * the transactions in flight, which under load took hundreds of ms: requests
 * used to wait for it every second (the intake's p99), and ticket events
 * asked during it counted as listened to, each queuing a job for nothing.
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
  /** Bumped by invalidate(): a build that started before a publish must not install its index. */
  private generation = 0;
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
    this.building = undefined;
    this.generation++;
  }

  /**
   * Whether a live ticket-event flow listens to this event kind, or an
   * execution may be waiting for it (a live "Wait for event" node, or a wait
   * subscription that existed when the index was built: executions pinned to
   * an older version). Answered from memory (ticket changes ask it inside their
   * transaction). When the index is missing or too old to answer (see
   * usableIndex) it answers yes and refreshes in the background: an unneeded
   * event costs a job, a dropped one would skip a flow or leave a wait to time out.
   */
  listensToTicketEvent(workspaceId: string, kind: string): boolean {
    const index = this.usableIndex();
    if (!index) {
      void this.refresh().catch(() => undefined);
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

  /**
   * The compiled version an execution is pinned to; null when that version no longer exists.
   * Inside a transaction pass its repositories: a read through the store would wait for the
   * transaction's own batch to end.
   */
  async version(
    flowId: string,
    version: number,
    repositories: Pick<StoreRepositories, 'versions'> = this.store,
  ): Promise<CompiledFlow | null> {
    const cached = this.compiled.get(`${flowId}@${version}`);
    if (cached) return cached;
    const stored = await repositories.versions.get(flowId, version);
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
    return this.usableIndex()?.byWorkspace ?? this.refresh();
  }

  /**
   * The index while it may still answer: fresh, or stale by less than one more
   * period, in which case a refresh starts in the background. Undefined when
   * there is none (never built, invalidated) or it is older than that.
   */
  private usableIndex(): FlowIndex | undefined {
    const index = this.index;
    if (!index) return undefined;
    const age = this.now() - index.builtAt;
    if (age < this.refreshMs) return index;
    void this.refresh().catch(() => undefined);
    return age < 2 * this.refreshMs ? index : undefined;
  }

  private refresh(): Promise<Map<string, LiveFlow[]>> {
    if (this.building) return this.building;
    const building = this.build().finally(() => {
      if (this.building === building) this.building = undefined;
    });
    this.building = building;
    return building;
  }

  private async build(): Promise<Map<string, LiveFlow[]>> {
    const startedAt = this.now();
    const generation = this.generation;
    const byWorkspace = new Map<string, LiveFlow[]>();
    const waitsByWorkspace = new Map<string, Set<string>>();
    // Subscriptions carry no workspace yet; with one workspace they all belong to it.
    // The reads are asked all at once: each waits its turn behind the transactions in flight.
    const found = await Promise.all(
      WAIT_SUBSCRIPTION_EVENTS.map((event) => this.store.waitSubscriptions.has(event)),
    );
    const subscribed = new Set(WAIT_SUBSCRIPTION_EVENTS.filter((_event, at) => found[at]));
    // One workspace until multi-tenancy arrives; the index is already keyed by workspace.
    for (const workspaceId of [DEFAULT_WORKSPACE_ID]) {
      const live: LiveFlow[] = [];
      const records = orderFlows(await this.store.flows.list({ workspaceId })).filter(
        (record) => record.enabled,
      );
      const latestVersions = await Promise.all(
        records.map((record) => this.store.versions.latest(record.id)),
      );
      for (const [at, record] of records.entries()) {
        const latest = latestVersions[at];
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
    if (generation === this.generation) this.index = { builtAt: startedAt, byWorkspace, waitsByWorkspace };
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
