import type { FlowGraph } from '@flowdesk/model';
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../store.port.ts';

export interface StoreContractOptions {
  /**
   * Opens a second connection to the same database as the given store, to prove
   * that exclusivity holds across connections (and so across processes). When
   * absent, the concurrency tests run on one connection.
   */
  openPeer?: (store: Store) => Promise<Store>;
}

export interface ContractContext {
  store(): Store;
  peer(): Promise<Store>;
}

/** Opens a fresh store before each test and closes it (and any peers) after. */
export function useContractStore(
  openFresh: () => Promise<Store>,
  options: StoreContractOptions,
): ContractContext {
  let current: Store | null = null;
  let peers: Store[] = [];

  beforeEach(async () => {
    current = await openFresh();
  });

  afterEach(async () => {
    for (const peer of peers) await peer.close();
    peers = [];
    await current?.close();
    current = null;
  });

  const store = (): Store => {
    if (!current) throw new Error('The contract store is not open');
    return current;
  };

  return {
    store,
    async peer() {
      if (!options.openPeer) return store();
      const peer = await options.openPeer(store());
      peers.push(peer);
      return peer;
    },
  };
}

const BASE_MS = Date.parse('2026-11-22T08:00:00.000Z');

/** A fixed clock: at(0) is the start of every scenario, at(1000) one second later. */
export function at(offsetMs: number): string {
  return new Date(BASE_MS + offsetMs).toISOString();
}

export function sampleGraph(label = 'Start'): FlowGraph {
  return {
    nodes: [
      {
        id: 'start',
        type: 'trigger.request',
        config: { channel: 'web', nested: { empty: {}, list: [] } },
        position: { x: 0, y: 0 },
        label,
      },
      { id: 'ticket', type: 'action.createTicket', config: {}, position: { x: 200, y: 0 } },
    ],
    edges: [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'ticket' }],
    settings: { timezone: 'Asia/Shanghai', defaultLocale: 'zh-CN', variables: [] },
  };
}

export async function createSampleFlow(store: Store, id = 'flow-1', workspaceId = 'ws-1') {
  return store.flows.create({
    id,
    workspaceId,
    name: `Flow ${id}`,
    description: '退货申请 / returns',
    draft: sampleGraph(),
    createdBy: 'user-a',
    now: at(0),
  });
}
